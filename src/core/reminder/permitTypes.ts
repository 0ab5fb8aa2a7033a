import type { Evidence, PlatformNote } from '../content/evidence'

/**
 * Permit types: validity, the last day to apply for renewal, and the reminder ladder
 * (REFERENCE.md, "Permits and renewal notice"). Every number rests on a quoted article or on a
 * platform note: where the rule is unverified it is this platform's configurable default, and
 * says so. Where a rule says "apply N before expiry" (`applyLead`), the reminders count down to
 * that last day to apply, not to expiry: a reminder 7 days before expiry would tell an owner
 * they are on time when they are already late.
 */
export interface PermitType {
  label: string
  validityYears: number | null
  /** what the law (or local rule, or our default) asks, in plain words */
  renewRule: string
  /**
   * the last day to apply for renewal is this long before expiry; null: renew any time before
   * expiry. `law`: the lead is the quoted article's own (行政许可法 Art. 50); `platform`: it is our
   * configurable default, and an owner past it is told so, not that the legal deadline has gone.
   */
  applyLead: { n: number; unit: 'day' | 'month'; from: 'law' | 'platform' } | null
  /** days before the last day to apply (or before expiry, without `applyLead`) on which to remind */
  ladderDays: number[]
  /** what to do to renew */
  howToRenew: string
  /**
   * What happens once it expires without renewal, in plain words, with the article that says so;
   * null where no source we hold says it (then the owner is sent to the issuing office).
   */
  lapse: { text: string; evidence: Evidence } | null
  /** the documents it rests on, as shown (titles, never file names) */
  basis: string
  evidence: Evidence[]
  platform: PlatformNote | null
}

const NPC = '（全国人民代表大会常务委员会）'
const ADMIN_LICENSING_50: Evidence = {
  source: { document: `《中华人民共和国行政许可法》${NPC}`, number: null, clause: '第五十条', seed: null },
  quote: '被许可人需要延续依法取得的行政许可的有效期的，应当在该行政许可有效期届满三十日前向作出行政许可决定的行政机关提出申请。但是，法律、法规、规章另有规定的，依照其规定。'
}
const ADMIN_LICENSING_70: Evidence = {
  source: { document: `《中华人民共和国行政许可法》${NPC}`, number: null, clause: '第七十条', seed: null },
  quote: '有下列情形之一的，行政机关应当依法办理有关行政许可的注销手续：（一）行政许可有效期届满未延续的；'
}
/** 行政许可法 Art. 70 in plain words: what an unrenewed licence comes to */
const LICENCE_LAPSE = { text: '到期还没有办好延续的，发证机关应当依法注销这张证。', evidence: ADMIN_LICENSING_70 }
const FOOD_REG_15: Evidence = {
  source: { document: '《中华人民共和国食品安全法实施条例》（国务院）', number: null, clause: '第十五条', seed: null },
  quote: '食品生产经营许可的有效期为5年。'
}
const FOOD_LAW_36: Evidence = {
  source: { document: `《中华人民共和国食品安全法》${NPC}`, number: null, clause: '第三十六条', seed: null },
  quote: '食品生产加工小作坊和食品摊贩等的具体管理办法由省、自治区、直辖市制定。'
}
const FOOD_LAW_45: Evidence = {
  source: { document: `《中华人民共和国食品安全法》${NPC}`, number: null, clause: '第四十五条', seed: null },
  quote: '从事接触直接入口食品工作的食品生产经营人员应当每年进行健康检查，取得健康证明后方可上岗工作。'
}

