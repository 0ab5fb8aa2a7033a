import type { AbnormalCause, AudienceKind, HintStatus, PlanStatus, RepairStatus } from '../../src/core/notice/labels'
import type { MarkSource } from '../../src/core/notice/flow'
import type { Db } from '../common/ports'

/** An inspection plan (双随机抽查): whom, what, when; the 事前提醒 goes by the inspection sweep. */
export interface PlanDoc {
  _id: string
  title: string
  audience: { kind: 'markets'; marketIds: string[] } | { kind: 'list'; creditCodes: string[] } | { kind: 'rule'; industry: string }
  checklist: Array<{ item: string; rule: string }>
  windowStart: string
  windowEnd: string
  /** the exact day, if the plan has one; owners see it only when hideDay is false */
  day: string | null
  hideDay: boolean
  status: PlanStatus
  /** the regulator's region: every household told is inside it */
  region: string
  createdBy: string
  createdByName: string
  /** when the sweep should next work on it (the 事前提醒's instant, then at once page by page); null when done */
  nextDueAt: string | null
  /** the last owner _id told: the next page starts after it (resumable) */
  cursor: string
  notified: number
  createdAt: string
  updatedAt: string
}

/** One household told of one plan: `_id` = `<planId>:<openid>`, written before the message, so once. */
export interface TargetDoc {
  _id: string
  planId: string
  openid: string
  createdAt: string
}

export interface HintDoc {
  _id: string
  openid: string
  creditCode: string
  businessName: string
  region: string
  marketId: string | null
  marketName: string | null
  rule: string
  ruleText: string | null
  what: string
  dueDate: string
  firstMinor: boolean
  status: HintStatus
  /** in the regulator's 待处理: reported corrected, or overdue (kept as a field so the queue is one indexed query) */
  todo: boolean
  overdue: boolean
  /** the instant the running deadline is missed; null once corrected or confirmed */
  overdueAt: string | null
  returns: number
  photos: string[]
  note: string | null
  returnReason: string | null
  timeline: Array<{ status: HintStatus | 'overdue'; at: string; note: string | null; id?: string }>
  sentBy: string
  sentByName: string
  /** sent from the workbench or during a visit; absent on hints sent before this was recorded */
  from?: 'workbench' | 'visit'
  /** bumped by every write: writes are conditional on it */
  rev: number
  createdAt: string
  updatedAt: string
}

/** One business's 经营异常 record: `_id` = its credit code. History of markings in `history`. */
export interface RepairDoc {
  _id: string
  /** the account the business is bound to, when it has one (it is told) */
  openid: string | null
  businessName: string
  region: string
  status: RepairStatus
  cause: AbnormalCause
  causeText: string | null
  source: MarkSource
  version: number
  reminders: number
  done: string[]
  markedAt: string
  clearedAt: string | null
  /** the next reminder; null when capped, cleared or nobody to tell */
  nextRemindAt: string | null
  history: Array<{ at: string; what: string; by: string }>
  createdAt: string
  updatedAt: string
}

export const plans = (db: Db) => db.collection<PlanDoc>('inspectionPlans')
export const targets = (db: Db) => db.collection<TargetDoc>('inspectionTargets')
export const hints = (db: Db) => db.collection<HintDoc>('complianceHints')
export const repairs = (db: Db) => db.collection<RepairDoc>('creditRepairs')

export const AUDIENCE_OF: Record<AudienceKind, true> = { markets: true, list: true, rule: true }

/** A hint's photos are complaint uploads whose `complaintId` names the hint this way (the upload path is shared). */
export const hintUploadRef = (hintId: string) => `hint:${hintId}`

/** 待处理 for the regulator: to confirm, or past its deadline and not corrected. */
export const isTodo = (h: Pick<HintDoc, 'status' | 'overdue'>) => h.status === 'corrected' || (h.overdue && (h.status === 'sent' || h.status === 'returned'))
