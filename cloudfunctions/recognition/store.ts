import { CATEGORIES, RECOGNITION_CONFIG, STATUSES, type Category, type Status } from '../../src/core/recognition/config'
import { inForce } from '../../src/core/recognition/flow'
import { regionName } from '../../src/core/region/names'
import type { Db } from '../common/ports'
import type { OwnerDoc } from '../user/owners'

/** One application for 名特优新 (申报), from 申报 to 认定 or not. */
export interface ApplicationDoc {
  _id: string
  openid: string
  category: Category
  what: string
  /** storage file ids of the owner's confirmed uploads */
  photos: string[]
  links: string[]
  /** snapshots at 申报, for the notice, region scoping and the market filter */
  businessName: string
  creditCode: string
  region: string
  marketId: string | null
  marketName: string | null
  status: Status
  /**
   * `<openid>:<category>` while the application is open (unique index): the database, not a
   * check and a write, keeps an owner to one open application per category. `closed:<id>` after.
   */
  openKey: string
  objections: number
  answered: number
  /** the regulator's latest reason */
  reason: string | null
  /** the 公示: first and last day (China dates), and the instant it is over (the sweep's due time) */
  publicFrom: string | null
  publicUntil: string | null
  publicEndsAt: string | null
  recognisedOn: string | null
  validUntil: string | null
  timeline: Array<{ status: Status; at: string; note: string | null; by: string | null }>
  /** the requests of the owner's resubmissions: a retried one finds its own */
  resubmits?: string[]
  /** bumped by every write: two writers never lose each other's change */
  rev: number
  createdAt: string
  updatedAt: string
}

/** An 异议 lodged during a 公示. `_id` is derived from the application and the person: one each. */
export interface ObjectionDoc {
  _id: string
  applicationId: string
  openid: string
  reason: string
  contact: string | null
  at: string
  reply: string | null
  repliedAt: string | null
  repliedBy: string | null
}

/**
 * The household's 认定 in force (`_id` = the owner's openid), for the lapse sweep: reminded once
 * before the last day, lapsed the day after it. The owner's document carries a copy
 * (`owners.recognised`) that policy matching, audiences and the loan scorecard read.
 */
export interface RecognitionDoc {
  _id: string
  applicationId: string
  category: Category
  from: string
  until: string
  /** the reminder's instant, then the lapse's; null once lapsed */
  nextDueAt: string | null
  remindAt: string
  lapseAt: string
  reminded: boolean
  state: 'inForce' | 'lapsed'
  updatedAt: string
}

/** What the owner's document carries: written only by the recognition function. */
export interface RecognisedMirror {
  category: Category
  applicationId: string
  from: string
  until: string
}

export const applications = (db: Db) => db.collection<ApplicationDoc>('recognitionApplications')
export const objections = (db: Db) => db.collection<ObjectionDoc>('recognitionObjections')
export const recognitions = (db: Db) => db.collection<RecognitionDoc>('recognitions')

export const openKeyOf = (openid: string, category: Category) => `${openid}:${category}`
export const closedKey = (id: string) => `closed:${id}`

/** Where an owner's document says a category is recognised and still in force today; else null. */
export function recognisedCategory(doc: { recognised?: RecognisedMirror | null } | null | undefined, today: string): Category | null {
  const r = doc?.recognised
  return r && inForce(r, today) ? r.category : null
}

export const recognitionView = (r: RecognisedMirror | null | undefined, today: string) =>
  r ? { category: r.category, label: CATEGORIES[r.category], from: r.from, until: r.until, inForce: inForce(r, today) } : null

export type UrlOf = (fileId: string) => string

const timelineView = (a: ApplicationDoc) => a.timeline.map((t) => ({ status: t.status, label: STATUSES[t.status], at: t.at, note: t.note }))

export function ownerView(a: ApplicationDoc, urlOf: UrlOf, answers: string[]) {
  return {
    id: a._id,
    category: a.category,
    categoryLabel: CATEGORIES[a.category],
    status: a.status,
    statusLabel: STATUSES[a.status],
    businessName: a.businessName,
    what: a.what,
    photos: a.photos.map(urlOf),
    links: a.links,
    reason: a.reason,
    publicFrom: a.publicFrom,
    publicUntil: a.publicUntil,
    objections: { count: a.objections, answers },
    recognisedOn: a.recognisedOn,
    validUntil: a.validUntil,
    canResubmit: a.status === 'returned',
    canWithdraw: a.status === 'submitted' || a.status === 'returned',
    timeline: timelineView(a),
    createdAt: a.createdAt
  }
}

export const placeOf = (a: Pick<ApplicationDoc, 'marketName' | 'region'>) => a.marketName ? `${regionName(a.region)} ${a.marketName}` : regionName(a.region) || '—'

export const terms = () => ({
  publicDays: RECOGNITION_CONFIG.publicDays.value,
  validYears: RECOGNITION_CONFIG.validYears.value,
  remindDaysBefore: RECOGNITION_CONFIG.remindDaysBefore.value,
  notes: [RECOGNITION_CONFIG.publicDays.source, RECOGNITION_CONFIG.validYears.source, RECOGNITION_CONFIG.remindDaysBefore.source]
})

export type { OwnerDoc }
