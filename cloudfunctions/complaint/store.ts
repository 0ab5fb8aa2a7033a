import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, DEADLINE_STEPS, RATINGS, type ComplaintCategory, type ComplaintStatus, type PhotoType, type Rating } from '../../src/core/complaint/labels'
import { maskPhone } from '../../src/core/loan/identity'
import type { Db } from '../common/ports'
import { createHash } from 'node:crypto'

/**
 * Each owner's folder in storage. A hash, not the openid itself: the path ends up in file ids and
 * temporary URLs that staff see. The local cloud's storage endpoint refuses any other folder,
 * as the cloud storage rules should (README, 部署).
 */
export const ownerFolder = (openid: string) => `complaint-uploads/${createHash('sha256').update(`complaint:${openid}`).digest('hex').slice(0, 24)}`

export interface UploadDoc {
  _id: string
  openid: string
  /**
   * 'pending': a path was issued (complaint.upload.prepare) but the stored bytes are not yet
   * checked; only a 'ready' upload can be filed. Records from before the two-step upload have
   * no state and are ready.
   */
  state?: 'pending' | 'ready'
  /** where the phone stores it, inside the owner's own folder (see ownerFolder) */
  cloudPath?: string
  /** the storage file id; null until confirmed */
  fileId: string | null
  contentType: PhotoType
  bytes: number
  /** the complaint it was attached to; an upload is attached once */
  complaintId: string | null
  createdAt: string
}

export interface ComplaintDoc {
  /** the tracking number */
  _id: string
  openid: string
  /** older documents only: a retry now finds its complaint by the tracking number bound to the request (common/once.ts) */
  requestId?: string | null
  category: ComplaintCategory
  party: string
  what: string
  happenedOn: string
  place: string
  photos: string[]
  phone: string | null
  disclose: boolean
  /** snapshots at filing, for region scoping and the market filter */
  region: string
  marketId: string | null
  marketName: string | null
  businessName: string | null
  stallNumber: string | null
  status: ComplaintStatus
  reopened: number
  /** 'pending' until the content check answers; held text waits for a person, it is never dropped */
  check: 'pending' | 'pass' | 'held'
  office: string | null
  reply: string | null
  rejectReason: string | null
  ratings: Array<{ rating: Rating; comment: string | null; at: string }>
  timeline: Array<{ status: ComplaintStatus; at: string; note: string | null }>
  deadline: { step: 'accept' | 'reply'; date: string; calendarKnown: boolean } | null
  /** the instant the running deadline is missed (start of the next China day); null when none runs */
  overdueAt: string | null
  overdue: boolean
  createdAt: string
  updatedAt: string
}

export interface AuditDoc {
  _id: string
  complaintId: string
  staffOpenid: string
  staffName: string
  action: string
  detail: string | null
  at: string
}

/**
 * A photo not attached to a complaint within a day is refused by complaint.submit, and deleted
 * by the cleanup sweep a day after that. The gap is what makes the sweep safe: a submission still
 * using an upload is at most a day old, so the sweep never deletes a photo being filed. (Photos
 * live only on the open 新建 page, never in the saved draft, so a day is plenty.)
 */
export const UPLOAD_USABLE_MS = 24 * 3600_000
export const UPLOAD_KEEP_MS = 48 * 3600_000

export const uploads = (db: Db) => db.collection<UploadDoc>('complaintUploads')
export const complaints = (db: Db) => db.collection<ComplaintDoc>('complaints')
export const audits = (db: Db) => db.collection<AuditDoc>('complaintAudit')

export const OPEN_STATUSES: ComplaintStatus[] = ['submitted', 'accepted', 'handling']

const deadlineView = (c: ComplaintDoc) =>
  c.deadline ? { step: c.deadline.step, label: DEADLINE_STEPS[c.deadline.step], date: c.deadline.date, calendarKnown: c.deadline.calendarKnown, overdue: c.overdue } : null

export const summaryView = (c: ComplaintDoc) => ({
  id: c._id,
  category: c.category,
  categoryLabel: COMPLAINT_CATEGORIES[c.category],
  party: c.party,
  status: c.status,
  statusLabel: COMPLAINT_STATUSES[c.status],
  held: c.check !== 'pass',
  deadline: deadlineView(c),
  createdAt: c.createdAt
})

const timelineView = (c: ComplaintDoc) => c.timeline.map((t) => ({ status: t.status, label: COMPLAINT_STATUSES[t.status], at: t.at, note: t.note }))
const ratingsView = (c: ComplaintDoc) => c.ratings.map((r) => ({ rating: r.rating, label: RATINGS[r.rating], comment: r.comment, at: r.at }))

export function ownerView(c: ComplaintDoc, photoUrls: string[]) {
  return {
    ...summaryView(c),
    what: c.what,
    happenedOn: c.happenedOn,
    place: c.place,
    photos: photoUrls,
    phone: c.phone,
    disclose: c.disclose,
    office: c.office,
    reply: c.reply,
    rejectReason: c.rejectReason,
    ratings: ratingsView(c),
    canRate: c.status === 'replied',
    canReopen: c.status === 'replied' && c.reopened < 1,
    timeline: timelineView(c)
  }
}

/** The reporter as staff may see them: named only if they agreed to disclosure. */
export const reporterLabel = (c: ComplaintDoc) =>
  c.disclose ? [c.businessName, c.marketName && c.stallNumber ? `${c.marketName}${c.stallNumber}摊位` : null].filter(Boolean).join('，') || '未填写经营档案' : '身份保密（举报人未同意公开）'

export function staffView(c: ComplaintDoc, photoUrls: string[], actions: Array<'accept' | 'reject' | 'assign' | 'reply' | 'close'>) {
  const { canRate, canReopen, ...o } = ownerView(c, photoUrls)
  return {
    ...o,
    phone: c.phone ? maskPhone(c.phone) : null,
    reporter: reporterLabel(c),
    marketId: c.marketId,
    marketName: c.marketName,
    region: c.region,
    reopened: c.reopened,
    actions
  }
}
