/**
 * 监测分析: which figures the dashboard shows, what each means, and the pure parts of computing
 * them (periods, averages, the 服务月 report's lines). The database does the counting
 * (cloudfunctions/monitor); nothing here reads a document.
 */
import dayjs from 'dayjs'
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, RATINGS } from '../complaint/labels'
import { APPLICATION_STATUSES } from '../loan/status'
import { BUSINESS_TYPES, INDUSTRIES } from '../user/options'

/** Need kinds heard on a visit (owned by the visits slice, src/core/visit/needs.ts; same keys and labels). */
export const VISIT_NEED_LABELS = { finance: '融资', hiring: '招工', premises: '场地', permits: '证照', tax: '税费', complaint: '诉求', other: '其他' } as const
export type VisitNeed = keyof typeof VISIT_NEED_LABELS

/** "Active" is an owner who opened the app within this many days (issue #17: 30). */
export const ACTIVE_DAYS = 30
/** Permits expiring soon: the two windows the issue names. */
export const PERMIT_WINDOWS = [30, 90] as const
/** Months of the new-households chart. */
export const TREND_MONTHS = 6
/** A period may span at most this many days (a year and a day, for leap years). */
export const MAX_PERIOD_DAYS = 366

/**
 * Figures a list stands behind. A parametrised figure carries its key after a colon
 * (`type:survival`, `complaintCategory:fee`); `figureKind` parses it.
 */
export const LIST_FIGURES = [
  'households', 'newHouseholds', 'active', 'type', 'industry', 'annualFiled',
  'permits30', 'permits90', 'permitsExpired',
  'complaints', 'complaintCategory', 'complaintStatus', 'complaintsOverdue',
  'courseStarted', 'courseCompleted', 'coursePassed',
  'loans', 'loanStatus', 'policyOpened', 'policyFavorited',
  'visits', 'need', 'followupsOverdue'
] as const
export type ListFigure = (typeof LIST_FIGURES)[number]

const PARAMS: Partial<Record<ListFigure, Record<string, string>>> = {
  type: BUSINESS_TYPES,
  industry: INDUSTRIES,
  complaintCategory: COMPLAINT_CATEGORIES,
  complaintStatus: COMPLAINT_STATUSES,
  loanStatus: APPLICATION_STATUSES,
  need: VISIT_NEED_LABELS
}

/** `type:survival` → {kind: 'type', param: 'survival'}; null when it is not a figure we list. */
export function figureKind(figure: string): { kind: ListFigure; param: string | null } | null {
  const [kind, param = null, ...rest] = figure.split(':')
  if (rest.length || !(LIST_FIGURES as readonly string[]).includes(kind)) return null
  const params = PARAMS[kind as ListFigure]
  if (params ? !param || !Object.prototype.hasOwnProperty.call(params, param) : param !== null) return null
  return { kind: kind as ListFigure, param }
}

/** The title of a figure's list, in the words of the dashboard. */
export function figureTitle(figure: string): string {
  const f = figureKind(figure)
  if (!f) return '名单'
  const p = f.param ? (PARAMS[f.kind] as Record<string, string>)[f.param] : ''
  const titles: Record<ListFigure, string> = {
    households: '已加入的个体户',
    newHouseholds: '期间新加入的个体户',
    active: `近${ACTIVE_DAYS}天用过小程序的个体户`,
    type: `分型：${p}（我们的估计）`,
    industry: `行业：${p}`,
    annualFiled: '今年已报送年报',
    permits30: '30天内到期的证照',
    permits90: '90天内到期的证照',
    permitsExpired: '已过期的证照',
    complaints: '期间收到的诉求',
    complaintCategory: `诉求类别：${p}`,
    complaintStatus: `诉求状态：${p}`,
    complaintsOverdue: '已超期的诉求',
    courseStarted: '开业第一课：已开始',
    courseCompleted: '开业第一课：学完全部课程',
    coursePassed: '开业第一课：学完并通过',
    loans: '期间的贷款申请',
    loanStatus: `贷款申请：${p}`,
    policyOpened: '查看了推送政策的个体户',
    policyFavorited: '收藏了推送政策的个体户',
    visits: '本月走访记录',
    need: `走访听到的需求：${p}`,
    followupsOverdue: '已超期的跟进事项'
  }
  return titles[f.kind]
}

// ---- periods (China dates) ----

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** This month so far: the default period. */
export const defaultPeriod = (today: string) => ({ from: `${today.slice(0, 7)}-01`, to: today })

