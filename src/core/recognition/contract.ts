import { action, ANYONE, OWNER, REGULATOR } from '../common/action'
import { pageInput, pageOutput } from '../common/paging'
import { id, text, z } from '../zod'
import { CATEGORIES, MAX_LINKS, MAX_PHOTOS, STATUSES, type Category, type Status } from './config'

export * from './config'

const categoryEnum = z.enum(Object.keys(CATEGORIES) as [Category, ...Category[]], '请选择申报类别')
const statusEnum = z.enum(Object.keys(STATUSES) as [Status, ...Status[]])

/** An optional web link the owner offers as evidence (a shop page, a news report): http(s) only. */
export const linkSchema = z
  .string()
  .trim()
  .max(300, '链接太长了（最多300个字符）')
  .regex(/^https?:\/\/[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d{1,5})?([/?#][^\s]*)?$/, '链接格式不对，请以 http:// 或 https:// 开头，例如 https://www.example.com/')

const evidence = {
  /** what makes the business 知名 / 特色 / 优质 / 新兴, in the owner's words */
  what: text(1000, 20),
  /** confirmed uploads of the owner (the 诉求 photo path: complaint.upload.prepare / confirm) */
  photos: z.array(id).max(MAX_PHOTOS, `最多${MAX_PHOTOS}张照片`).default([]),
  links: z.array(linkSchema).max(MAX_LINKS, `最多${MAX_LINKS}个链接`).default([])
}

const stepSchema = z.strictObject({ status: statusEnum, label: z.string(), at: z.string(), note: z.string().nullable() })

/** What the owner who applied sees: what they sent, every step with its message, what they may do. */
export const applicationViewSchema = z.strictObject({
  id: z.string(),
  category: categoryEnum,
  categoryLabel: z.string(),
  status: statusEnum,
  statusLabel: z.string(),
  businessName: z.string(),
  what: z.string(),
  photos: z.array(z.string()),
  links: z.array(z.string()),
  /** the regulator's latest reason (退回补充, 推荐, 不予推荐, 认定, 不予认定) */
  reason: z.string().nullable(),
  /** 公示 from / to (China dates, inclusive) */
  publicFrom: z.string().nullable(),
  publicUntil: z.string().nullable(),
  /** 异议 received during the 公示 and the regulator's answers (who objected and their words stay with the office) */
  objections: z.strictObject({ count: z.number().int(), answers: z.array(z.string()) }),
  recognisedOn: z.string().nullable(),
  /** the last day the 认定 is in force (China date) */
  validUntil: z.string().nullable(),
  canResubmit: z.boolean(),
  canWithdraw: z.boolean(),
  timeline: z.array(stepSchema),
  createdAt: z.string()
})

const recognitionSchema = z.strictObject({
  category: categoryEnum,
  label: z.string(),
  from: z.string(),
  until: z.string(),
  inForce: z.boolean()
})

/** A household in 公示, as the public notice shows it: the business, never a person. */
export const publicEntrySchema = z.strictObject({
  id: z.string(),
  businessName: z.string(),
  categoryLabel: z.string(),
  /** the place: the market, or the county */
  place: z.string(),
  /** the regulator's reason for recommending it */
  reason: z.string(),
  publicFrom: z.string(),
  publicUntil: z.string()
})

const objectionStaffSchema = z.strictObject({
  id: z.string(),
  reason: z.string(),
  contact: z.string().nullable(),
  at: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  repliedBy: z.string().nullable()
})

export const staffApplicationSchema = applicationViewSchema.omit({ canResubmit: true, canWithdraw: true, objections: true, timeline: true }).extend({
  creditCode: z.string(),
  region: z.string(),
  regionName: z.string(),
  marketName: z.string().nullable(),
  objections: z.array(objectionStaffSchema),
  timeline: z.array(stepSchema.extend({ by: z.string().nullable() })),
  /** the household's category in force from an earlier 认定, if any */
  current: recognitionSchema.nullable(),
  actions: z.array(z.enum(['return', 'recommend', 'decline', 'recognise', 'notRecognise'])),
  /** when a decision waits for answers: how many 异议 are unanswered */
  unanswered: z.number().int()
})

const queueItemSchema = z.strictObject({
  id: z.string(),
  /** masked, as on every staff list */
  businessName: z.string(),
  categoryLabel: z.string(),
  category: categoryEnum,
  status: statusEnum,
  statusLabel: z.string(),
  marketName: z.string().nullable(),
  objections: z.number().int(),
  unanswered: z.number().int(),
  publicUntil: z.string().nullable(),
  createdAt: z.string()
})

const staffEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('return'), reason: text(300) }),
  z.strictObject({ type: z.literal('recommend'), reason: text(300) }),
  z.strictObject({ type: z.literal('decline'), reason: text(300) }),
  z.strictObject({ type: z.literal('recognise'), reason: text(300) }),
  z.strictObject({ type: z.literal('notRecognise'), reason: text(300) })
])
export type RecognitionStaffEvent = z.infer<typeof staffEventSchema>

