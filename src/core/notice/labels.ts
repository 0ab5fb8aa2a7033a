// Labels, configuration and quotes only, no zod: client pages import this without the validation
// library. Every figure says where it comes from: a quote of its source (`evidence`, checked
// verbatim against ../shared/seeds by test/unit/noticeCore.test.ts) or a `platform` note (our own
// setting, shown as ours).

export interface Evidence {
  /** the exact words of the source */
  quote: string
  /** the source by title (never a file name) */
  source: string
}

const SEED_003 = '《温州市推进个体工商户全生命周期服务增值化改革实施方案》（温市监联〔2024〕13号）'
const SEED_001 = '《关于做好2024年度扶持个体工商户发展的通知》'

/** Why the app sends these notices at all. */
export const NOTICE_SOURCES = {
  reminders: { quote: '在线推送许可(资格)证到期、违规提示、信用修复、双随机抽查迎检等提醒服务', source: `${SEED_003} 第7条` },
  quietSupervision: { quote: '全面推行“事前提醒提示、事中无事不扰、事后轻微行为免罚轻罚”的无感监管体系', source: `${SEED_003} 第19条` },
  repairOneThing: { quote: '深化信用修复“一件事”改革,推进“一次申请、结果互认、两网联办”', source: `${SEED_003} 第19条` },
  lateReport: { quote: '对没有在规定时间内参加年报被标记为经营异常状态的个体工商户，允许自行网上补报并关联修复相关信用记录', source: `${SEED_001} 第22条` }
} satisfies Record<string, Evidence>

/**
 * 首违不罚: the wording of a first, minor 违规提示 is guidance, not a fine, because the law allows
 * it. This quote is from the law itself (not from a seed; REFERENCE.md does not carry it), and
 * it says 可以 (may): the page and the message say so and leave the decision to the enforcing office.
 */
export const FIRST_MINOR_RULE: Evidence = {
  quote: '初次违法且危害后果轻微并及时改正的，可以不予行政处罚。',
  source: '《中华人民共和国行政处罚法》第三十三条'
}

/**
 * Configured values of the notices. The sources ask for the reminders (NOTICE_SOURCES) but set
 * no number of days: each value here is ours (本平台配置) and says so.
 */
export const NOTICE_CONFIG = {
  /** the 事前提醒 goes this many days before an inspection window opens, at 09:00 China time */
  inspectionNoticeDays: { value: 3, platform: '本平台配置：来源文件要求“双随机抽查迎检”提醒，没有规定提前几天' },
  /** the hour (China time) reminders go out, so nobody is woken */
  sendHour: { value: 9, platform: '本平台配置：上午9点发出' },
  /** the latest a regulator may set a correction deadline, in days from today */
  hintMaxDays: { value: 90, platform: '本平台配置：整改期限最长90天' },
  /** a credit-repair reminder every this many days while the mark stands */
  repairEveryDays: { value: 7, platform: '本平台配置：来源文件没有规定提醒间隔' },
  /**
   * this many weekly reminders per marking (the first included); after them the reminder keeps
   * coming, less often, until the mark is cleared (seed 003 measure 7: 信用修复 reminders)
   */
  repairWeeklyReminders: { value: 5, platform: '本平台配置：标记后先每周提醒，共5次' },
  /** then one every this many days, until the register or an officer clears the mark */
  repairLaterEveryDays: { value: 30, platform: '本平台配置：之后每30天提醒一次，直到移出经营异常名录' }
} as const

/** 经营异常 causes the register and staff use for 个体工商户. */
export const ABNORMAL_CAUSES = {
  annualReport: '未按规定报送年度报告',
  unreachable: '通过登记的经营场所无法联系',
  other: '其他原因'
} as const
export type AbnormalCause = keyof typeof ABNORMAL_CAUSES

export interface RepairStep {
  id: string
  text: string
  /** a source's words for this step, or our note where no source spells it out */
  evidence?: Evidence
  platform?: string
}

const OUR_SUMMARY = '本平台整理的办理步骤，具体以登记机关（市场监管部门）告知为准'

/** The repair steps for each cause, in order; the owner ticks them as they go (their own record). */
export const REPAIR_STEPS: Record<AbnormalCause, RepairStep[]> = {
  annualReport: [
    { id: 'file', text: '在国家企业信用信息公示系统网上补报没有报送的年度报告', evidence: NOTICE_SOURCES.lateReport },
    { id: 'apply', text: '补报后申请移出经营异常状态（信用修复），一次申请即可', evidence: NOTICE_SOURCES.repairOneThing },
    { id: 'check', text: '过几天在公示系统查一下，经营异常标记是否已经移出', platform: OUR_SUMMARY }
  ],
  unreachable: [
    { id: 'place', text: '确认登记的经营场所还在用；已经搬了的，先办理经营场所变更登记', platform: OUR_SUMMARY },
    { id: 'contact', text: '联系当地市场监管所，留下现在能联系到您的地址和电话，申请恢复正常记载状态', platform: OUR_SUMMARY },
    { id: 'apply', text: '按“一件事”一次申请信用修复', evidence: NOTICE_SOURCES.repairOneThing }
  ],
  other: [
    { id: 'ask', text: '联系作出标记的市场监管所，问清原因和修复办法', platform: OUR_SUMMARY },
    { id: 'apply', text: '按“一件事”一次申请信用修复', evidence: NOTICE_SOURCES.repairOneThing }
  ]
}

/** Where the official record is; the app never takes payment and never links anywhere else. */
export const OFFICIAL_SITE = '国家企业信用信息公示系统（www.gsxt.gov.cn）'
/** REFERENCE.md: the filing is free (市场主体登记管理条例实施细则 Art. 63) and officials send no payment links. */
export const SCAM_WARNING = '年报不收费（《市场主体登记管理条例实施细则》第六十三条），工作人员也不会发付款链接。收到要求付钱的短信、电话，请不要理会。'

export const HINT_STATUSES = {
  sent: '待整改',
  corrected: '已整改，待确认',
  returned: '退回，请重新整改',
  confirmed: '已确认整改'
} as const
export type HintStatus = keyof typeof HINT_STATUSES

export const PLAN_STATUSES = {
  scheduled: '待提醒',
  notifying: '正在提醒',
  notified: '已提醒',
  cancelled: '已取消'
} as const
export type PlanStatus = keyof typeof PLAN_STATUSES

export const REPAIR_STATUSES = { marked: '经营异常', cleared: '已移出' } as const
export type RepairStatus = keyof typeof REPAIR_STATUSES

/** How an inspection plan picks its households. */
export const AUDIENCE_KINDS = { markets: '按市场', list: '按名单（信用代码）', rule: '按条件（行业）' } as const
export type AudienceKind = keyof typeof AUDIENCE_KINDS

export const MAX_CHECKLIST = 12
export const MAX_LIST = 200
export const MAX_HINT_PHOTOS = 6
