import { action, REGULATOR } from '../common/action'
import { cursorSchema, pageInput, pageOutput } from '../common/paging'
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../complaint/labels'
import { stallCodeSchema } from '../user/contract'
import { id, isoDate, text, z } from '../zod'
import { NEED_KEYS, type NeedKind } from './needs'
import { REASON_KEYS, type VisitReason } from './rules'

/**
 * 走访问需 (#17): the regulator's visit list, the visit form (from a stall code or a list row), visit
 * records, and follow-up tasks. Actions of the `visit` function; regulators and admins only, scoped
 * to the regulator's region exactly as the 诉求 workbench is.
 */

export const needEnum = z.enum(NEED_KEYS as [NeedKind, ...NeedKind[]], '请选择需求类别')
const reasonEnum = z.enum(REASON_KEYS as [VisitReason, ...VisitReason[]])
const categoryEnum = z.enum(Object.keys(COMPLAINT_CATEGORIES) as [ComplaintCategory, ...ComplaintCategory[]], '请选择诉求类别')

/** A household's credit code as the list hands it out (18 characters, upper case). */
const codeSchema = z.string().regex(/^[0-9A-Z]{18}$/, '统一社会信用代码应为18位')

/** Which household: a stall code (scanned or from the list) or a credit code (a list row). */
export const targetInput = {
  scene: stallCodeSchema.optional(),
  code: codeSchema.optional()
}

export const reasonSchema = z.strictObject({ kind: reasonEnum, label: z.string(), detail: z.string().nullable() })
export type ReasonView = z.infer<typeof reasonSchema>

export const visitRowSchema = z.strictObject({
  /** the list's own key for the row (a credit code), also what the form opens with */
  id: z.string(),
  code: z.string(),
  businessName: z.string(),
  /** the operator's name, masked; null when unknown */
  operator: z.string().nullable(),
  marketName: z.string().nullable(),
  joined: z.boolean(),
  reasons: z.array(reasonSchema),
  /** China date of the last visit recorded, null when never */
  lastVisitedOn: z.string().nullable()
})
export type VisitRow = z.infer<typeof visitRowSchema>

export const pastVisitSchema = z.strictObject({
  id: z.string(),
  visitedOn: z.string(),
  byName: z.string(),
  needs: z.array(z.string()),
  needText: z.string(),
  help: z.string()
})
export type PastVisit = z.infer<typeof pastVisitSchema>

export const visitContextSchema = z.strictObject({
  regionName: z.string(),
  stall: z.strictObject({ number: z.string(), marketName: z.string() }).nullable(),
  household: z
    .strictObject({
      businessName: z.string(),
      operator: z.string().nullable(),
      code: z.string(),
      joined: z.boolean(),
      /** 已核验（…） / 待核验 / 未加入小程序 */
      verification: z.string()
    })
    .nullable(),
  reasons: z.array(reasonSchema),
  past: z.array(pastVisitSchema),
  /** a 诉求 can be filed on the household's behalf only when it has joined (the owner follows it) */
  canFileComplaint: z.boolean()
})
export type VisitContext = z.infer<typeof visitContextSchema>

export const followupSchema = z.strictObject({
  id: z.string(),
  kind: needEnum,
  kindLabel: z.string(),
  title: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  businessName: z.string().nullable(),
  assigneeName: z.string(),
  mine: z.boolean(),
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable()
})
export type FollowupView = z.infer<typeof followupSchema>

const followupInput = z.strictObject({
  kind: needEnum,
  title: text(60, 0).optional(),
  dueOn: isoDate
})

export const visitContract = {
  /** 走访名单 of the region (or one market; `none`: outside any market), reasons merged per household. */
  'visit.list': action({
    input: z.strictObject({ marketId: z.union([id, z.literal('none')]).optional(), cursor: cursorSchema.optional(), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.strictObject({
      items: z.array(visitRowSchema),
      nextCursor: z.string().nullable(),
      markets: z.array(z.strictObject({ id: z.string(), name: z.string() })),
      /** households per reason where the database can count them by region; null where it cannot yet */
      counts: z.array(z.strictObject({ kind: reasonEnum, label: z.string(), count: z.number().int().nullable() }))
    }),
    roles: REGULATOR
  }),
  /** What the form shows: the stall, its household (masked), verification, reasons, past visits. */
  'visit.context': action({ input: z.strictObject(targetInput), output: visitContextSchema, roles: REGULATOR }),
  /** Records a visit; optional follow-ups and a 诉求 filed for the household. Once per requestId. */
  'visit.record': action({
    input: z.strictObject({
      ...targetInput,
      needs: z.array(needEnum).max(7).default([]),
      needText: text(500, 0).default(''),
      help: text(500, 0).default(''),
      followups: z.array(followupInput).max(5, '一次最多建5个跟进事项').default([]),
      complaint: z.strictObject({ category: categoryEnum, what: text(500, 5) }).optional()
    }),
    output: z.strictObject({ id: z.string(), visitedOn: z.string(), followups: z.array(followupSchema), complaintId: z.string().nullable() }),
    roles: REGULATOR,
    creates: true
  }),
  /** 跟进事项: mine or the region's; open, overdue or done; newest first. */
  'visit.followup.list': action({
    input: z.strictObject({ scope: z.enum(['mine', 'region']), status: z.enum(['open', 'overdue', 'done']), ...pageInput(20) }),
    output: z.strictObject({ items: z.array(followupSchema), ...pageOutput }),
    roles: REGULATOR
  }),
  'visit.followup.done': action({
    input: z.strictObject({ id, note: text(200, 0).default('') }),
    output: followupSchema,
    roles: REGULATOR
  })
}
