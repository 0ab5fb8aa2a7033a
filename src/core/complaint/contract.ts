import { action, OWNER, REGULATOR } from '../common/action'
import { id, isoDate, text, z } from '../zod'
import { pageInput, pageOutput } from '../common/paging'
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, MAX_PHOTOS, PHOTO_TYPES, RATINGS, type ComplaintCategory, type ComplaintStatus, type PhotoType, type Rating } from './labels'

export * from './labels'

const statusEnum = z.enum(Object.keys(COMPLAINT_STATUSES) as [ComplaintStatus, ...ComplaintStatus[]])
const categoryEnum = z.enum(Object.keys(COMPLAINT_CATEGORIES) as [ComplaintCategory, ...ComplaintCategory[]])
const ratingEnum = z.enum(Object.keys(RATINGS) as [Rating, ...Rating[]])
const photoTypeEnum = z.enum(Object.keys(PHOTO_TYPES) as [PhotoType, ...PhotoType[]], '只能上传 JPG、PNG 或 WebP 图片')

/** A tracking number such as SQ20261121K7M2QX: it is also the document id. */
export const trackingNumber = z.string().regex(/^SQ\d{8}[2-9A-HJ-NP-Z]{6}$/, '诉求编号格式不对')

const deadlineSchema = z.strictObject({
  step: z.enum(['accept', 'reply']),
  label: z.string(),
  /** China date of the last working day to act */
  date: z.string(),
  /** false when the date runs into a year whose holiday calendar is not yet published */
  calendarKnown: z.boolean(),
  overdue: z.boolean()
})

const timelineSchema = z.strictObject({
  status: statusEnum,
  /** 'status': a step of the loop; 'supplement': material the owner added; 'urge': the owner urged */
  kind: z.enum(['status', 'supplement', 'urge']),
  label: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  /** a supplement's photos */
  photos: z.array(z.string()),
  /** a supplement whose text the content check flagged: kept, read by a person */
  held: z.boolean()
})
const ratingSchema = z.strictObject({ rating: ratingEnum, label: z.string(), comment: z.string().nullable(), at: z.string() })

export const complaintSummarySchema = z.strictObject({
  id: z.string(),
  category: categoryEnum,
  categoryLabel: z.string(),
  party: z.string(),
  status: statusEnum,
  statusLabel: z.string(),
  held: z.boolean(),
  deadline: deadlineSchema.nullable(),
  createdAt: z.string()
})

/** What the owner who filed it sees: everything they sent, and every step since. */
export const complaintViewSchema = complaintSummarySchema.extend({
  what: z.string(),
  happenedOn: z.string(),
  place: z.string(),
  photos: z.array(z.string()),
  phone: z.string().nullable(),
  disclose: z.boolean(),
  office: z.string().nullable(),
  reply: z.string().nullable(),
  rejectReason: z.string().nullable(),
  ratings: z.array(ratingSchema),
  canRate: z.boolean(),
  /** 不满意 reopens it once; after that a rating closes it */
  canReopen: z.boolean(),
  /** 撤回 is possible before 受理 only */
  canWithdraw: z.boolean(),
  /** how many more times material may be added (0 once the case is not open) */
  supplementsLeft: z.number().int(),
  /** 催办 while the case is open: whether it can be sent now, else from which China date and why not */
  urge: z
    .strictObject({ can: z.boolean(), from: z.string().nullable(), reason: z.string().nullable(), lastAt: z.string().nullable() })
    .nullable(),
  timeline: z.array(timelineSchema)
})

/**
 * What staff see. The phone is always masked; the reporter's name and stall only when they agreed
 * to disclosure (Art. 33 of the 投诉举报 measures: the reporter's identity is kept confidential),
 * so the workbench is safe to show to the handling office or the party.
 */
export const staffComplaintSchema = complaintViewSchema.omit({ phone: true, canRate: true, canReopen: true, canWithdraw: true, supplementsLeft: true, urge: true }).extend({
  phone: z.string().nullable(),
  reporter: z.string(),
  marketId: z.string().nullable(),
  marketName: z.string().nullable(),
  region: z.string(),
  reopened: z.number().int(),
  /** since the last change of status, the owner urged / added material */
  urged: z.boolean(),
  supplemented: z.boolean(),
  actions: z.array(z.enum(['accept', 'reject', 'assign', 'reply', 'close']))
})

const auditSchema = z.strictObject({ at: z.string(), staff: z.string(), action: z.string(), detail: z.string().nullable() })

const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('accept') }),
  z.strictObject({ type: z.literal('reject'), reason: text(200) }),
  z.strictObject({ type: z.literal('assign'), office: text(40) }),
  z.strictObject({ type: z.literal('reply'), reply: text(1000) }),
  z.strictObject({ type: z.literal('close') })
])
export type StaffEvent = z.infer<typeof eventSchema>

