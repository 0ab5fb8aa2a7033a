// The order of policy lists. Pure, no dataset: the function sorts with it, tests check it.
import { regionPrefix, within } from '../region/code'
import type { PolicyAct } from './act'
import type { Fit } from './fit'
import type { ConditionResult, MatchStatus } from './match'
import type { Condition } from './rules'

/** Where a policy applies, seen from the owner's region. */
export type Scope = 'local' | 'province' | 'national' | 'elsewhere' | 'unknown'

/**
 * local: a city or county rule that holds for the owner (their 温州市 or 鹿城区); province: a
 * province-wide one that holds; national: no region rule (a staff policy for everyone); elsewhere:
 * a region rule the owner is outside of; unknown: the document does not say where (seed 000).
 */
export function scopeOf(p: { conditions: readonly Condition[]; source?: { region?: string | null } }, ownerRegion: string): Scope {
  if (p.source?.region === null) return 'unknown'
  const areas = p.conditions.flatMap((c) => (c.fact === 'region' ? [c.value] : []))
  if (!areas.length) return 'national'
  if (!areas.every((a) => within(ownerRegion, a))) return 'elsewhere'
  return areas.some((a) => regionPrefix(a).length > 2) ? 'local' : 'province'
}

const SCOPE_ORDER: Record<Scope, number> = { local: 0, province: 1, national: 2, elsewhere: 3, unknown: 4 }
const FIT_ORDER: Record<Fit, number> = { match: 0, almost: 1, no: 2, elsewhere: 3, regionUnknown: 4, expired: 5 }

export interface Listed {
  id: string
  scope: Scope
  fit: Fit
  publishedAt: string | null
  /** what the recommendation order reads (below), for ties between two that may fit */
  rank?: Recommended
}

/**
 * 全部 and search, for an owner whose region we know: their own city or county first, then their
 * province, then national measures, then other regions, then documents that do not say where.
 * Within each: what may fit before what does not, ended ones last; among those that may fit, the
 * recommendation order (a stall's measures before a bigger business's); else newest first.
 */
export function compareListed(a: Listed, b: Listed): number {
  return (
    SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope] ||
    FIT_ORDER[a.fit] - FIT_ORDER[b.fit] ||
    (a.rank && b.rank ? compareRecommended(a.rank, b.rank) : 0) ||
    (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') ||
    a.id.localeCompare(b.id)
  )
}

export interface Recommended {
  id: string
  status: MatchStatus
  conditions: readonly Condition[]
  /** the match's reasons, one per condition, in order (core/policy/match) */
  reasons: readonly ConditionResult[]
  act?: Pick<PolicyAct, 'actions' | 'scale'> | null
  publishedAt: string | null
}

/** How many of the owner's own facts beyond the place a policy names and the owner meets. */
export const specificity = (r: Pick<Recommended, 'conditions' | 'reasons'>) => r.conditions.filter((c, i) => c.fact !== 'region' && r.reasons[i]?.met).length

/**
 * 为您推荐: what a small stall can act on first. The rule (README, "How recommendations are ranked"):
 * 1. 可能符合 before 差一项.
 * 2. Measures a stall can use before those meant for a bigger business (hiring, 个转企, power
 *    lines, government procurement: content `act.scale: "larger"`), so a fruit stall never opens
 *    on a 10千伏 approval.
 * 3. Written for the owner's situation before written for everyone: more of the owner's own facts
 *    named beyond the place (退役军人, 新开办, 有雇员…) first.
 * 4. Something the owner can start in this app now (码上贷, 开业第一课, 年报, 诉求) before a visit or
 *    a call to an office.
 * 5. Newest first; then by id, so the order is stable.
 */
export function compareRecommended(a: Recommended, b: Recommended): number {
  const larger = (r: Recommended) => (r.act?.scale === 'larger' ? 1 : 0)
  const inApp = (r: Recommended) => (r.act?.actions.length ? 0 : 1)
  return (
    (a.status === 'match' ? 0 : 1) - (b.status === 'match' ? 0 : 1) ||
    larger(a) - larger(b) ||
    specificity(b) - specificity(a) ||
    inApp(a) - inApp(b) ||
    (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') ||
    a.id.localeCompare(b.id)
  )
}
