import type { NeedKind } from '../../src/core/visit/needs'
import type { Context } from '../common/context'
import type { Db } from '../common/ports'

/** One visit (#17, shape shared with the dashboard: common17 "Shared data shapes"). */
export interface VisitDoc {
  _id: string
  /** division code of the household (or of the stall's market when the stall has no household) */
  region: string
  marketId: string | null
  creditCode: string | null
  ownerOpenid: string | null
  stallId: string | null
  visitedAt: string
  /** China date of the visit */
  visitedOn: string
  month: string
  /** the visiting staff member's openid */
  by: string
  /** their name when recorded, so the household's history reads without another lookup */
  byName?: string
  needs: NeedKind[]
  needText: string
  help: string
  followupIds: string[]
  /** the 诉求 filed at this visit for the household, if any */
  complaintId?: string | null
}

/** A follow-up task on the workbench (shared shape, see VisitDoc), reminded by followupSweep. */
export interface FollowupDoc {
  _id: string
  visitId: string | null
  region: string
  marketId: string | null
  creditCode: string | null
  ownerOpenid: string | null
  kind: NeedKind
  title: string
  dueOn: string
  status: 'open' | 'done'
  createdAt: string
  createdBy: string
  assignee: string
  doneAt: string | null
  /** when the next reminder to the assignee is due (ISO, indexed); null: none left */
  nextDueAt: string | null
  /** reminder rungs sent for this due date ('before', 'overdue') */
  sentRungs?: string[]
  /** the household's business name at creation, for the list */
  businessName?: string | null
  doneNote?: string | null
  doneBy?: string | null
}

export const visits = (db: Db) => db.collection<VisitDoc>('visits')
export const followups = (db: Db) => db.collection<FollowupDoc>('followups')
export const staffOf = (ctx: Pick<Context, 'db'>) => ctx.db.collection<{ _id: string; name: string }>('staff')
