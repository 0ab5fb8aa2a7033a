import { chinaDate } from '../../src/core/common/time'
import { buildData, POLICY_TEMPLATE } from '../../src/core/notify/template'
import { factsOf, matchPolicy } from '../../src/core/policy/match'
import { sourceLine } from '../../src/core/policy/act'
import { notify } from '../common/notify'
import { cmd, patch, type Ports } from '../common/ports'
import type { Sweep } from '../common/sweep'
import type { OwnerDoc } from '../user/owners'
import { audienceWhere } from './audience'
import { policies } from './store'

export const PUSH_PAGE = 100
const LEASE_MS = 2 * 60_000

/**
 * Pushes a published policy to the owners it fits, a page of owners at a time (by _id, from a
 * cursor kept on the policy). Each owner is re-checked by the pure matcher and notified with
 * key policy:<policy>:<owner>, so a rerun after a crash never sends twice. notify() applies
 * the owner's topic switch, the inbox, quota and the daily cap. Withdrawing sets push to
 * 'stopped', and the next page is never taken.
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
    const templateId = ports.config.templates.policy
    let pushed = 0
    for (const o of batch) {
      // the same rule as the pages: an ended policy or an unknown region is never pushed
      if (!o.profile || matchPolicy(p, factsOf(o.profile, today), today).status !== 'match') continue
      const r = await notify(ports, now, {
        openid: o._id,
        topic: 'policy',
        key: `policy:${p._id}:${o._id}`,
        title: `新政策：${p.title}`,
        // the source by its title and issuer, as everywhere an owner reads one (never a file name)
        body: `${p.summary.what} 按您的档案看可能符合，以主管部门审核为准；点开查看条件和办理方法。出处：${sourceLine(p.source)}`,
        page: `policy/pages/detail/index?id=${p._id}`,
        template: templateId ? { id: templateId, data: buildData(POLICY_TEMPLATE, { thing1: p.title, thing2: '可能符合，点开查看' }) } : undefined
      })
      if (r.status === 'delivered') pushed++
      handled++
    }
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
