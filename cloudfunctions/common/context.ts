import type { Role, StaffRole } from '../../src/core/common/action'
import { chinaDate } from '../../src/core/common/time'
import type { Db, Ports } from './ports'

/** A staff member; the document's _id is the staff member's openid. */
export interface StaffDoc {
  _id: string
  role: StaffRole
  name: string
  /** regulators see their region only; null means everywhere (admin) */
  region: string | null
  /** bank officers see applications to their bank only */
  bankName: string | null
  /** a supervising regulator: hears about overdue 诉求 in their region (admins hear about all) */
  supervisor?: boolean
  /** an admin suspended them: the router treats them as an owner until resumed */
  suspended?: boolean
  createdAt: string
  /** the invitation (or the setup code) they joined by; absent on docs made before invitations */
  inviteId?: string
  invitedBy?: string
}

/** A helper at a stall: `_id` is the helper's openid; their allowed calls run as `ownerOpenid`. */
export interface HelperDoc {
  _id: string
  ownerOpenid: string
  /** the invitation they accepted: the owner's handle on them (never the helper's openid) */
  inviteId: string
  name: string
  businessName: string
  createdAt: string
}

/** What a handler gets: who is calling, in which role, "now", and the ports. */
export interface Context {
  fn: string
  action: string
  openid: string
  /**
   * who really called: the same as `openid`, except for a helper's delegated call, which runs as
   * the owner's openid (common/router.ts); the audit log records the actor
   */
  actor: string
  role: Role
  staff: StaffDoc | null
  /** fixed for the whole request, from the injected clock */
  now: Date
  /** the China calendar date of `now` */
  today: string
  requestId?: string
  /** a creating action's request (common/once.ts): record ids derive from it, so retries reuse them */
  request?: { key: string; firstAt: Date; rated?: boolean }
  db: Db
  ports: Ports
}

export function makeContext(p: Omit<Context, 'today' | 'db' | 'actor'> & { actor?: string }): Context {
  return { ...p, actor: p.actor ?? p.openid, today: chinaDate(p.now), db: p.ports.db }
}