export const PERMIT_TYPES = {
  foodBusiness: {
    label: '食品经营许可证',
    validityYears: 5,
    renewRule: '有效期届满前要申请延续，具体期限以发证的市场监管部门为准；本程序按到期前50天作为最后申请日提醒您',
    applyLead: { n: 50, unit: 'day', from: 'platform' },
    ladderDays: [40, 20, 7, 1],
    howToRenew: '带营业执照、原许可证，到当地市场监管部门窗口或通过政务服务网申请延续；提前准备场所、设备和从业人员健康证明。',
    lapse: LICENCE_LAPSE,
    basis: '《中华人民共和国食品安全法实施条例》第十五条（有效期5年）；《中华人民共和国行政许可法》第五十条（届满三十日前申请延续，另有规定的除外）',
    evidence: [FOOD_REG_15, ADMIN_LICENSING_50],
    platform: {
      note: '本平台口径：食品经营许可的延续申请期限，2015年《食品经营许可管理办法》写的是有效期届满30个工作日前，现行规定本平台未核实；30个工作日遇到节假日可能超过6周，所以本程序按到期前50天作为最后申请日提醒（可配置）。'
    }
  },
  smallFood: {
    label: '食品小作坊/小餐饮登记证',
    validityYears: 3,
    renewRule: '按本省规定在有效期届满前申请延续；本程序按到期前30天作为最后申请日提醒您',
    applyLead: { n: 30, unit: 'day', from: 'platform' },
    ladderDays: [30, 14, 7, 1],
    howToRenew: '到所在县区市场监管部门或乡镇市场监管所办理延续登记。',
    // a provincial registration: what its lapse means is the province's rule, which we do not hold
    lapse: null,
    basis: '《中华人民共和国食品安全法》第三十六条（由各省制定管理办法）；有效期和申请期限为本平台默认值',
    evidence: [FOOD_LAW_36, ADMIN_LICENSING_50],
    platform: {
      note: '本平台口径：小作坊、小餐饮登记证由各省规定，有效期以证上写的为准；本程序默认3年（参照山东、河南、重庆等地的规定，本平台未逐一核实），最后申请日参照行政许可法第五十条取到期前30天（可配置）。'
    }
  },
  publicHealth: {
    label: '公共场所卫生许可证',
    validityYears: 4,
    renewRule: '有效期届满30日前申请延续（另有规定的按规定）',
    applyLead: { n: 30, unit: 'day', from: 'law' },
    ladderDays: [30, 14, 7, 1],
    howToRenew: '向当地卫生健康部门申请延续，准备卫生检测报告和从业人员健康证明。',
    lapse: LICENCE_LAPSE,
    basis: '《中华人民共和国行政许可法》第五十条（届满三十日前申请延续）；有效期为本平台默认值',
    evidence: [ADMIN_LICENSING_50],
    platform: {
      note: '本平台口径：有效期4年、每2年复核一次，是按《公共场所卫生管理条例实施细则》设的默认值，本平台未核实条文原文，以证上写的为准；最后申请日按行政许可法第五十条取到期前30天（可配置）。'
    }
  },
  tobacco: {
    label: '烟草专卖零售许可证',
    validityYears: 5,
    renewRule: '有效期届满30日前申请延续：最晚在到期前30天提出申请（地方规定可能不同）',
    applyLead: { n: 30, unit: 'day', from: 'law' },
    ladderDays: [30, 14, 7, 1],
    howToRenew: '向当地烟草专卖局申请延续。',
    lapse: LICENCE_LAPSE,
    basis: '《中华人民共和国行政许可法》第五十条（届满三十日前申请延续）；有效期为本平台默认值',
    evidence: [ADMIN_LICENSING_50],
    platform: {
      note: '本平台口径：烟草专卖零售许可证“届满30日前”申请延续，是地方规定和行政许可法第五十条一般规定的写法，国家层面的具体条文本平台未核实；有效期默认5年（最长），以证上写的为准；最后申请日按到期前30天计算（可配置）。'
    }
  },
  drug: {
    label: '药品经营许可证',
    validityYears: 5,
    renewRule: '有效期届满前6个月申请换发',
    applyLead: { n: 6, unit: 'month', from: 'platform' },
    ladderDays: [60, 30, 7, 1],
    howToRenew: '有效期届满前6个月，向发证的药品监管部门申请重新审查发证。',
    lapse: LICENCE_LAPSE,
    basis: '《中华人民共和国药品管理法实施条例》（有效期和换发期限为本平台默认值）',
    evidence: [],
    platform: {
      note: '本平台口径：有效期5年、有效期届满前6个月申请换发，是按《药品管理法实施条例》设的默认值，本平台未核实现行条文和配套规章，以发证机关为准；最后申请日按到期前6个月计算（可配置）。'
    }
  },
  healthCert: {
    label: '从业人员健康证明',
    validityYears: 1,
    renewRule: '每年进行健康检查，到期前重新体检',
    applyLead: null,
    ladderDays: [30, 7, 1],
    howToRenew: '到当地疾控中心或指定医院体检，取得新的健康证明后再上岗。',
    lapse: { text: '健康证明过期后，从事接触直接入口食品工作的，要重新体检、取得新的健康证明后才能上岗。', evidence: FOOD_LAW_45 },
    basis: '《中华人民共和国食品安全法》第四十五条（每年健康检查）',
    evidence: [FOOD_LAW_45],
    platform: { note: '本平台口径：法律要求每年健康检查，所以本程序默认健康证明有效1年，以证上写的为准。' }
  },
  other: {
    label: '其他证照',
    validityYears: null,
    renewRule: '行政许可一般要在有效期届满30日前申请延续，另有规定的按规定；请向发证机关确认',
    applyLead: { n: 30, unit: 'day', from: 'law' },
    ladderDays: [30, 14, 7, 1],
    howToRenew: '请咨询发证机关办理延续或换证的要求。',
    lapse: LICENCE_LAPSE,
    basis: '《中华人民共和国行政许可法》第五十条',
    evidence: [ADMIN_LICENSING_50],
    platform: { note: '本平台口径：其他证照按行政许可法第五十条的一般规定，以到期前30天为最后申请日提醒（可配置）；不是行政许可的证照，以发证机关的要求为准。' }
  }
} satisfies Record<string, PermitType>

export type PermitTypeKey = keyof typeof PERMIT_TYPES
export const PERMIT_TYPE_LABELS = Object.fromEntries(Object.entries(PERMIT_TYPES).map(([k, v]) => [k, v.label])) as Record<PermitTypeKey, string>
