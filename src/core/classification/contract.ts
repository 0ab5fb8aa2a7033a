import { action, OWNER, REGULATOR } from '../common/action'
import { pageInput, pageOutput } from '../common/paging'
import { BUSINESS_TYPES, keysOf } from '../user/options'
import { z } from '../zod'
import { OBJECTION_STATUSES } from './rules'

const typeSchema = z.enum(keysOf(BUSINESS_TYPES))
const reasonSchema = z.strictObject({ text: z.string(), met: z.boolean() })

/** How the year's type came about: the decision day, the re-decision, or a regulator's review of an 异议. */
export const DECISION_ROUNDS = { july: '集中判定', september: '重新判定', review: '异议复核改判' } as const

/** The decided type in brief, for 首页 and 我的 (the estimate is shown apart). */
export const decisionBriefSchema = z.strictObject({
  year: z.number().int(),
  type: typeSchema,
  label: z.string(),
  /** when this type was decided (the decision day, the re-decision or the regulator's change) */
  decidedAt: z.string(),
  round: z.enum(keysOf(DECISION_ROUNDS)),
  roundLabel: z.string()
})
export type DecisionBrief = z.infer<typeof decisionBriefSchema>

const historySchema = z.strictObject({
  type: typeSchema,
  label: z.string(),
  roundLabel: z.string(),
  at: z.string(),
  /** the regulator's name, or null for the system's decision */
  byName: z.string().nullable(),
  why: z.string().nullable()
})

export const decisionViewSchema = decisionBriefSchema.extend({
  reasons: z.array(reasonSchema),
  /** what this type brings, in the source's words */
  focus: z.strictObject({ quote: z.string(), document: z.string() }),
  source: z.enum(['register', 'profile']),
  history: z.array(historySchema)
})

export const objectionViewSchema = z.strictObject({
  id: z.string(),
  year: z.number().int(),
  status: z.enum(keysOf(OBJECTION_STATUSES)),
  statusLabel: z.string(),
  reason: z.string(),
  /** the type objected to */
  typeLabel: z.string(),
  /** the type after it was handled (null while open) */
  outcomeLabel: z.string().nullable(),
  /** the regulator's reason, shown to the owner */
  note: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable()
})
export type ObjectionView = z.infer<typeof objectionViewSchema>

/** The schedule of the owner's region, each step with its source's words. */
const scheduleSchema = z.strictObject({
  regionLabel: z.string(),
  document: z.string(),
  decision: z.strictObject({ day: z.string(), quote: z.string(), timeNote: z.string() }),
  review: z.strictObject({ quote: z.string() }),
  redecision: z.strictObject({ day: z.string(), quote: z.string(), timeNote: z.string() }),
  redecides: z.string()
})

const classificationSchema = z.strictObject({
  type: typeSchema,
  label: z.string(),
  reasons: z.array(reasonSchema),
  focus: z.string(),
  note: z.string(),
  configVersion: z.string()
})

export const objectionReasonSchema = z
  .string()
  .trim()
  .min(5, '请写明您认为分型不对的理由（至少5个字），例如雇员人数、营业额有变化')
  .max(500, '理由最多500字')

/** A decision's id as the queue carries it: <year>:<openid>. */
const decisionId = z.string().regex(/^\d{4}:[A-Za-z0-9_-]{1,64}$/, '编号格式不对')

export const staffObjectionSchema = z.strictObject({
  id: z.string(),
  year: z.number().int(),
  status: z.enum(keysOf(OBJECTION_STATUSES)),
  statusLabel: z.string(),
  /** masked: the regulator sees enough to find the file, not the name in full */
  businessName: z.string(),
  regionName: z.string(),
  reason: z.string(),
  type: typeSchema,
  typeLabel: z.string(),
  /** the decision's reasons as the system read them */
  reasons: z.array(reasonSchema),
  /** the estimate from the owner's current profile, for comparison */
  estimateLabel: z.string().nullable(),
  outcomeLabel: z.string().nullable(),
  note: z.string().nullable(),
  decidedByName: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** may still be decided (open and inside the window) */
  open: z.boolean()
})
export type StaffObjection = z.infer<typeof staffObjectionSchema>

export const classificationContract = {
  /** The owner's 分型: the year's decision (with history), the estimate apart, the 异议 and its window. */
  'user.classification.get': action({
    input: z.strictObject({}),
    output: z.strictObject({
      /** null: no yearly decision runs in the owner's region (the estimate only) */
      schedule: scheduleSchema.nullable(),
      decision: decisionViewSchema.nullable(),
      /** from the current profile, labelled 估算 */
      estimate: classificationSchema.nullable(),
      objection: objectionViewSchema.nullable(),
      /** may the owner object now; if not, why (null: nothing to object to) */
      window: z.strictObject({ open: z.boolean(), closesAt: z.string().nullable(), message: z.string().nullable() }).nullable()
    }),
    roles: OWNER
  }),
  'user.classification.object': action({
    input: z.strictObject({ reason: objectionReasonSchema }),
    output: objectionViewSchema,
    roles: OWNER,
    creates: true
  }),
  /** 分型异议: the region's objections, a page at a time, newest first */
  'user.classification.queue': action({
    input: z.strictObject({ status: z.enum(['open', 'closed']), ...pageInput(20) }),
    output: z.strictObject({ items: z.array(staffObjectionSchema), ...pageOutput }),
    roles: REGULATOR
  }),
  'user.classification.decide': action({
    input: z.strictObject({
      id: decisionId,
      outcome: z.enum(['change', 'keep']),
      type: typeSchema.optional(),
      reason: z.string().trim().max(300, '理由最多300字')
    }),
    output: staffObjectionSchema,
    roles: REGULATOR
  })
}
