import { chinaDate } from '../../src/core/common/time'
import { factsOf, type Facts } from '../../src/core/policy/match'
import type { Condition } from '../../src/core/policy/rules'
import { audienceWhere } from '../policy/audience'
import type { OwnerDoc } from '../user/owners'
import { matchProfile } from '../user/verify'
import { deliverBroadcast, ensureBroadcast } from './broadcast'
import { BATCH } from './bulk'
import type { BroadcastDoc } from './inbox'
import { settingsOf } from './notify'
import { cmd, patch, type Collection, type Ports } from './ports'

/** Owners a page reaches: as many as one query returns. */
export const PUSH_PAGE = BATCH
const LEASE_MS = 2 * 60_000
/** queued pushes taken per page; more waiting says "continue" */
const PUSHES_PER_PAGE = 5

/** The fields a document pushed to its audience keeps (a policy, a survey). */
export interface PushedDoc {
  _id: string
  push: 'none' | 'queued' | 'done' | 'stopped'
  pushCursor: string
  nextDueAt: string | null
  leaseUntil: string
}

/** What differs between the things pushed to an audience; the paging, leasing and delivery are shared. */
export interface AudiencePush<D extends PushedDoc> {
  collection: (ports: Ports) => Collection<D>
  /** the audience's conditions, narrowed by the database first (policy/audience.ts) */
  rulesOf: (d: D) => readonly Condition[]
  /** the pure matcher's word on one owner's facts */
  fits: (d: D, facts: Facts, today: string) => boolean
  broadcast: (d: D, now: Date, ports: Ports) => BroadcastDoc
  /** each owner's delivery key is `<keyPrefix>:<doc>:<owner>`, so a rerun after a crash never sends twice */
  keyPrefix: string
  /** the document's field the delivered count is added to */
  countField: string
}

/**
 * One page of pushing documents to their audiences (policy/sweeps.ts, survey/sweeps.ts): up to
 * PUSHES_PER_PAGE queued documents, each leased, then a page of up to PUSH_PAGE owners by _id from
 * the document's cursor, the database narrowing by its rules and the pure matcher confirming each
 * owner (the register's opening date and region where the business is verified, #16); one
 * broadcast update delivers to the page (topics applied) and the owners holding quota get their
 * phone message in one batch; then the cursor moves. Only a push still queued moves on: stopping
 * it (a withdrawal, a closed survey) means the next page is never taken.
 */
export async function pushAudiencePage<D extends PushedDoc>(ports: Ports, now: Date, spec: AudiencePush<D>): Promise<{ handled: number; more: boolean }> {
  const t = now.toISOString()
  const today = chinaDate(now)
  const docs = spec.collection(ports)
  const due = await docs.find({ push: 'queued', nextDueAt: cmd.lte(t), leaseUntil: cmd.lt(t) }, { orderBy: [['nextDueAt', 'asc']], limit: PUSHES_PER_PAGE })
  let handled = 0
  let more = false
  for (const d of due) {
    const won = await docs.updateWhere({ _id: d._id, push: 'queued', leaseUntil: cmd.lt(t) }, { leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() })
    if (won !== 1) continue
    const { where } = audienceWhere(spec.rulesOf(d), today)
    const batch = await ports.db.collection<OwnerDoc>('owners').find({ ...where, _id: cmd.gt(d.pushCursor) }, { orderBy: [['_id', 'asc']], limit: PUSH_PAGE })
    const fits = batch.filter((o) => o.profile && spec.fits(d, factsOf(matchProfile(o, today)!, today), today))
    let delivered = 0
    if (fits.length) {
      const b = spec.broadcast(d, now, ports)
      await ensureBroadcast(ports.db, b)
      const settings = new Map(fits.map((o) => [o._id, settingsOf(o)]))
      const r = await deliverBroadcast(ports, now, b, fits.map((o) => ({ openid: o._id, key: `${spec.keyPrefix}:${d._id}:${o._id}` })), settings)
      delivered = r.delivered.length
    }
    handled += fits.length
    const done = batch.length < PUSH_PAGE
    if (!done) more = true
    await docs.updateWhere(
      { _id: d._id, push: 'queued' },
      {
        pushCursor: batch.length ? batch[batch.length - 1]._id : d.pushCursor,
        push: done ? 'done' : 'queued',
        nextDueAt: done ? null : t,
        leaseUntil: '',
        [spec.countField]: patch.inc(delivered)
      }
    )
  }
  return { handled, more: more || due.length === PUSHES_PER_PAGE }
}
