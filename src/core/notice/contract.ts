import { action, OWNER, REGULATOR } from '../common/action'
import { pageInput, pageOutput } from '../common/paging'
import { id, isoDate, text, z } from '../zod'
import { creditCodeSchema } from '../user/contract'
import { INDUSTRIES, keysOf } from '../user/options'
import { ABNORMAL_CAUSES, AUDIENCE_KINDS, HINT_STATUSES, MAX_CHECKLIST, MAX_HINT_PHOTOS, MAX_LIST, PLAN_STATUSES, REPAIR_STATUSES } from './labels'

export * from './labels'

const causeEnum = z.enum(keysOf(ABNORMAL_CAUSES))
const hintStatusEnum = z.enum(keysOf(HINT_STATUSES))
const planStatusEnum = z.enum(keysOf(PLAN_STATUSES))
const evidenceSchema = z.strictObject({ quote: z.string(), source: z.string() })

/** One thing an inspection will look at, and the rule behind it (the regulator cites it). */
const checkItemInput = z.strictObject({ item: text(60), rule: text(120) })
const checkItem = z.strictObject({ item: z.string(), rule: z.string() })

const audienceInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('markets'), marketIds: z.array(id).min(1, '请至少选一个市场').max(50) }),
  z.strictObject({ kind: z.literal('list'), creditCodes: z.array(creditCodeSchema).min(1, '请至少填一个统一社会信用代码').max(MAX_LIST, `一次最多${MAX_LIST}户`) }),
  z.strictObject({ kind: z.literal('rule'), industry: z.enum(keysOf(INDUSTRIES)) })
])

/**
 * What an owner sees of an inspection: the window and the checklist, never the plan's exact
 * day unless the plan reveals it (`day` is null then), and nothing else dated inside the window.
 */
export const inspectionOwnerSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  /** the exact day, only when the plan says it may be told */
  day: z.string().nullable(),
  checklist: z.array(checkItem),
  office: z.string(),
  cancelled: z.boolean()
})

export const planSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  status: planStatusEnum,
  statusLabel: z.string(),
  audience: z.strictObject({ kind: z.enum(keysOf(AUDIENCE_KINDS)), label: z.string(), detail: z.string() }),
  checklist: z.array(checkItem),
  windowStart: z.string(),
  windowEnd: z.string(),
  day: z.string().nullable(),
  hideDay: z.boolean(),
  /** China date and hour the 事前提醒 goes */
  noticeAt: z.string(),
  /** households told so far */
  notified: z.number().int(),
  region: z.string(),
  regionName: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  canCancel: z.boolean()
})

const timelineSchema = z.strictObject({ label: z.string(), at: z.string(), note: z.string().nullable() })

export const hintOwnerSchema = z.strictObject({
  id: z.string(),
  status: hintStatusEnum,
  statusLabel: z.string(),
  rule: z.string(),
  ruleText: z.string().nullable(),
  what: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  /** 轻微 and first time: guidance, not a fine (FIRST_MINOR_RULE), said on the page */
  guidance: z.boolean(),
  office: z.string(),
  photos: z.array(z.string()),
  note: z.string().nullable(),
  returnReason: z.string().nullable(),
  canCorrect: z.boolean(),
  timeline: z.array(timelineSchema),
  createdAt: z.string()
})

export const hintStaffSchema = hintOwnerSchema.omit({ canCorrect: true }).extend({
  businessName: z.string(),
  creditCodeTail: z.string(),
  marketName: z.string().nullable(),
  sentBy: z.string(),
  /** 工作台发出 / 走访时发出 */
  fromLabel: z.string(),
  actions: z.array(z.enum(['confirm', 'return']))
})
const hintRowSchema = hintStaffSchema.pick({ id: true, status: true, statusLabel: true, rule: true, what: true, dueDate: true, overdue: true, businessName: true, marketName: true, createdAt: true })

const stepSchema = z.strictObject({ id: z.string(), text: z.string(), evidence: evidenceSchema.nullable(), platform: z.string().nullable(), done: z.boolean() })

export const repairSchema = z.strictObject({
  status: z.enum(keysOf(REPAIR_STATUSES)),
  statusLabel: z.string(),
  cause: causeEnum,
  causeLabel: z.string(),
  /** the register's or the officer's own words for the cause, when given */
  causeText: z.string().nullable(),
  /** 登记名录 or 监管部门 */
  sourceLabel: z.string(),
  markedAt: z.string(),
  clearedAt: z.string().nullable(),
  steps: z.array(stepSchema),
  /** the China date of the next reminder while the mark stands and the business has an account */
  nextReminderOn: z.string().nullable()
})

export const abnormalRowSchema = z.strictObject({
  id: z.string(),
  businessName: z.string(),
  creditCode: z.string(),
  status: z.enum(keysOf(REPAIR_STATUSES)),
  statusLabel: z.string(),
  causeLabel: z.string(),
  sourceLabel: z.string(),
  markedAt: z.string(),
  clearedAt: z.string().nullable(),
  /** the business has an account in the app (it is told); otherwise only the list knows */
  linked: z.boolean(),
  stepsDone: z.number().int(),
  steps: z.number().int(),
  reminders: z.number().int()
})

const inspectionRow = z.strictObject({ id: z.string(), title: z.string(), windowStart: z.string(), windowEnd: z.string(), cancelled: z.boolean() })

