import { action, ANYONE, OWNER } from '../common/action'
import { id, isoDate, text, z } from '../zod'
import { keysOf } from '../user/options'
import { PERMIT_TYPES } from './permitTypes'
import { INBOX_MAX_PAGE } from '../common/pageSize'

export { TOPICS, type Topic } from './topics'
import { TOPICS } from './topics'

export const notifySettingsSchema = z.strictObject({
  topics: z.record(z.enum(keysOf(TOPICS)), z.boolean()),
  /** at most this many phone (subscribe) messages a China day; the inbox is never capped */
  dailyCap: z.number().int().min(0).max(20)
})
export type NotifySettings = z.infer<typeof notifySettingsSchema>
export const DEFAULT_NOTIFY: NotifySettings = {
  topics: { permit: true, annualReport: true, policy: true, course: true, loan: true, complaint: true, survey: true, assistant: true, account: true },
  dailyCap: 3
}

export const permitInputSchema = z
  .strictObject({
    id: id.optional(),
    type: z.enum(keysOf(PERMIT_TYPES)),
    /** for type "other": the permit's own name */
    name: text(20).optional(),
    number: text(40),
    authority: text(40),
    issuedOn: isoDate,
    expiresOn: isoDate
  })
  .refine((p) => p.expiresOn > p.issuedOn, { message: '到期日期应晚于发证日期', path: ['expiresOn'] })
  .refine((p) => p.type !== 'other' || !!p.name, { message: '请填写证照名称', path: ['name'] })

/** One rung of a reminder schedule (core/reminder/schedule.ts). */
export const scheduleRowSchema = z.strictObject({
  id: z.string(),
  date: z.string(),
  label: z.string(),
  status: z.enum(['sent', 'quiet', 'due', 'missed', 'upcoming', 'off']),
  statusLabel: z.string()
})
export type ScheduleRowView = z.infer<typeof scheduleRowSchema>

export const permitViewSchema = z.strictObject({
  id,
  type: z.enum(keysOf(PERMIT_TYPES)),
  name: z.string(),
  number: z.string(),
  authority: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string(),
  state: z.enum(['valid', 'renewSoon', 'expired']),
  daysLeft: z.number().int(),
  renewRule: z.string(),
  /** the last day to apply for renewal (China date), where the permit's rule sets one */
  lastApplyOn: z.string().nullable(),
  /** days from today (China) to the last day to apply: 0 on the day, negative once it has passed */
  applyDaysLeft: z.number().int().nullable(),
  howToRenew: z.string(),
  /** the next day the owner hears about it: today or later, never a past date; null when nothing is left or reminders are off */
  nextReminder: z.string().nullable(),
  /** every rung with its date and what became of it */
  schedule: z.array(scheduleRowSchema),
  /** the owner has switched permit reminders off */
  remindersOff: z.boolean()
})
export type PermitView = z.infer<typeof permitViewSchema>

export const obligationViewSchema = z.strictObject({
  id,
  reportYear: z.number().int(),
  deadline: z.string(),
  state: z.enum(['notOpen', 'open', 'overdue', 'filed']),
  daysLeft: z.number().int(),
  filedAt: z.string().nullable(),
  /** first day of the filing window (1 January of the next year) */
  opensOn: z.string(),
  /** the business opened in the report's year: this is its first report */
  firstReport: z.boolean(),
  nextReminder: z.string().nullable(),
  schedule: z.array(scheduleRowSchema),
  remindersOff: z.boolean(),
  how: z.string(),
  lateSteps: z.array(z.string()),
  scamWarning: z.string()
})
export type ObligationView = z.infer<typeof obligationViewSchema>

export const inboxMessageSchema = z.strictObject({
  id: z.string(),
  topic: z.string(),
  title: z.string(),
  body: z.string(),
  page: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string()
})

const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const

/**
 * A position in 消息, newest first: the last message's time and id (`<ISO time>|<id>`). Paging
 * by it (not by an offset) neither repeats nor skips a message when new ones arrive meanwhile.
 */
export const INBOX_CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z\|[A-Za-z0-9:_.-]{1,160}$/
export const inboxCursor = (m: { createdAt: string; id: string }) => `${m.createdAt}|${m.id}`

export const reminderContract = {
  'reminder.permit.list': action({
    input: z.strictObject({}),
    output: z.strictObject({ permits: z.array(permitViewSchema) }),
    roles: OWNER
  }),
  'reminder.permit.save': action({
    input: permitInputSchema,
    output: permitViewSchema,
    roles: OWNER,
    creates: true
  }),
  'reminder.permit.remove': action({
    input: z.strictObject({ id }),
    output: z.strictObject({ removed: z.boolean() }),
    roles: OWNER
  }),
  'reminder.obligation.list': action({
    input: z.strictObject({}),
    output: z.strictObject({ obligations: z.array(obligationViewSchema) }),
    roles: OWNER
  }),
  'reminder.obligation.markFiled': action({
    input: z.strictObject({ id, filed: z.boolean() }),
    output: obligationViewSchema,
    roles: OWNER
  }),
  'reminder.subscription.report': action({
    // what wx.requestSubscribeMessage answered, per template id (at most 5 a call)
    input: z.strictObject({
      results: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '模板编号格式不对'), z.enum(SUBSCRIBE_RESULTS))
    }).refine((v) => Object.keys(v.results).length <= 5, { message: '一次最多5个模板', path: ['results'] }),
    output: z.strictObject({ quota: z.record(z.string(), z.number().int()) }),
    roles: OWNER
  }),
  'reminder.inbox.list': action({
    input: z.strictObject({
      /** where the previous page ended (its nextCursor); absent: the newest messages */
      cursor: z.string().regex(INBOX_CURSOR, '翻页位置不对，请下拉刷新后再看').optional(),
      limit: z.number().int().min(1).max(INBOX_MAX_PAGE).default(20)
    }),
    output: z.strictObject({
      messages: z.array(inboxMessageSchema),
      unread: z.number().int(),
      /** how many messages there are in all */
      total: z.number().int(),
      /** the next page's cursor; null on the last page */
      nextCursor: z.string().nullable()
    }),
    // staff get messages too (overdue 诉求 for supervisors)
    roles: ANYONE
  }),
  'reminder.inbox.read': action({
    input: z
      .strictObject({ ids: z.array(z.string().regex(/^[A-Za-z0-9:_.-]{1,160}$/)).max(100).optional(), all: z.boolean().optional() })
      .refine((v) => !!v.all || !!v.ids?.length, { message: '请指定要标记的消息' }),
    output: z.strictObject({ unread: z.number().int() }),
    // staff get messages too (overdue 诉求 for supervisors)
    roles: ANYONE
  }),
  'reminder.settings.get': action({
    input: z.strictObject({}),
    // templates: the subscribe-message ids the client asks the owner to accept
    output: notifySettingsSchema.extend({ templates: z.array(z.string()) }),
    roles: OWNER
  }),
  'reminder.settings.save': action({
    input: z.strictObject({
      topics: z.partialRecord(z.enum(keysOf(TOPICS)), z.boolean()).optional(),
      dailyCap: z.number().int().min(0).max(20).optional()
    }),
    output: notifySettingsSchema,
    roles: OWNER
  })
}
