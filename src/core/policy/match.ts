import { policyAge, type Dated } from './age'
import type { Fit } from './fit'
import { within } from '../region/code'
import { regionName } from '../region/names'
import { classify } from '../user/classify'
import { describeMonths, monthsBetween } from '../common/time'
import { BUSINESS_TYPES, INDUSTRIES, REVENUE_BANDS, REVENUE_ORDER, type BusinessType, type Industry, type RevenueBand } from '../user/options'
import { FEATURED, MATCH_GROUPS, type Condition, type Featured, type MatchGroup } from './rules'

/** What matching reads from a profile (all optional extras default to "not the case"). */
export interface MatchProfile {
  region: string
  industry: Industry
  openedOn: string
  employees: number
  revenueBand: RevenueBand
  taxPaid: boolean
  socialInsurance: boolean
  groups: readonly string[]
  graduationYear?: number | null
  featured?: Featured | null
  abnormal?: boolean | null
  /** the year's 分型 decision where one has run (#18): it wins over the estimate */
  decidedType?: BusinessType | null
}

export interface Facts {
  region: string
  industry: Industry
  type: BusinessType
  groups: MatchGroup[]
  monthsInBusiness: number
  employees: number
  revenueBand: RevenueBand
  taxPaid: boolean
  socialInsurance: boolean
  featured: Featured | null
  abnormal: boolean
}

/** Facts on a China date: time-dependent ones (months, 分型, recent graduate) are derived here. */
export function factsOf(p: MatchProfile, today: string): Facts {
  const groups = [...p.groups] as MatchGroup[]
  // seed 001 measure 5 pays "离校2年内高校毕业生…首次创办": the two years count at the opening, not
  // today (a graduate of 2022 who opened in 2023 still qualifies in 2026). The profile keeps only
  // the graduation year, so this is by calendar year: a platform estimate the policy says so.
  const opened = Number(p.openedOn.slice(0, 4))
  if (groups.includes('graduate') && p.graduationYear && opened >= p.graduationYear && opened - p.graduationYear <= 2) groups.push('recentGraduate')
  return {
    region: p.region,
    industry: p.industry,
    type: p.decidedType ?? classify(p, today).type,
    groups,
    monthsInBusiness: Math.max(0, monthsBetween(p.openedOn, today)),
    employees: p.employees,
    revenueBand: p.revenueBand,
    taxPaid: p.taxPaid,
    socialInsurance: p.socialInsurance,
    featured: p.featured ?? null,
    abnormal: !!p.abnormal
  }
}

export interface ConditionResult {
  met: boolean
  /** plain Chinese, with the owner's own value: "您是退役军人", "需正常经营满1年，您已经营8个月" */
  text: string
}

const list = (keys: readonly string[], labels: Record<string, string>) => keys.map((k) => labels[k]).join('、')
const rank = (b: RevenueBand) => REVENUE_ORDER.indexOf(b)

/**
 * Does the condition say whom a measure is for, rather than something an owner can work towards?
 * Where they are, their trade, who they are (退役军人…), being newly opened or small, and a state
 * nobody should aim for (被列入经营异常名录) are "aimed at": an owner who does not meet one is not
 * one step away, the measure is simply not for them ("用不上"), so it is never 差一项 and never reads
 * as something missing. Time in business, staff, turnover, paying tax, social insurance, a 分型
 * and a 名特优新 listing can be reached, so a policy short of one of those alone is 差一项.
 */
export function isAimedAt(c: Condition): boolean {
  switch (c.fact) {
    case 'region':
    case 'industry':
    case 'groups':
    case 'abnormal':
      return true
    case 'monthsInBusiness':
    case 'employees':
    case 'revenueBand':
      return c.op === 'lte'
    case 'taxPaid':
    case 'socialInsurance':
      return c.value === false
    default:
      return false
  }
}

