/**
 * The yearly 分型 decision, per region (issue #18). Only a region whose own documents state the
 * yearly decision has one: Hubei, whose 工作规范 (quoted by 武汉's plan, seed 004, under “按照全省
 * 统一标准”) sets the decision on 7月1日, a review in the third quarter and a re-decision on 9月30日.
 *
 * Elsewhere no decision runs, on purpose: no document we have sets a date or a procedure there,
 * and a “判定” by this platform would present our own estimate (the thresholds are ours,
 * src/core/user/classify.ts) as an official result. Those owners keep seeing the estimate,
 * labelled 估算, as before. A region that publishes its schedule gets an entry here, with its quote.
 *
 * Dates are China dates (MM-DD) of every year; the hour of each step is ours (本平台配置): the
 * source names the day only.
 */
export interface YearlyStep {
  /** MM-DD, China date, every year */
  date: string
  /** China time of day the step runs, HH:mm (本平台配置) */
  time: string
  /** the source's words for this step */
  quote: string
  /** why the hour is what it is: our setting, said as ours */
  timeNote: string
}

export interface YearlyConfig {
  /** GB/T 2260 code of the province (or city) it holds in */
  region: string
  /** short name for messages: “湖北省” */
  regionLabel: string
  document: string
  decision: YearlyStep
  /** the window in which an owner may object: from the decision to the re-decision */
  review: { quote: string }
  redecision: YearlyStep
  /**
   * What the re-decision re-decides (our reading of “按照个体工商户反馈、基层工作人员复核结果…重新
   * 进行一次系统自动分型判定”, 本平台配置): the households that objected and those whose data changed
   * since the decision (profile saved, register facts changed through verification). A decision a
   * regulator reviewed stands: it already is the 复核结果.
   */
  redecides: string
}

export const WUHAN_PLAN = '《武汉市个体工商户分型分类精准帮扶提升发展质量工作实施方案》（武市监〔2024〕39号）'

export const YEARLY_CONFIGS: YearlyConfig[] = [
  {
    // seed 004: “按照全省统一标准” under Hubei's 工作规范, so the dates hold province-wide
    region: '420000',
    regionLabel: '湖北省',
    document: WUHAN_PLAN,
    decision: {
      date: '07-01',
      time: '09:00',
      quote: '在每年个体工商户年度报告结束后(7月1日),集中进行一次个体工商户分型判定',
      timeNote: '本平台配置：7月1日上午9点判定并通知，不在夜里发消息'
    },
    review: { quote: '每年第三季度启动分型结果复核' },
    redecision: {
      date: '09-30',
      time: '18:00',
      quote: '按照个体工商户反馈、基层工作人员复核结果,于9月30日重新进行一次系统自动分型判定和数据归集',
      timeNote: '本平台配置：9月30日18点重新判定，当天白天仍可提出异议和复核'
    },
    redecides: '提出过异议的经营户，以及判定后档案或登记信息有变化的经营户；监管人员已复核的结果保持不变'
  }
]
