import { describeMonths, monthsBetween } from '../common/time'
import { BUSINESS_TYPES, REVENUE_BANDS, REVENUE_ORDER, type BusinessType, type RevenueBand } from './options'

/**
 * 分型 thresholds. REFERENCE.md: the national thresholds are unverified, so these are
 * configuration, and every result carries the reasons it was reached.
 */
export interface ClassificationConfig {
  version: string
  growth: { minMonths: number; minEmployees: number; minRevenue: RevenueBand }
  development: { minMonths: number; minEmployees: number; minRevenue: RevenueBand }
}

export const DEFAULT_CLASSIFICATION: ClassificationConfig = {
  version: '2026-11',
  growth: { minMonths: 12, minEmployees: 1, minRevenue: '10w_50w' },
  development: { minMonths: 36, minEmployees: 8, minRevenue: '100w_500w' }
}

export interface ClassificationInput {
  openedOn: string
  employees: number
  revenueBand: RevenueBand
  taxPaid: boolean
  socialInsurance: boolean
}

export interface Reason {
  text: string
  met: boolean
}

export interface Classification {
  type: BusinessType
  label: string
  reasons: Reason[]
  /** what help fits this type (seed 004, 二(二)) */
  focus: string
  configVersion: string
}

const FOCUS: Record<BusinessType, string> = {
  survival: '重点帮您：办照准入更便利、降低经营成本、包容审慎监管',
  growth: '重点帮您：招工用工、技能培训、参加社保、融资支持',
  development: '重点帮您：合规经营、个体转企业、商标与知识产权'
}

const atLeast = (band: RevenueBand, min: RevenueBand) => REVENUE_ORDER.indexOf(band) >= REVENUE_ORDER.indexOf(min)

/**
 * 生存型 / 成长型 / 发展型 from the profile, as seed 004 describes (years in business,
 * revenue, tax, employees). `today` is the China date, so the result is the same wherever the
 * function runs.
 */
export function classify(
  p: ClassificationInput,
  today: string,
  cfg: ClassificationConfig = DEFAULT_CLASSIFICATION
): Classification {
  const months = Math.max(0, monthsBetween(p.openedOn, today))
  const age = describeMonths(months)

  const d = cfg.development
  const devReasons: Reason[] = [
    { text: `经营满${d.minMonths / 12}年（您已经营${age}）`, met: months >= d.minMonths },
    { text: '依法纳税', met: p.taxPaid },
    {
      text: `雇员${d.minEmployees}人以上或年营业额${REVENUE_BANDS[d.minRevenue].replace(/–.*/, '')}以上（您有雇员${p.employees}人，营业额${REVENUE_BANDS[p.revenueBand]}）`,
      met: p.employees >= d.minEmployees || atLeast(p.revenueBand, d.minRevenue)
    }
  ]
  if (devReasons.every((r) => r.met)) return result('development', devReasons, cfg)

  const g = cfg.growth
  const growthReasons: Reason[] = [
    { text: `经营满${g.minMonths / 12}年（您已经营${age}）`, met: months >= g.minMonths },
    {
      text: `有雇员、依法纳税、参加社保或年营业额${REVENUE_BANDS[g.minRevenue].replace(/–.*/, '')}以上，至少一项`,
      met: p.employees >= g.minEmployees || p.taxPaid || p.socialInsurance || atLeast(p.revenueBand, g.minRevenue)
    }
  ]
  if (growthReasons.every((r) => r.met)) {
    // Say what is still missing for the next type, so the owner sees the path upwards.
    return result('growth', [...growthReasons, ...devReasons.filter((r) => !r.met).map(next)], cfg)
  }
  return result('survival', [...growthReasons.map((r) => (r.met ? r : next(r)))], cfg)
}

function next(r: Reason): Reason {
  return { text: `尚未达到：${r.text}`, met: false }
}

function result(type: BusinessType, reasons: Reason[], cfg: ClassificationConfig): Classification {
  return { type, label: BUSINESS_TYPES[type], reasons, focus: FOCUS[type], configVersion: cfg.version }
}
