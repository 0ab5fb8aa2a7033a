import { chinaDate } from '../../src/core/common/time'
import { buildData, POLICY_TEMPLATE } from '../../src/core/notify/template'
import { factsOf, matchPolicy } from '../../src/core/policy/match'
import { matchProfile } from '../user/verify'
import { sourceLine } from '../../src/core/policy/act'
import { deliverBroadcast, ensureBroadcast } from '../common/broadcast'
import { BATCH } from '../common/bulk'
import type { BroadcastDoc } from '../common/inbox'
import { settingsOf } from '../common/notify'
import { cmd, patch, type Ports } from '../common/ports'
import type { Sweep } from '../common/sweep'
import type { OwnerDoc } from '../user/owners'
import { audienceWhere } from './audience'
import { policies, type PolicyDoc } from './store'

/** Owners a page reaches: as many as one query returns. */
export const PUSH_PAGE = BATCH
const LEASE_MS = 2 * 60_000

/** The message every owner the policy fits gets: one broadcast per policy. */
export function policyBroadcast(p: PolicyDoc, now: Date, templateId: string | null): BroadcastDoc {
  return {
    _id: `policy:${p._id}`,
    kind: 'policy',
    topic: 'policy',
    title: `新政策：${p.title}`,
    // the source by its title and issuer, as everywhere an owner reads one (never a file name)
    body: `${p.summary.what} 按您的档案看可能符合，以主管部门审核为准；点开查看条件和办理方法。出处：${sourceLine(p.source)}`,
    page: `policy/pages/detail/index?id=${p._id}`,
    template: templateId ? { id: templateId, data: buildData(POLICY_TEMPLATE, { thing1: p.title, thing2: '可能符合，点开查看' }) } : null,
    createdAt: now.toISOString()
  }
}

/**
 * Pushes a published policy to the owners it fits, a page of up to 1,000 owners at a time (by
 * _id, from a cursor kept on the policy). The message is the same for all of them, so it is a
 * broadcast (common/broadcast.ts): one update delivers it to the page's owners the pure matcher
 * confirms (topics applied), the owners holding quota get their phone message (key
 * policy:<policy>:<owner>, so a rerun after a crash never sends twice) in one batch, one update
 * moves the cursor. Withdrawing sets push to 'stopped', and the next page is never taken.
 */
async function pushPage(ports: Ports, now: Date): Promise<{ handled: number; more: boolean }> {
  const t = now.toISOString()
  const today = chinaDate(now)
  const due = await policies(ports.db).find({ push: 'queued', nextDueAt: cmd.lte(t), leaseUntil: cmd.lt(t) }, { orderBy: [['nextDueAt', 'asc']], limit: 5 })
  let handled = 0
  let more = false
  for (const p of due) {
    const won = await policies(ports.db).updateWhere(
      { _id: p._id, push: 'queued', leaseUntil: cmd.lt(t) },
      { leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() }
    )
    if (won !== 1) continue
    const { where } = audienceWhere(p.conditions, today)
    const batch = await ports.db
      .collection<OwnerDoc>('owners')
      .find({ ...where, _id: cmd.gt(p.pushCursor) }, { orderBy: [['_id', 'asc']], limit: PUSH_PAGE })
    // the same rule as the pages: an ended policy or an unknown region is never pushed
    // the register's opening date and region where the business is verified against it (#16)
    const fits = batch.filter((o) => o.profile && matchPolicy(p, factsOf(matchProfile(o, today)!, today), today).status === 'match')
    let pushed = 0
    if (fits.length) {
      const b = policyBroadcast(p, now, ports.config.templates.policy)
      await ensureBroadcast(ports.db, b)
      const settings = new Map(fits.map((o) => [o._id, settingsOf(o)]))
      const r = await deliverBroadcast(ports, now, b, fits.map((o) => ({ openid: o._id, key: `policy:${p._id}:${o._id}` })), settings)
      pushed = r.delivered.length
    }
    handled += fits.length
    const done = batch.length < PUSH_PAGE
    if (!done) more = true
    // Only a push still queued moves on: a withdrawal meanwhile has already stopped it.
    await policies(ports.db).updateWhere(
      { _id: p._id, push: 'queued' },
      {
        pushCursor: batch.length ? batch[batch.length - 1]._id : p.pushCursor,
        push: done ? 'done' : 'queued',
        nextDueAt: done ? null : t,
        leaseUntil: '',
        'stats.pushed': patch.inc(pushed)
      }
    )
  }
  return { handled, more: more || due.length === 5 }
}

export const policyPushSweep: Sweep = { name: 'policy-push', page: pushPage }
