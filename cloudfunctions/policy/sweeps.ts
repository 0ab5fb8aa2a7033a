import { buildData, POLICY_TEMPLATE } from '../../src/core/notify/template'
import { matchPolicy } from '../../src/core/policy/match'
import { sourceLine } from '../../src/core/policy/act'
import { pushAudiencePage } from '../common/audiencePush'
import type { BroadcastDoc } from '../common/inbox'
import type { Ports } from '../common/ports'
import type { Sweep } from '../common/sweep'
import { policies, type PolicyDoc } from './store'

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
 * Pushes a published policy to the owners it fits, a page of up to PUSH_PAGE owners at a time
 * (common/audiencePush.ts). The message is the same for all of them, so it is a broadcast; the
 * same rule as the pages decides who fits: an ended policy or an unknown region is never pushed.
 * Withdrawing sets push to 'stopped', and the next page is never taken.
 */
const pushPage = (ports: Ports, now: Date) =>
  pushAudiencePage(ports, now, {
    collection: (p) => policies(p.db),
    rulesOf: (p) => p.conditions,
    fits: (p, facts, today) => matchPolicy(p, facts, today).status === 'match',
    broadcast: (p, at, ports) => policyBroadcast(p, at, ports.config.templates.policy),
    keyPrefix: 'policy',
    countField: 'stats.pushed'
  })

export const policyPushSweep: Sweep = { name: 'policy-push', page: pushPage }
