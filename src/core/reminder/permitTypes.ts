/**
 * Permit types with validity and renewal lead (REFERENCE.md, "Permits and renewal notice").
 * These are configurable defaults, not law: where the legal lead time is unverified the
 * ladder starts well before it. `ladderDays` are days before expiry at which to remind.
 */
export interface PermitType {
  label: string
  validityYears: number | null
  /** what the law (or local rule) asks, in plain words */
  renewRule: string
  ladderDays: number[]
  /** what to do to renew */
  howToRenew: string
  basis: string
}

export const PERMIT_TYPES = {
  foodBusiness: {
    label: '食品经营许可证',
    validityYears: 5,
    renewRule: '有效期届满30个工作日前申请延续',
    ladderDays: [90, 60, 40, 7, 1],
    howToRenew: '带营业执照、原许可证，到当地市场监管部门窗口或通过政务服务网申请延续；提前准备场所、设备和从业人员健康证明。',
    basis: '食品安全法实施条例第15条（有效期5年）；食品经营许可管理办法（延续申请时限）'
  },
  smallFood: {
    label: '食品小作坊/小餐饮登记证',
    validityYears: 3,
    renewRule: '有效期届满30日前申请延续',
    ladderDays: [60, 30, 7, 1],
    howToRenew: '到所在县区市场监管部门或乡镇市场监管所办理延续登记。',
    basis: '各省食品小作坊、小餐饮管理条例（以山东、河南、重庆为例有效期3年）'
  },
  publicHealth: {
    label: '公共场所卫生许可证',
    validityYears: 4,
    renewRule: '有效期届满30日前申请延续',
    ladderDays: [60, 30, 7, 1],
    howToRenew: '向当地卫生健康部门申请延续，准备卫生检测报告和从业人员健康证明。',
    basis: '公共场所卫生管理条例实施细则第8条（有效期4年，每2年复核）'
  },
  tobacco: {
    label: '烟草专卖零售许可证',
    validityYears: 5,
    renewRule: '有效期届满前30日内申请延续（地方规定可能不同）',
    ladderDays: [60, 30, 7, 1],
    howToRenew: '向当地烟草专卖局申请延续。',
    basis: '烟草专卖许可证管理办法（有效期最长5年）'
  },
  drug: {
    label: '药品经营许可证',
    validityYears: 5,
    renewRule: '有效期届满前6个月申请换发',
    ladderDays: [240, 200, 180, 90, 30, 7],
    howToRenew: '有效期届满前6个月，向发证的药品监管部门申请重新审查发证。',
    basis: '药品管理法实施条例第17条'
  },
  healthCert: {
    label: '从业人员健康证明',
    validityYears: 1,
    renewRule: '每年进行健康检查，到期前重新体检',
    ladderDays: [30, 7, 1],
    howToRenew: '到当地疾控中心或指定医院体检，取得新的健康证明后再上岗。',
    basis: '食品安全法第45条（每年健康检查）'
  },
  other: {
    label: '其他证照',
    validityYears: null,
    renewRule: '按发证机关要求在到期前办理',
    ladderDays: [60, 30, 7, 1],
    howToRenew: '请咨询发证机关办理延续或换证的要求。',
    basis: ''
  }
} satisfies Record<string, PermitType>

export type PermitTypeKey = keyof typeof PERMIT_TYPES
export const PERMIT_TYPE_LABELS = Object.fromEntries(Object.entries(PERMIT_TYPES).map(([k, v]) => [k, v.label])) as Record<PermitTypeKey, string>
