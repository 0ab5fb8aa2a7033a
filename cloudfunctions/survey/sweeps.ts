import { chinaDate } from '../../src/core/common/time'
import { factsOf, match } from '../../src/core/policy/match'
import { deliverBroadcast, ensureBroadcast } from '../common/broadcast'
import { BATCH } from '../common/bulk'
import type { BroadcastDoc } from '../common/inbox'
import { settingsOf } from '../common/notify'
import { cmd, patch, type Ports } from '../common/ports'
import type { Sweep } from '../common/sweep'
import { audienceWhere } from '../policy/audience'
import type { OwnerDoc } from '../user/owners'
import { matchProfile } from '../user/verify'
import { broadcastId, surveys, type SurveyDoc } from './store'

const LEASE_MS = 2 * 60_000

/** The message every owner in the audience gets: one broadcast per survey, in 消息 only (no subscribe template is set up for surveys). */
export function surveyBroadcast(s: SurveyDoc, now: Date): BroadcastDoc {
  return {
    _id: broadcastId(s._id),
    kind: 'survey',
    topic: 'survey',
    title: `问卷调查：${s.title}`,
    body: `${s.organizer}请您填写一份问卷（${s.questions.length}道题，${s.anonymous ? '匿名' : '实名'}），${s.endOn.slice(5, 7)}月${s.endOn.slice(8, 10)}日截止。点开作答，每户答一次。`,
    page: `survey/pages/answer/index?id=${s._id}`,
    template: null,
    createdAt: now.toISOString()
  }
}

/**
 * Delivers a published survey to its audience the way a policy push does (policy/sweeps.ts): a
 * page of up to 1,000 owners by _id from a cursor on the survey, the database narrowing by the
 * rules (policy/audience.ts), the pure matcher confirming each owner, one broadcast update for the
 * page, then the cursor moves. Closing the survey stops what is not yet sent.
 */
async function pushPage(ports: Ports, now: Date): Promise<{ handled: number; more: boolean }> {
  const t = now.toISOString()
  const today = chinaDate(now)
  const due = await surveys(ports.db).find({ push: 'queued', nextDueAt: cmd.lte(t), leaseUntil: cmd.lt(t) }, { orderBy: [['nextDueAt', 'asc']], limit: 5 })
  let handled = 0
  let more = false
  for (const s of due) {
    const won = await surveys(ports.db).updateWhere({ _id: s._id, push: 'queued', leaseUntil: cmd.lt(t) }, { leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() })
    if (won !== 1) continue
    const { where } = audienceWhere(s.rules, today)
    const batch = await ports.db.collection<OwnerDoc>('owners').find({ ...where, _id: cmd.gt(s.pushCursor) }, { orderBy: [['_id', 'asc']], limit: BATCH })
    const fits = batch.filter((o) => o.profile && match(s.rules, factsOf(matchProfile(o, today)!, today)).status === 'match')
    let delivered = 0
    if (fits.length) {
      const b = surveyBroadcast(s, now)
      await ensureBroadcast(ports.db, b)
      const settings = new Map(fits.map((o) => [o._id, settingsOf(o)]))
      const r = await deliverBroadcast(ports, now, b, fits.map((o) => ({ openid: o._id, key: `survey:${s._id}:${o._id}` })), settings)
      delivered = r.delivered.length
    }
    handled += fits.length
    const done = batch.length < BATCH
    if (!done) more = true
    await surveys(ports.db).updateWhere(
      { _id: s._id, push: 'queued' },
      {
        pushCursor: batch.length ? batch[batch.length - 1]._id : s.pushCursor,
        push: done ? 'done' : 'queued',
        nextDueAt: done ? null : t,
        leaseUntil: '',
        delivered: patch.inc(delivered)
      }
    )
  }
  return { handled, more: more || due.length === 5 }
}

/** Ends every published survey whose end date has passed (China time): no answer is taken after it. */
async function closePage(ports: Ports, now: Date): Promise<{ handled: number; more: boolean }> {
  const t = now.toISOString()
  const due = await surveys(ports.db).find({ status: 'published', closeAt: cmd.lte(t) }, { orderBy: [['closeAt', 'asc']], limit: 100 })
  let handled = 0
  for (const s of due) {
    handled += await surveys(ports.db).updateWhere(
      { _id: s._id, status: 'published' },
      { status: 'closed', closedReason: 'ended', closedAt: t, updatedAt: t, ...(s.push === 'queued' ? { push: 'stopped', nextDueAt: null } : {}) }
    )
  }
  return { handled, more: due.length === 100 }
}

export const surveyPushSweep: Sweep = { name: 'survey-push', page: pushPage }
export const surveyCloseSweep: Sweep = { name: 'survey-close', page: closePage }