/** The condition alone, as the document sets it: for owners with no profile (or recommendation off). */
export function describeCondition(c: Condition): string {
  switch (c.fact) {
    case 'region':
      return `限${regionName(c.value) || '指定地区'}的个体户`
    case 'industry':
      return `面向${list(c.value, INDUSTRIES)}行业`
    case 'type':
      return `面向${list(c.value, BUSINESS_TYPES)}个体户（分型以主管部门认定为准）`
    case 'groups':
      return `面向${list(c.value, MATCH_GROUPS)}`
    case 'monthsInBusiness':
      return c.op === 'gte' ? `正常经营满${describeMonths(c.value)}` : `面向开业${describeMonths(c.value)}以内的新开办个体户`
    case 'employees':
      return c.op === 'gte' ? (c.value === 1 ? '有雇员' : `雇员${c.value}人以上`) : `面向雇员${c.value}人以下的个体户`
    case 'revenueBand':
      return c.op === 'gte' ? `年营业额${REVENUE_BANDS[c.value]}及以上` : `面向年营业额${REVENUE_BANDS[c.value]}及以下的个体户`
    case 'taxPaid':
      return c.value ? '依法纳税' : '面向尚未纳税的个体户'
    case 'socialInsurance':
      return c.value ? '参加社保' : '面向未参加社保的个体户'
    case 'featured':
      return `面向“名特优新”中的${list(c.value, FEATURED)}类个体户`
    case 'abnormal':
      return c.value ? '面向已被列入经营异常名录、需要信用修复的个体户' : '面向没有被列入经营异常名录的个体户'
  }
}

/** "这项面向…；您…，用不上": an aimed-at condition the owner does not meet, said as a fact about them. */
const notForYou = (whom: string, you: string) => `这项${whom}；${you}，用不上`

export function checkCondition(c: Condition, f: Facts): ConditionResult {
  switch (c.fact) {
    case 'region': {
      const met = within(f.region, c.value)
      const where = regionName(c.value) || '指定地区'
      return { met, text: met ? `您在${where}` : `限${where}的个体工商户，您在${regionName(f.region) || '未填写地区'}` }
    }
    case 'industry': {
      const met = c.value.includes(f.industry)
      return { met, text: met ? `您的行业是${INDUSTRIES[f.industry]}` : notForYou(describeCondition(c), `您是${INDUSTRIES[f.industry]}`) }
    }
    case 'type': {
      const met = c.value.includes(f.type)
      // 分型 here is our estimate from the profile, not the regulator's decision
      return { met, text: met ? `按本平台估算，您是${BUSINESS_TYPES[f.type]}个体工商户` : `面向${list(c.value, BUSINESS_TYPES)}，按本平台估算您目前是${BUSINESS_TYPES[f.type]}` }
    }
    case 'groups': {
      const hit = c.value.find((g) => f.groups.includes(g))
      if (hit === 'recentGraduate') return { met: true, text: '开业时您是离校2年内高校毕业生' }
      if (hit) return { met: true, text: `您是${MATCH_GROUPS[hit]}` }
      const graduateTooLong = c.value.includes('recentGraduate') && f.groups.includes('graduate')
      // the groups are self-declared: someone who is one but did not say so can still add it
      if (graduateTooLong) return { met: false, text: notForYou(describeCondition(c), '开业时您离校已超过2年或尚未毕业，或档案未填毕业年份') }
      const these = c.value.length > 1 ? '这些身份' : '这个身份'
      return { met: false, text: `${notForYou(describeCondition(c), `您的经营档案里没有填${these}`)}；如果是，可以在档案里补上` }
    }
    case 'monthsInBusiness': {
      const have = describeMonths(f.monthsInBusiness)
      const want = describeMonths(c.value)
      if (c.op === 'gte') {
        const met = f.monthsInBusiness >= c.value
        return { met, text: met ? `已正常经营${have}（需满${want}）` : `需正常经营满${want}，您已经营${have}` }
      }
      const met = f.monthsInBusiness <= c.value
      // 新开办 is this platform's reading of the months since the opening date the owner gave
      return { met, text: met ? `开业${have}，按本平台估算属新开办（${want}以内）` : notForYou(describeCondition(c), `您已经营${have}`) }
    }
    case 'employees': {
      const met = c.op === 'gte' ? f.employees >= c.value : f.employees <= c.value
      if (c.op === 'lte') return { met, text: met ? `雇员${c.value}人以下（您有${f.employees}人）` : notForYou(describeCondition(c), `您有${f.employees}人`) }
      const want = c.value === 1 ? '有雇员' : `雇员${c.value}人以上`
      return { met, text: met ? `${want}（您有${f.employees}人）` : `需${want}，您有${f.employees}人` }
    }
    case 'revenueBand': {
      const met = c.op === 'gte' ? rank(f.revenueBand) >= rank(c.value) : rank(f.revenueBand) <= rank(c.value)
      const want = `年营业额${REVENUE_BANDS[c.value]}${c.op === 'gte' ? '及以上' : '及以下'}`
      if (c.op === 'lte' && !met) return { met, text: notForYou(describeCondition(c), `您${REVENUE_BANDS[f.revenueBand]}`) }
      return { met, text: met ? `${want}（您${REVENUE_BANDS[f.revenueBand]}）` : `需${want}，您${REVENUE_BANDS[f.revenueBand]}` }
    }
    case 'taxPaid': {
      const met = f.taxPaid === c.value
      if (c.value) return { met, text: met ? '您依法纳税' : '需依法纳税，您的档案中为未纳税' }
      return { met, text: met ? '这项面向尚未纳税的个体户，您目前未纳税' : notForYou(describeCondition(c), '您已纳税') }
    }
    case 'socialInsurance': {
      const met = f.socialInsurance === c.value
      if (c.value) return { met, text: met ? '您已参加社保' : '需参加社保，您的档案中为未参加' }
      return { met, text: met ? '这项面向未参加社保的个体户，您目前未参加' : notForYou(describeCondition(c), '您已参加社保') }
    }
    case 'featured': {
      const met = !!f.featured && c.value.includes(f.featured)
      return { met, text: met ? `您是“${FEATURED[f.featured!]}”类个体工商户` : `面向“名特优新”中的${list(c.value, FEATURED)}类${f.featured ? `，您是${FEATURED[f.featured]}类` : '，您尚未认定'}` }
    }
    case 'abnormal': {
      const met = f.abnormal === c.value
      // being listed is nothing to aim for: a "not listed" owner is told it is not for them, never that something is missing
      if (c.value) return { met, text: met ? '您被列入了经营异常名录，这项可以帮您修复信用' : notForYou(describeCondition(c), '您没有被列入') }
      return { met, text: met ? '您没有被列入经营异常名录' : `这项${describeCondition(c)}；档案显示您已被列入，暂时用不上` }
    }
  }
}