export const noticeContract = {
  /**
   * The owner's notices: their 违规提示 newest first a page at a time; on the first page also the
   * credit repair (if marked or recently cleared) and the inspections they were told of.
   */
  'notice.list': action({
    input: z.strictObject(pageInput()),
    output: z.strictObject({
      hints: z.array(hintOwnerSchema.pick({ id: true, status: true, statusLabel: true, rule: true, what: true, dueDate: true, overdue: true, guidance: true, createdAt: true })),
      ...pageOutput,
      repair: repairSchema.nullable(),
      inspections: z.array(inspectionRow).nullable()
    }),
    roles: OWNER
  }),
  'notice.inspection.get': action({ input: z.strictObject({ id }), output: inspectionOwnerSchema, roles: OWNER }),
  'notice.hint.get': action({ input: z.strictObject({ id }), output: hintOwnerSchema, roles: OWNER }),
  /** 已整改: a photo or more (confirmed uploads, the 诉求 upload path) and a note; once per requestId. */
  'notice.hint.correct': action({
    input: z.strictObject({
      id,
      photos: z.array(id).min(1, '请拍一张整改后的照片').max(MAX_HINT_PHOTOS, `最多${MAX_HINT_PHOTOS}张照片`),
      note: z.string().trim().max(300, '最多300字').default('')
    }),
    output: hintOwnerSchema,
    roles: OWNER,
    creates: true
  }),
  'notice.repair.get': action({ input: z.strictObject({}), output: z.strictObject({ repair: repairSchema.nullable() }), roles: OWNER }),
  /** The owner ticks a repair step as done (or not): their own checklist; it never clears the mark. */
  'notice.repair.check': action({
    input: z.strictObject({ step: z.string().regex(/^[a-z]{1,20}$/, '没有这一步'), done: z.boolean() }),
    output: z.strictObject({ repair: repairSchema.nullable() }),
    roles: OWNER
  }),

  /** An inspection plan of the regulator's region; the 事前提醒 goes by the scheduler. */
  'notice.plan.create': action({
    input: z
      .strictObject({
        title: text(40),
        audience: audienceInput,
        checklist: z.array(checkItemInput).min(1, '请至少写一项检查内容').max(MAX_CHECKLIST, `最多${MAX_CHECKLIST}项`),
        windowStart: isoDate,
        windowEnd: isoDate,
        day: isoDate.optional(),
        hideDay: z.boolean()
      })
      .refine((p) => p.windowEnd >= p.windowStart, { message: '结束日期不能早于开始日期', path: ['windowEnd'] })
      .refine((p) => !p.day || (p.day >= p.windowStart && p.day <= p.windowEnd), { message: '检查日要在时间段内', path: ['day'] })
      // a one-day window names the day: "not telling the day" needs at least two days to hide it in
      .refine((p) => !p.hideDay || p.windowEnd > p.windowStart, { message: '时间段只有一天，就等于告诉了具体哪天；不提前告知检查日的，时间段至少要两天', path: ['windowEnd'] }),
    output: planSchema,
    roles: REGULATOR,
    creates: true
  }),
  'notice.plan.list': action({
    input: z.strictObject(pageInput()),
    output: z.strictObject({ items: z.array(planSchema), ...pageOutput }),
    roles: REGULATOR
  }),
  'notice.plan.cancel': action({ input: z.strictObject({ id }), output: planSchema, roles: REGULATOR }),

  /** A 违规提示 to one household (by its credit code; it must have an account in the app). */
  'notice.hint.send': action({
    input: z.strictObject({
      creditCode: creditCodeSchema,
      rule: text(120),
      ruleText: z.string().trim().max(300, '最多300字').default(''),
      what: text(300, 4),
      dueDate: isoDate,
      /** 轻微 and the household's first time: the wording is guidance (FIRST_MINOR_RULE) */
      firstMinor: z.boolean(),
      /** where the officer sent it from: the workbench, or during a 走访 (seed 003 measure 7) */
      from: z.enum(['workbench', 'visit']).default('workbench')
    }),
    output: hintStaffSchema,
    roles: REGULATOR,
    creates: true
  }),
  /** The hints queue: 待处理 (reported corrected, or overdue) first use; or one status; region-scoped, paged. */
  'notice.hint.queue': action({
    input: z.strictObject({ view: z.enum(['todo', 'all', ...keysOf(HINT_STATUSES)]).default('todo'), ...pageInput() }),
    output: z.strictObject({ items: z.array(hintRowSchema), ...pageOutput }),
    roles: REGULATOR
  }),
  'notice.hint.staffGet': action({ input: z.strictObject({ id }), output: hintStaffSchema, roles: REGULATOR }),
  'notice.hint.review': action({
    input: z
      .strictObject({ id, decision: z.enum(['confirm', 'return']), reason: z.string().trim().max(200, '最多200字').default(''), dueDate: isoDate.optional() })
      .refine((r) => r.decision === 'confirm' || r.reason.length > 0, { message: '请写明退回的原因', path: ['reason'] })
      .refine((r) => r.decision === 'confirm' || !!r.dueDate, { message: '请给一个新的整改期限', path: ['dueDate'] }),
    output: hintStaffSchema,
    roles: REGULATOR
  }),

  /** 经营异常 households of the region (marked, or cleared), newest first. */
  'notice.abnormal.list': action({
    input: z.strictObject({ status: z.enum(keysOf(REPAIR_STATUSES)).default('marked'), ...pageInput() }),
    output: z.strictObject({ items: z.array(abnormalRowSchema), ...pageOutput }),
    roles: REGULATOR
  }),
  'notice.abnormal.mark': action({
    input: z.strictObject({ creditCode: creditCodeSchema, cause: causeEnum, causeText: z.string().trim().max(100, '最多100字').default('') }),
    output: abnormalRowSchema,
    roles: REGULATOR
  }),
  'notice.abnormal.clear': action({
    input: z.strictObject({ creditCode: creditCodeSchema, note: text(100) }),
    output: abnormalRowSchema,
    roles: REGULATOR
  })
}

export type NoticeContract = typeof noticeContract