// dayjs rolls 2月30日 over into March; a real date formats back to itself
const realDate = (d: string) => DATE.test(d) && dayjs(d).format('YYYY-MM-DD') === d

/** Why a period cannot be used, in words; null when it can. */
export function periodProblem(from: string, to: string): { field: 'from' | 'to'; message: string } | null {
  if (!realDate(from)) return { field: 'from', message: '开始日期不对' }
  if (!realDate(to)) return { field: 'to', message: '结束日期不对' }
  if (from > to) return { field: 'to', message: '结束日期不能早于开始日期' }
  if (dayjs(to).diff(dayjs(from), 'day') + 1 > MAX_PERIOD_DAYS) return { field: 'to', message: '时间段最长一年，请缩短' }
  return null
}

/** The China date `days` before `date`. */
export const daysBefore = (date: string, days: number) => dayjs(date).subtract(days, 'day').format('YYYY-MM-DD')
export const daysAfter = (date: string, days: number) => dayjs(date).add(days, 'day').format('YYYY-MM-DD')

/** The `n` months ending with the month of `date`, oldest first ('YYYY-MM'). */
export function lastMonths(date: string, n: number): string[] {
  const end = dayjs(`${date.slice(0, 7)}-01`)
  return Array.from({ length: n }, (_, i) => end.subtract(n - 1 - i, 'month').format('YYYY-MM'))
}

/** '2026-11' → '11月' (with the year when it is not `thisYear`). */
export const monthLabel = (month: string, thisYear: string) => (month.slice(0, 4) === thisYear ? `${Number(month.slice(5))}月` : `${month.slice(0, 4)}年${Number(month.slice(5))}月`)

// ---- numbers as the dashboard shows them ----

/** An average of days, one decimal; null when nothing was measured. */
export const averageDays = (sum: number, n: number): number | null => (n > 0 ? Math.round((sum / n) * 10) / 10 : null)

/** Share of satisfied (满意 + 基本满意) among rated, in whole percent; null when nobody rated. */
export function satisfaction(byRating: Partial<Record<keyof typeof RATINGS, number>>): { percent: number | null; rated: number } {
  const rated = (byRating.satisfied ?? 0) + (byRating.basicallySatisfied ?? 0) + (byRating.unsatisfied ?? 0)
  if (!rated) return { percent: null, rated: 0 }
  return { percent: Math.round((((byRating.satisfied ?? 0) + (byRating.basicallySatisfied ?? 0)) / rated) * 100), rated }
}

/** Calendar days between two instants (fractional), as stored for the 受理 and 答复 averages. */
export const daysBetweenInstants = (from: string, to: string) => Math.max(0, Math.round(((Date.parse(to) - Date.parse(from)) / 86_400_000) * 100) / 100)

/** Lists show a person's or business's name masked: enough to recognise, not to copy out. */
export { maskName } from '../course/certificateCode'

// ---- the 服务月 report (seed 002) ----

/**
 * The lines of a 服务月 report: the figures seed 002 (关于“个体工商户服务月”活动的汇报) reports, each
 * with the words of the report it fills in, so the office sees which sentence a number is for.
 */
export const SERVICE_MONTH_LINES = [
  { key: 'visitedHouseholds', label: '走访个体工商户', unit: '户', quote: '共走访个体工商户XX0余户' },
  { key: 'policiesPushed', label: '推送惠企政策', unit: '条', quote: '推动惠企政策解读到位' },
  { key: 'policyReached', label: '政策送达个体户', unit: '户', quote: '“点对点”向政策范围内企业主动发送提示信息' },
  { key: 'complaintsReceived', label: '收到诉求', unit: '件', quote: '聚焦个体工商户面临的困难和诉求' },
  { key: 'complaintsClosed', label: '诉求办结', unit: '件', quote: '及时解决企业发展中存在的困难问题' },
  { key: 'lessonsCompleted', label: '开业第一课学完全部课程', unit: '户', quote: '加强技能培训' },
  { key: 'loansApplied', label: '贷款申请', unit: '笔', quote: '已受理创业担保贷款XX户' },
  { key: 'loansGranted', label: '贷款获批或已放款', unit: '笔', quote: 'X月份共办理创业贷款X笔' }
] as const
export type ServiceMonthKey = (typeof SERVICE_MONTH_LINES)[number]['key']
export const SERVICE_MONTH_SOURCE = '关于“个体工商户服务月”活动的汇报'

/** Loan statuses counted as granted in the 服务月 report. */
export const GRANTED_STATUSES = ['approved', 'disbursed'] as const
/** 诉求 statuses counted as closed (办结). */
export const CLOSED_STATUSES = ['closed'] as const