export type MatchStatus = 'match' | 'almost' | 'no'

export interface MatchResult {
  status: MatchStatus
  reasons: ConditionResult[]
  /** for "almost": the one condition still missing */
  missing: string | null
}

/**
 * matches: every condition holds; almost: all but one (and at least two conditions), and that one
 * is something the owner can reach (not an aimed-at condition, see isAimedAt: a policy from
 * elsewhere, for veterans, or for owners listed as 经营异常 is never "almost"); else no.
 */
export function match(conditions: readonly Condition[], facts: Facts): MatchResult {
  const reasons = conditions.map((c) => checkCondition(c, facts))
  const unmet = conditions.map((c, i) => ({ c, r: reasons[i] })).filter((x) => !x.r.met)
  if (unmet.length === 0) return { status: 'match', reasons, missing: null }
  if (unmet.length === 1 && conditions.length >= 2 && !isAimedAt(unmet[0].c)) return { status: 'almost', reasons, missing: unmet[0].r.text }
  return { status: 'no', reasons, missing: null }
}

/** What matching reads from a policy besides its rules: its dates (core/policy/age) and where it applies. */
export interface PolicyTiming extends Dated {
  conditions: readonly Condition[]
  /** `region: null` = the document does not say where it applies (seed 000 masks its province) */
  source?: { region?: string | null }
}

/** What an owner reads when the document does not say where it applies. */
export const REGION_UNKNOWN = '原文件没有写明适用的地区（省名被隐去），无法判断是否适用于您所在的地方，请向当地主管部门确认'

/**
 * A policy on a given China date: its rules, and before them whether it has ended. An ended
 * policy (a 2023 activity, a 2024 notice) is never a match or "almost": telling an owner they
 * may qualify for something that is over is telling more than the source says.
 */
export function matchPolicy(p: PolicyTiming, facts: Facts, today: string): MatchResult {
  const m = match(p.conditions, facts)
  const first: ConditionResult[] = []
  const age = policyAge(p, today)
  if (age.state === 'expired') {
    const stated = p.period?.text && p.period.to === age.endsOn ? `文件写明的时间是“${p.period.text}”` : `截止日期是${age.endsOn}`
    first.push({ met: false, text: `已过期：${stated}` })
  }
  // a place we cannot tell is never a match: the owner may be in another province altogether
  if (p.source?.region === null) first.push({ met: false, text: REGION_UNKNOWN })
  return first.length ? { status: 'no', reasons: [...first, ...m.reasons], missing: null } : m
}

/**
 * The one word a list shows for a policy and an owner (core/policy/fit.ts): an ended policy is
 * 已过期, an unknown place 地区不明, a policy of another region 不适用本地区 (whatever else holds),
 * otherwise the match status.
 */
export function fitOf(p: PolicyTiming, facts: Facts, today: string): Fit {
  if (policyAge(p, today).state === 'expired') return 'expired'
  if (p.source?.region === null) return 'regionUnknown'
  if (p.conditions.some((c) => c.fact === 'region' && !within(facts.region, c.value))) return 'elsewhere'
  return match(p.conditions, facts).status
}
