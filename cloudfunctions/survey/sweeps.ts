import { match } from '../../src/core/policy/match'
import { pushAudiencePage } from '../common/audiencePush'
import type { BroadcastDoc } from '../common/inbox'
import { cmd, type Ports } from '../common/ports'
import type { Sweep } from '../common/sweep'
import { broadcastId, surveys, type SurveyDoc } from './store'

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
 * Delivers a published survey to its audience the way a policy push does (common/audiencePush.ts):
 * a page of owners by _id from a cursor on the survey, the database narrowing by the rules, the
 * pure matcher confirming each owner, one broadcast update for the page. Closing the survey stops
 * what is not yet sent.
 */
const pushPage = (ports: Ports, now: Date) =>
  pushAudiencePage(ports, now, {
    collection: (p) => surveys(p.db),
    rulesOf: (s) => s.rules,
    fits: (s, facts) => match(s.rules, facts).status === 'match',
    broadcast: (s, at) => surveyBroadcast(s, at),
    keyPrefix: 'survey',
    countField: 'delivered'
  })

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