export const complaintContract = {
  /**
   * Step 1 of a photo upload: the server issues where the phone may store it (a path in the
   * owner's own folder) and records it as pending. The bytes then go straight to cloud storage
   * (wx.cloud.uploadFile in WeChat, the local cloud's storage endpoint in H5).
   */
  'complaint.upload.prepare': action({
    input: z.strictObject({ contentType: photoTypeEnum }),
    output: z.strictObject({ uploadId: id, cloudPath: z.string() }),
    roles: OWNER,
    creates: true
  }),
  /**
   * Step 2: the phone reports the stored file; the function reads the bytes back, checks they
   * really are a JPEG/PNG/WebP within MAX_PHOTO_BYTES (else deletes the file), and only then
   * makes the upload usable by complaint.submit.
   */
  'complaint.upload.confirm': action({
    input: z.strictObject({ uploadId: id, fileId: z.string().min(1, '照片没有传上去').max(500, '照片地址不对') }),
    output: z.strictObject({ uploadId: id, url: z.string() }),
    roles: OWNER,
    creates: true
  }),
  'complaint.submit': action({
    input: z.strictObject({
      category: categoryEnum,
      party: text(60),
      what: text(1000, 10),
      happenedOn: isoDate,
      place: text(80),
      photos: z.array(id).max(MAX_PHOTOS, `最多${MAX_PHOTOS}张照片`).default([]),
      phone: z.string().regex(/^1[3-9]\d{9}$/, '请填写11位手机号').optional(),
      disclose: z.boolean()
    }),
    output: complaintViewSchema,
    roles: OWNER,
    creates: true
  }),
  /** The owner's own, newest first, a page at a time (cursor: core/common/paging.ts). */
  'complaint.list': action({
    input: z.strictObject(pageInput()),
    output: z.strictObject({ complaints: z.array(complaintSummarySchema), ...pageOutput }),
    roles: OWNER
  }),
  'complaint.get': action({
    input: z.strictObject({ id: trackingNumber }),
    output: complaintViewSchema,
    roles: OWNER
  }),
  'complaint.rate': action({
    input: z
      .strictObject({ id: trackingNumber, rating: ratingEnum, comment: text(200).optional() })
      .refine((r) => r.rating !== 'unsatisfied' || !!r.comment, { message: '请说说哪里不满意', path: ['comment'] }),
    output: complaintViewSchema,
    roles: OWNER
  }),
  /** 撤回: the owner's own, before 受理 only; the reason is optional and staff see it. */
  'complaint.withdraw': action({
    input: z.strictObject({ id: trackingNumber, reason: text(200).optional() }),
    output: complaintViewSchema,
    roles: OWNER
  }),
  /**
   * 补充材料 while the case is open: text and/or photos (confirmed uploads, as for filing). Once per
   * requestId: a retry finds the entry its first attempt stored.
   */
  'complaint.supplement': action({
    input: z
      .strictObject({
        id: trackingNumber,
        text: z.string().trim().max(1000, '最多1000字').default(''),
        photos: z.array(id).max(MAX_PHOTOS, `一次最多${MAX_PHOTOS}张照片`).default([])
      })
      .refine((s) => s.text.length > 0 || s.photos.length > 0, { message: '请写下要补充的内容，或加一张照片', path: ['text'] }),
    output: complaintViewSchema,
    roles: OWNER,
    creates: true
  }),
  /**
   * 催办 once the running deadline has passed, at most once per working day; tells the officer
   * handling it and the supervisors. Once per requestId.
   */
  'complaint.urge': action({
    input: z.strictObject({ id: trackingNumber }),
    output: complaintViewSchema,
    roles: OWNER,
    creates: true
  }),
  /**
   * The workbench queue: every complaint of the officer's region that meets the filters, newest
   * first, a page at a time, with how many there are.
   */
  'complaint.staff.queue': action({
    input: z.strictObject({
      status: statusEnum.optional(),
      category: categoryEnum.optional(),
      marketId: id.optional(),
      overdue: z.boolean().optional(),
      ...pageInput()
    }),
    output: z.strictObject({
      items: z.array(complaintSummarySchema.extend({ marketName: z.string().nullable(), reporter: z.string(), urged: z.boolean(), supplemented: z.boolean() })),
      ...pageOutput,
      /** the market filter's choices; on the first page only (null after) */
      markets: z.array(z.strictObject({ id: z.string(), name: z.string() })).nullable()
    }),
    roles: REGULATOR
  }),
  'complaint.staff.get': action({
    input: z.strictObject({ id: trackingNumber }),
    output: staffComplaintSchema.extend({ audit: z.array(auditSchema) }),
    roles: REGULATOR
  }),
  /**
   * The reporter's whole number, for an officer who needs to call them back. Shown only on this
   * explicit request, and each request is written to the audit log.
   */
  'complaint.staff.phone': action({
    input: z.strictObject({ id: trackingNumber }),
    output: z.strictObject({ phone: z.string() }),
    roles: REGULATOR
  }),
  'complaint.staff.act': action({
    input: z.strictObject({
      id: trackingNumber,
      /** the status the officer saw: a stale screen cannot move a case someone else just moved */
      expected: statusEnum,
      event: eventSchema
    }),
    output: staffComplaintSchema.extend({ audit: z.array(auditSchema) }),
    roles: REGULATOR
  })
}
