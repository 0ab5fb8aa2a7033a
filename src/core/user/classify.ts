import { within } from '../region/code'
import { describeMonths, monthsBetween } from '../common/time'
import { BUSINESS_TYPES, REVENUE_BANDS, REVENUE_ORDER, type BusinessType, type RevenueBand } from './options'

/**
 * 分型 per region. REFERENCE.md: no seed and no national text we found states the thresholds
 * (12 months / 1 employee / 10万; 36 months / 8 employees / 100万), so in every region they are
 * this platform's estimate (本平台口径) and every result says so, with the reasons it was reached.
 * Where a document states the official yearly decision (Hubei's 工作规范, quoted by 武汉's plan),
 * the region's config carries it with its quote; elsewhere the app names no date.
 */
export interface ClassificationConfig {
  version: string
  /** GB/T 2260 code of the province or city this config applies in; null = everywhere else */
  region: string | null
  growth: { minMonths: number; minEmployees: number; minRevenue: RevenueBand }
  development: { minMonths: number; minEmployees: number; minRevenue: RevenueBand }
  /** the official yearly decision where a document states it */
  decision: { date: string; review: string | null; document: string; quote: string } | null
}

const PLATFORM_THRESHOLDS = {
  growth: { minMonths: 12, minEmployees: 1, minRevenue: '10w_50w' as RevenueBand },
  development: { minMonths: 36, minEmployees: 8, minRevenue: '100w_500w' as RevenueBand }
}

export const DEFAULT_CLASSIFICATION: ClassificationConfig = { version: '2026-11', region: null, ...PLATFORM_THRESHOLDS, decision: null }

export const CLASSIFICATION_CONFIGS: ClassificationConfig[] = [
  {
    version: '2026-11-hubei',
    // seed 004: "按照全省统一标准" under Hubei's 工作规范, so the dates hold province-wide
    region: '420000',
    ...PLATFORM_THRESHOLDS,
    decision: {
      date: '7月1日',
      review: '9月30日',
      document: '《武汉市个体工商户分型分类精准帮扶提升发展质量工作实施方案》（武市监〔2024〕39号）',
      quote: '在每年个体工商户年度报告结束后(7月1日),集中进行一次个体工商户分型判定'
    }
  },
  DEFAULT_CLASSIFICATION
]

/** The config of the region an owner is in (the most specific that contains it). */
export function classificationConfigFor(region: string | null | undefined): ClassificationConfig {
  return CLASSIFICATION_CONFIGS.find((c) => c.region && region && within(region, c.region)) ?? DEFAULT_CLASSIFICATION
}

/** What the owner reads under the result: ours is an estimate; the official decision, where known. */
export function classificationNote(cfg: ClassificationConfig): string {
  const ours = '按您填写的信息估算，分型门槛是本平台的估算口径（未见官方公布的标准）'
  if (!cfg.decision) return `${ours}，以当地市场监管部门的分型结果为准。`
  return `${ours}。当地每年${cfg.decision.date}集中判定分型${cfg.decision.review ? `，${cfg.decision.review}复核后重新判定` : ''}，以判定结果为准。`
}

export interface ClassificationInput {
  /** GB/T 2260 code: picks the region's config */
  region?: string
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
  /** that this is our estimate, and the official decision where a document states it */
  note: string
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
  cfg: ClassificationConfig = classificationConfigFor(p.region)
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
  return { type, label: BUSINESS_TYPES[type], reasons, focus: FOCUS[type], note: classificationNote(cfg), configVersion: cfg.version }
}
