
import type { AnnualStanding } from './annualStanding'

/**
 * The pre-assessment scorecard: transparent points for each factor and what would raise it. It is
 * configuration (weights here, our own estimate), not a credit decision: the result always says it
 * is not a loan offer. It gives no amount: none of the product documents states a limit or a
 * range (src/core/loan/products.ts), so any figure would be ours alone; the amount is the bank's.
 */
export interface ScorecardConfig {
  version: string
  /** points for average monthly turnover: full marks at `full` yuan, log-scaled below */
  turnover: { max: number; full: number }
  /** points for steady turnover: full when the months vary little */
  stability: { max: number }
  /** points per year in business, up to max */
  years: { perYear: number; max: number }
  taxPaid: number
  socialInsurance: number
  annualReportFiled: number
  validPermit: number
  featured: number
  /** deducted when listed as 经营异常 */
  abnormal: number
}

export const DEFAULT_SCORECARD: ScorecardConfig = {
  version: '2026-11',
  turnover: { max: 30, full: 200_000 },
  stability: { max: 10 },
  years: { perYear: 3, max: 15 },
  taxPaid: 10,
  socialInsurance: 5,
  annualReportFiled: 10,
  validPermit: 5,
  featured: 5,
  abnormal: 30
}

export interface ScoreInput {
  /** monthly 收款码 turnover, yuan, oldest first (up to 12 months) */
  turnover: number[]
  monthsInBusiness: number
  taxPaid: boolean
  socialInsurance: boolean
  /** from annualStanding(): an owner not yet due to file is not marked down */
  annualReport: Pick<AnnualStanding, 'markedDown' | 'ownerText'>
  validPermits: number
  featured: boolean
  abnormal: boolean
}

export interface Factor {
  name: string
  points: number
  max: number
  /** what the owner's own figure is */
  detail: string
  /** what would raise it; null when already at full marks */
  raise: string | null
}

export interface Assessment {
  /** 0–100, our own estimate */
  score: number
  factors: Factor[]
  averageTurnover: number
  disclaimer: string
  configVersion: string
}

const round = (n: number, step: number) => Math.round(n / step) * step
// round half up on the thousands (toFixed would show 45,500 as 4.5万, floating point)
const yuan = (n: number) => (n >= 10_000 ? `${(Math.round(n / 1000) / 10).toFixed(1)}万元` : `${Math.round(n)}元`)

export function assess(input: ScoreInput, cfg: ScorecardConfig = DEFAULT_SCORECARD): Assessment {
  const months = input.turnover.filter((n) => Number.isFinite(n) && n >= 0)
  const avg = months.length ? months.reduce((a, b) => a + b, 0) / months.length : 0
  const factors: Factor[] = []

  const tPoints = avg <= 0 ? 0 : Math.min(cfg.turnover.max, (cfg.turnover.max * Math.log10(1 + avg)) / Math.log10(1 + cfg.turnover.full))
  factors.push({
    name: '收款码月流水',
    points: round(tPoints, 1),
    max: cfg.turnover.max,
    detail: months.length ? `近${months.length}个月平均每月${yuan(avg)}` : '还没有填写流水',
    raise: tPoints >= cfg.turnover.max ? null : months.length < 12 ? '补全近12个月流水；多用收款码收款' : '多用收款码收款，经营流水越高评估分越高'
  })

  // Coefficient of variation: 0 = every month the same. Needs at least 3 months to mean anything.
  const sd = months.length ? Math.sqrt(months.reduce((s, n) => s + (n - avg) ** 2, 0) / months.length) : 0
  const cv = avg > 0 ? sd / avg : 1
  const sPoints = months.length >= 3 ? Math.max(0, cfg.stability.max * (1 - Math.min(1, cv))) : 0
  factors.push({
    name: '流水稳定性',
    points: round(sPoints, 1),
    max: cfg.stability.max,
    detail: months.length >= 3 ? `月流水波动${Math.round(cv * 100)}%` : '至少需要3个月流水',
    raise: sPoints >= cfg.stability.max - 0.5 ? null : '保持每月收入平稳'
  })

  const years = Math.floor(input.monthsInBusiness / 12)
  const yPoints = Math.min(cfg.years.max, years * cfg.years.perYear)
  factors.push({
    name: '经营年限',
    points: yPoints,
    max: cfg.years.max,
    detail: years ? `已经营${years}年` : '开业不满1年',
    raise: yPoints >= cfg.years.max ? null : '持续经营，每满1年加分'
  })

  const flag = (name: string, on: boolean, points: number, yes: string, no: string, raise: string) =>
    factors.push({ name, points: on ? points : 0, max: points, detail: on ? yes : no, raise: on ? null : raise })
  flag('依法纳税', input.taxPaid, cfg.taxPaid, '已依法纳税', '未纳税', '依法纳税，积累纳税信用')
  flag('参加社保', input.socialInsurance, cfg.socialInsurance, '已参加社保', '未参加社保', '按规定参加社会保险')
  factors.push({
    name: '年报',
    points: input.annualReport.markedDown ? 0 : cfg.annualReportFiled,
    max: cfg.annualReportFiled,
    detail: input.annualReport.ownerText,
    raise: input.annualReport.markedDown ? '没报的请补报（免费）；已经报了的，在“年报提醒”里标记已报送' : null
  })
  flag('证照', input.validPermits > 0, cfg.validPermit, `有${input.validPermits}个有效证照`, '未记录有效证照', '在“证照提醒”里记录有效证照')
  flag('名特优新', input.featured, cfg.featured, '已认定名特优新', '未认定', '自愿申报“名特优新”')
  factors.push({
    name: '经营异常',
    points: input.abnormal ? -cfg.abnormal : 0,
    max: 0,
    detail: input.abnormal ? '被列入经营异常名录' : '未列入经营异常名录',
    raise: input.abnormal ? '补报年报并申请信用修复后移出名录' : null
  })

  const score = Math.max(0, Math.min(100, Math.round(factors.reduce((s, f) => s + f.points, 0))))
  return {
    score,
    factors,
    averageTurnover: Math.round(avg),
    disclaimer: '这是按您填写的信息做的预评估（分数是我们的估算），不是贷款承诺；能否贷款、额度和利率以银行审批为准。',
    configVersion: cfg.version
  }
}