export const recognitionContract = {
  /** 申报: one open application per owner and category; needs a verified business. */
  'recognition.apply': action({
    input: z.strictObject({ category: categoryEnum, ...evidence }),
    output: applicationViewSchema,
    roles: OWNER,
    creates: true
  }),
  /** After 退回补充: the owner edits and sends it again; new photos are added to the ones sent before. */
  'recognition.resubmit': action({
    input: z.strictObject({ id, ...evidence }),
    output: applicationViewSchema,
    roles: OWNER,
    creates: true
  }),
  'recognition.withdraw': action({
    input: z.strictObject({ id }),
    output: applicationViewSchema,
    roles: OWNER
  }),
  /** The owner's applications (newest first), the category in force and the configured terms. */
  'recognition.mine': action({
    input: z.strictObject({}),
    output: z.strictObject({
      applications: z.array(applicationViewSchema),
      recognition: recognitionSchema.nullable(),
      /** a category the owner ticked in the profile before ticks stopped counting: offered as the one to apply for */
      wish: categoryEnum.nullable(),
      verified: z.boolean(),
      terms: z.strictObject({ publicDays: z.number().int(), validYears: z.number().int(), remindDaysBefore: z.number().int(), notes: z.array(z.string()) })
    }),
    roles: OWNER
  }),
  'recognition.get': action({
    input: z.strictObject({ id }),
    output: applicationViewSchema,
    roles: OWNER
  }),
  /** The public 公示 list: anyone using the app may read it. */
  'recognition.public.list': action({
    input: z.strictObject(pageInput()),
    output: z.strictObject({ items: z.array(publicEntrySchema), ...pageOutput, publicDays: z.number().int() }),
    roles: ANYONE
  }),
  /** An 异议 against a household in 公示: anyone, once per household, while the 公示 runs. */
  'recognition.public.object': action({
    input: z.strictObject({
      id,
      reason: text(500, 10),
      /** optional: how the office may reach the objector */
      contact: z.string().trim().max(40, '最多40个字').optional()
    }),
    output: z.strictObject({ lodged: z.boolean(), at: z.string() }),
    roles: ANYONE,
    creates: true
  }),
  'recognition.staff.queue': action({
    input: z.strictObject({ status: statusEnum.optional(), category: categoryEnum.optional(), marketId: id.optional(), ...pageInput() }),
    output: z.strictObject({
      items: z.array(queueItemSchema),
      ...pageOutput,
      markets: z.array(z.strictObject({ id: z.string(), name: z.string() })).nullable()
    }),
    roles: REGULATOR
  }),
  'recognition.staff.get': action({
    input: z.strictObject({ id }),
    output: staffApplicationSchema,
    roles: REGULATOR
  }),
  'recognition.staff.act': action({
    input: z.strictObject({ id, expected: statusEnum, event: staffEventSchema }),
    output: staffApplicationSchema,
    roles: REGULATOR
  }),
  /** Each 异议 answered with a reason, before 认定 or 不予认定. */
  'recognition.staff.answer': action({
    input: z.strictObject({ id, objectionId: id, reply: text(300) }),
    output: staffApplicationSchema,
    roles: REGULATOR
  })
}
