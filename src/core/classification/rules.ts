import { chinaDate } from '../common/time'
import { within } from '../region/code'
import { classify, type Classification, type ClassificationInput } from '../user/classify'
import { BUSINESS_TYPES, type BusinessType, type RevenueBand } from '../user/options'
import { YEARLY_CONFIGS, type YearlyConfig, type YearlyStep } from './config'

export { YEARLY_CONFIGS, type YearlyConfig }

/** The yearly-decision config of the region an owner is in, or null: no decision runs there. */
export function yearlyConfigFor(region: string | null | undefined): YearlyConfig | null {
  return YEARLY_CONFIGS.find((c) => within(region, c.region)) ?? null
}

/** The instant a step runs in a year (China time). */
export const stepAt = (step: YearlyStep, year: number): Date => new Date(`${year}-${step.date}T${step.time}:00+08:00`)

export const decisionAt = (cfg: YearlyConfig, year: number) => stepAt(cfg.decision, year)
export const redecisionAt = (cfg: YearlyConfig, year: number) => stepAt(cfg.redecision, year)

/** The China year of an instant. */
export const chinaYear = (now: Date) => Number(chinaDate(now).slice(0, 4))

/** The year of the latest decision that has run at `now` (this year's once its day has come). */
export function latestDecisionYear(cfg: YearlyConfig, now: Date): number {
  const y = chinaYear(now)
  return now.getTime() >= decisionAt(cfg, y).getTime() ? y : y - 1
}

/** “7月1日” from MM-DD. */
export const monthDayOf = (mmdd: string) => `${Number(mmdd.slice(0, 2))}月${Number(mmdd.slice(3, 5))}日`

export type WindowState = { open: true; closesAt: string } | { open: false; message: string; opensAt: string | null }

/**
 * May an owner object to year `year`'s decision now? From the decision until the re-decision runs
 * (the third quarter, seed 004); before, nothing has been decided; after, the re-decision has
 * used the feedback and the year's result stands.
 */
export function objectionWindow(cfg: YearlyConfig, year: number, now: Date): WindowState {
  const opens = decisionAt(cfg, year)
  const closes = redecisionAt(cfg, year)
  const t = now.getTime()
  if (t < opens.getTime()) {
    return { open: false, opensAt: opens.toISOString(), message: `${year}年的分型还没有判定，${monthDayOf(cfg.decision.date)}判定后才能提出异议` }
  }
  if (t >= closes.getTime()) {
    return {
      open: false,
      opensAt: decisionAt(cfg, year + 1).toISOString(),
      message: `${year}年的分型复核已经结束（${monthDayOf(cfg.redecision.date)}已重新判定），${year + 1}年${monthDayOf(cfg.decision.date)}判定后可以再提出`
    }
  }
  return { open: true, closesAt: closes.toISOString() }
}

/** What a decision reads: the register's opening date and region where the owner is verified, else the profile. */
export interface DecisionProfile {
  region: string
  openedOn: string
  employees: number
  revenueBand: RevenueBand
  taxPaid: boolean
  socialInsurance: boolean
}
export interface DecisionInputs extends ClassificationInput {
  region: string
  source: 'register' | 'profile'
}

export function decisionInputs(profile: DecisionProfile, registered: { registeredOn: string | null; region: string } | null): DecisionInputs {
  const base = { employees: profile.employees, revenueBand: profile.revenueBand, taxPaid: profile.taxPaid, socialInsurance: profile.socialInsurance }
  if (registered) return { ...base, region: registered.region || profile.region, openedOn: registered.registeredOn ?? profile.openedOn, source: 'register' }
  return { ...base, region: profile.region, openedOn: profile.openedOn, source: 'profile' }
}

/** Two decisions read the same facts: the re-decision only looks again where they differ. */
export const sameInputs = (a: DecisionInputs, b: DecisionInputs) =>
  a.region === b.region && a.openedOn === b.openedOn && a.employees === b.employees && a.revenueBand === b.revenueBand && a.taxPaid === b.taxPaid && a.socialInsurance === b.socialInsurance && a.source === b.source

