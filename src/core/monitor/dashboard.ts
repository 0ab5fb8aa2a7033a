/**
 * The dashboard's groups of figures from the counts the database returned (pure: the function
 * counts, this names and arranges). Every figure with a list behind it carries that list's name.
 */
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from '../complaint/labels'
import { APPLICATION_STATUSES } from '../loan/status'
import { BUSINESS_TYPES, INDUSTRIES } from '../user/options'
import type { Figure, FigureGroup } from './contract'
import { ACTIVE_DAYS, averageDays, monthLabel, satisfaction, VISIT_NEED_LABELS } from './figures'

export interface DashboardCounts {
  households: number
  newHouseholds: number
  active: number
  byType: Record<string, number>
  byIndustry: Record<string, number>
  newByMonth: Array<{ month: string; count: number }>
  annualYear: number
  annualFiled: number
  permits30: number
  permits90: number
  permitsExpired: number
  complaints: number
  byCategory: Record<string, number>
  byStatus: Record<string, number>
  complaintsOverdue: number
  accept: { sum: number; n: number }
  reply: { sum: number; n: number }
  ratings: Record<string, number>
  courseStarted: number
  courseCompleted: number
  coursePassed: number
  loansByStatus: Record<string, number>
  policiesPushed: number
  policyReached: number
  policyOpened: number
  policyFavorited: number
  visits: number
  visitedHouseholds: number
  needs: Record<string, number>
  followupsOverdue: number
}

const fig = (id: string, label: string, value: number | null, unit: string, figure: string | null = id, note: string | null = null): Figure => ({ id, label, value, unit, figure, note })

/** One figure per label of a table, in the table's order; zeros included so nothing looks missing. */
const each = (prefix: string, labels: Record<string, string>, counts: Record<string, number>, unit: string) =>
  Object.entries(labels).map(([k, label]) => fig(`${prefix}:${k}`, label, counts[k] ?? 0, unit))

export function dashboardGroups(c: DashboardCounts, opts: { admin: boolean }): FigureGroup[] {
  const loans = Object.values(c.loansByStatus).reduce((a, b) => a + b, 0)
  const sat = satisfaction(c.ratings)
  const scopeNote = opts.admin ? null : '只统计记录了所在地的数据（较早的证照、年报和政策查看在个体户下次保存档案后计入）'
  return [
    {
      id: 'households',
      title: '个体户',
      figures: [
        fig('households', '已加入', c.households, '户'),
        fig('newHouseholds', '期间新加入', c.newHouseholds, '户'),
        fig('active', `近${ACTIVE_DAYS}天用过小程序`, c.active, '户', 'active', '按每天第一次打开小程序记录，记录开始前的使用不计'),
        ...each('type', BUSINESS_TYPES, c.byType, '户').map((f) => ({ ...f, note: f.id === 'type:survival' ? '分型是我们的估计，以主管部门认定为准' : null })),
        ...each('industry', INDUSTRIES, c.byIndustry, '户')
      ]
    },
    {
      id: 'duties',
      title: '年报与证照',
      figures: [
        fig('annualFiled', `今年已报送年报（${c.annualYear}年）`, c.annualFiled, '户', 'annualFiled', '个体户在小程序里标记已报送的'),
        fig('permits30', '30天内到期的证照', c.permits30, '个'),
        fig('permits90', '90天内到期的证照', c.permits90, '个'),
        fig('permitsExpired', '已过期的证照', c.permitsExpired, '个', 'permitsExpired', scopeNote)
      ]
    },
    {
      id: 'complaints',
      title: '诉求',
      figures: [
        fig('complaints', '期间收到', c.complaints, '件'),
        fig('complaintsOverdue', '已超期（现在）', c.complaintsOverdue, '件'),
        fig('acceptDays', '平均几天受理', averageDays(c.accept.sum, c.accept.n), '天', null, `按${c.accept.n}件有受理时间记录的诉求计算（自然日）`),
        fig('replyDays', '平均几天答复', averageDays(c.reply.sum, c.reply.n), '天', null, `按${c.reply.n}件有答复时间记录的诉求计算（自然日，从提交算起）`),
        fig('satisfaction', '满意率', sat.percent, '%', null, `满意和基本满意占评价的比例，共${sat.rated}件评价`),
        ...each('complaintCategory', COMPLAINT_CATEGORIES, c.byCategory, '件'),
        ...each('complaintStatus', COMPLAINT_STATUSES, c.byStatus, '件')
      ]
    },
    {
      id: 'course',
      title: '开业第一课',
      figures: [
        fig('courseStarted', '已开始', c.courseStarted, '户'),
        fig('courseCompleted', '学完全部课程', c.courseCompleted, '户'),
        fig('coursePassed', '学完并通过测验', c.coursePassed, '户')
      ]
    },
    {
      id: 'loans',
      title: '码上贷',
      figures: [fig('loans', '期间的贷款申请', loans, '笔'), ...each('loanStatus', APPLICATION_STATUSES, c.loansByStatus, '笔')]
    },
    {
      id: 'policies',
      title: '政策推送',
      figures: [
        fig('policiesPushed', '期间推送的政策', c.policiesPushed, '条', null),
        fig('policyReached', '送达的个体户', c.policyReached, '户', null, '收到这些政策消息的个体户'),
        fig('policyOpened', '查看了的个体户', c.policyOpened, '户', 'policyOpened', scopeNote),
        fig('policyFavorited', '收藏了的个体户', c.policyFavorited, '户', 'policyFavorited', scopeNote)
      ]
    },
    {
      id: 'visits',
      title: '走访问需',
      figures: [
        fig('visits', '期间走访', c.visits, '次'),
        fig('visitedHouseholds', '走访的个体户', c.visitedHouseholds, '户', 'visits'),
        fig('followupsOverdue', '已超期的跟进事项', c.followupsOverdue, '件'),
        ...each('need', VISIT_NEED_LABELS, c.needs, '次')
      ]
    }
  ]
}

export function dashboardCharts(c: DashboardCounts, thisYear: string) {
  return {
    newByMonth: c.newByMonth.map((m) => ({ label: monthLabel(m.month, thisYear), value: m.count })),
    byType: Object.entries(BUSINESS_TYPES).map(([k, label]) => ({ label, value: c.byType[k] ?? 0 })),
    complaintsByCategory: Object.entries(COMPLAINT_CATEGORIES).map(([k, label]) => ({ label, value: c.byCategory[k] ?? 0 }))
  }
}
