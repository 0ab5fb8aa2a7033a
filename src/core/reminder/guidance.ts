/**
 * What reminders say about the annual report. No payment link, ever: the official filing is
 * free and officials send none (REFERENCE.md, "Annual report"). Reminders point only at the
 * official 国家企业信用信息公示系统.
 */
export const OFFICIAL_SITE = '国家企业信用信息公示系统（www.gsxt.gov.cn）'
/** the same site, for the link in H5 and the copy button in WeChat (a mini-program cannot open it) */
export const OFFICIAL_SITE_NAME = '国家企业信用信息公示系统'
export const OFFICIAL_SITE_URL = 'https://www.gsxt.gov.cn'

export const SCAM_WARNING =
  '谨防诈骗：年报免费填报，市场监管部门不会通过短信、电话发送缴费链接或要求转账。收到“经营异常、交费解除”之类的信息，请直接挂断，可拨打12315核实。'

export const ANNUAL_REPORT_GUIDE = {
  how: `每年1月1日至6月30日报送上一年度年报，免费。可登录${OFFICIAL_SITE}或当地政务服务渠道填报，也可以纸质报送；可以选择不公示。`,
  basis: '市场主体登记管理条例实施细则第63条、第70条',
  /** seed 001, measure 22 */
  lateSteps: [
    '逾期未报会被标记为“经营异常”，并可能被罚款。',
    `补救：登录${OFFICIAL_SITE}自行补报年报。`,
    '补报后可在网上申请信用修复，移出经营异常状态，全程网上办理，“零跑腿”（甘州区2024年扶持措施第22条）。'
  ]
}

/** A reminder body must never contain a link other than the official site's name. */
export const containsPaymentLink = (text: string) => /https?:\/\/|支付|付款|转账|缴费链接/.test(text.replace(/不会通过短信、电话发送缴费链接或要求转账/g, ''))