/** The system's decision on a China date: the same rules as the estimate, on the decision's inputs. */
export function decide(inputs: DecisionInputs, today: string): Classification {
  const c = classify(inputs, today)
  const from = inputs.source === 'register' ? '开业日期和地区按登记信息（已核验），其余按您的经营档案' : '按您的经营档案（还没有和登记信息核验）'
  return { ...c, reasons: [...c.reasons, { text: from, met: true }] }
}

/** What each type brings, in the source's words (seed 004 二（二）). */
export const TYPE_FOCUS: Record<BusinessType, { quote: string; document: string }> = {
  survival: {
    quote: '对于“生存型”个体工商户,侧重优化市场准入服务、降低经营场所等成本、探索审慎包容监管机制,激发创业创新活力。',
    document: YEARLY_CONFIGS[0].document
  },
  growth: {
    quote: '对于“成长型”个体工商户,侧重畅通招工用工渠道、提供职业技能培训信息、引导按规定参加社会保险、加大金融支持力度,增强抵御风险、持续经营能力。',
    document: YEARLY_CONFIGS[0].document
  },
  development: {
    quote: '对于“发展型”个体工商户,侧重提升合规管理水平、支持引导转型升级为企业、提高知识产权创造运用保护和管理能力,实现高质量发展。',
    document: YEARLY_CONFIGS[0].document
  }
}

/** The message every owner of one type gets on the decision day: the same words, so one broadcast per type. */
export function decisionMessage(cfg: YearlyConfig, year: number, type: BusinessType): { title: string; body: string } {
  return {
    title: `${year}年分型结果：${BUSINESS_TYPES[type]}`,
    body:
      `按${cfg.regionLabel}每年${monthDayOf(cfg.decision.date)}集中分型判定的安排，您${year}年的分型结果是“${BUSINESS_TYPES[type]}”。` +
      `${TYPE_FOCUS[type].document}：“${TYPE_FOCUS[type].quote}”` +
      `判定用的门槛是本平台的估算口径，以市场监管部门的标注为准。如有不同意见，${monthDayOf(cfg.redecision.date)}前可以在小程序“我的分型”里提出异议。`
  }
}

export function changedMessage(year: number, from: BusinessType, to: BusinessType, why: string): { title: string; body: string } {
  return {
    title: `${year}年分型结果改为${BUSINESS_TYPES[to]}`,
    body: `您${year}年的分型结果由“${BUSINESS_TYPES[from]}”改为“${BUSINESS_TYPES[to]}”。${why}`
  }
}

// ---- the objection (异议) state machine ----

export const OBJECTION_STATUSES = {
  open: '待复核',
  changed: '已改判',
  kept: '维持原判',
  redecided: '已在重新判定中处理'
} as const
export type ObjectionStatus = keyof typeof OBJECTION_STATUSES

export type ObjectionEvent =
  /** the regulator changes the type; the reason is recorded and shown to the owner */
  | { type: 'change'; from: BusinessType; to: BusinessType; reason: string }
  /** the regulator keeps the type, saying why */
  | { type: 'keep'; reason: string }
  /** the 9月30日 re-decision reaches an objection nobody reviewed */
  | { type: 'redecide' }

export interface ObjectionState {
  status: ObjectionStatus
}

/**
 * One owner, one objection per year (the database refuses a second: its `_id` is the decision's).
 * Filed → 改判 / 维持 by a regulator, or, if still open when the re-decision runs, handled by it.
 * Every end is final. Pure: the routes check the window and the region before.
 */
export function objectionStep(s: ObjectionState, e: ObjectionEvent): { ok: true; state: ObjectionState } | { ok: false; message: string } {
  if (s.status !== 'open') return { ok: false, message: `这条异议已经处理过了（${OBJECTION_STATUSES[s.status]}）` }
  switch (e.type) {
    case 'change':
      if (!e.reason.trim()) return { ok: false, message: '请写明改判的理由，经营户会看到' }
      if (e.from === e.to) return { ok: false, message: '改判的类型和原结果一样，请选择“维持原判”' }
      return { ok: true, state: { status: 'changed' } }
    case 'keep':
      if (!e.reason.trim()) return { ok: false, message: '请写明维持原判的理由，经营户会看到' }
      return { ok: true, state: { status: 'kept' } }
    case 'redecide':
      return { ok: true, state: { status: 'redecided' } }
  }
}
