import { action, REGULATOR } from '../common/action'
import { pageInput, pageOutput } from '../common/paging'
import { z } from '../zod'
import { figureKind, periodProblem } from './figures'

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日')
const marketId = z.string().min(1).max(64)

/**
 * A period of China dates, checked in words (the page keeps what was picked on an error). Absent:
 * this month so far on the server's clock (the phone's clock may be wrong).
 */
const period = {
  from: date.optional(),
  to: date.optional()
}
const checkPeriod = <T extends { from?: string; to?: string }>(v: T, ctx: z.RefinementCtx) => {
  if (!v.from !== !v.to) return ctx.addIssue({ code: 'custom', message: v.from ? '请选择结束日期' : '请选择开始日期', path: [v.from ? 'to' : 'from'] })
  const p = v.from && v.to ? periodProblem(v.from, v.to) : null
  if (p) ctx.addIssue({ code: 'custom', message: p.message, path: [p.field] })
}

const figure = z.string().max(40).refine((f) => !!figureKind(f), '没有这项数据的名单')

/** One number on the dashboard. `figure` names the list behind it (null: an average or a share, no list). */
export const figureSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  figure: z.string().nullable(),
  /** how it was counted, when that is not obvious or not exact (shown under the number) */
  note: z.string().nullable()
})
export type Figure = z.infer<typeof figureSchema>

export const figureGroupSchema = z.strictObject({ id: z.string(), title: z.string(), figures: z.array(figureSchema) })
export type FigureGroup = z.infer<typeof figureGroupSchema>

const seriesSchema = z.array(z.strictObject({ label: z.string(), value: z.number() }))
const exportSchema = z.strictObject({ url: z.string(), fileName: z.string() })

const scopeSchema = z.strictObject({
  /** the regulator's region name; null for an admin (everywhere) */
  regionName: z.string().nullable(),
  marketName: z.string().nullable(),
  from: z.string(),
  to: z.string()
})

export const monitorContract = {
  'monitor.dashboard': action({
    input: z.strictObject({ marketId: marketId.optional(), ...period }).superRefine(checkPeriod),
    output: z.strictObject({
      scope: scopeSchema,
      /** the market filter's choices: the region's markets */
      markets: z.array(z.strictObject({ id: z.string(), name: z.string() })),
      groups: z.array(figureGroupSchema),
      charts: z.strictObject({ newByMonth: seriesSchema, byType: seriesSchema, complaintsByCategory: seriesSchema }),
      /** general notes on how the figures were counted */
      notes: z.array(z.string())
    }),
    roles: REGULATOR
  }),
  'monitor.list': action({
    input: z.strictObject({ figure, marketId: marketId.optional(), ...period, ...pageInput(20) }).superRefine(checkPeriod),
    output: z.strictObject({
      title: z.string(),
      items: z.array(z.strictObject({ id: z.string(), title: z.string(), lines: z.array(z.string()), date: z.string().nullable() })),
      ...pageOutput
    }),
    roles: REGULATOR
  }),
  'monitor.export': action({
    input: z
      .strictObject({ figure: z.union([figure, z.literal('monthly')]), marketId: marketId.optional(), ...period })
      .superRefine(checkPeriod),
    output: exportSchema,
    roles: REGULATOR
  }),
  'monitor.serviceMonth': action({
    input: z.strictObject({ ...period, marketId: marketId.optional(), xlsx: z.boolean().default(false) }).superRefine(checkPeriod),
    output: z.strictObject({
      scope: scopeSchema,
      source: z.string(),
      lines: z.array(z.strictObject({ key: z.string(), label: z.string(), value: z.number(), unit: z.string(), quote: z.string() })),
      notes: z.array(z.string()),
      file: exportSchema.nullable()
    }),
    roles: REGULATOR
  })
}
