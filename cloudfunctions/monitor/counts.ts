import { chinaStartOfDay } from '../../src/core/common/time'
import type { DashboardCounts } from '../../src/core/monitor/dashboard'
import { ACTIVE_DAYS, daysAfter, daysBefore, lastMonths, PERMIT_WINDOWS, TREND_MONTHS, type ServiceMonthKey, CLOSED_STATUSES, GRANTED_STATUSES } from '../../src/core/monitor/figures'
import { complaints } from '../complaint/store'
import type { Context } from '../common/context'
import { cmd, type GroupRow, type Where } from '../common/ports'
import { progress } from '../course/store'
import { marks, policies } from '../policy/store'
import { obligations, permits } from '../reminder/store'
import { owners } from '../user/owners'
import type { Scope } from './scope'

/** The collections of the visits slice (#17): read here, written by the `visit` function. */
export const visits = (ctx: Context) => ctx.db.collection('visits')
export const followups = (ctx: Context) => ctx.db.collection('followups')
export const loanApplications = (ctx: Context) => ctx.db.collection('loanApplications')

/** group rows keyed by their one `by` field → counts */
const byKey = (rows: GroupRow[], field: string) => Object.fromEntries(rows.map((r) => [String(r.key[field]), r.count]))
const monthStart = (month: string) => chinaStartOfDay(`${month}-01`).toISOString()
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** What each figure counts: the scope's where for each collection, shared by the counts, the lists and the exports. */
export function wheres(ctx: Context, s: Scope) {
  const today = ctx.today
  const inPeriod = cmd.range(s.since, s.until)
  const owner = (extra: Where = {}) => s.where('profile.region', 'marketId', { 'profile.region': cmd.exists(true), ...extra })
  const year = Number(today.slice(0, 4))
  return {
    households: owner(),
    newHouseholds: owner({ createdAt: inPeriod }),
    active: owner({ lastSeenOn: cmd.gte(daysBefore(today, ACTIVE_DAYS - 1)) }),
    type: (t: string) => owner({ classType: t }),
    industry: (i: string) => owner({ 'profile.industry': i }),
    annualYear: year,
    annualFiled: s.where('region', 'marketId', { filedAt: cmd.range(chinaStartOfDay(`${year}-01-01`).toISOString(), chinaStartOfDay(`${year + 1}-01-01`).toISOString()) }),
    permits30: s.where('region', 'marketId', { expiresOn: cmd.range(today, daysAfter(today, PERMIT_WINDOWS[0] + 1)) }),
    permits90: s.where('region', 'marketId', { expiresOn: cmd.range(today, daysAfter(today, PERMIT_WINDOWS[1] + 1)) }),
    permitsExpired: s.where('region', 'marketId', { expiresOn: cmd.lt(today) }),
    complaints: s.where('region', 'marketId', { createdAt: inPeriod }),
    complaintCategory: (k: string) => s.where('region', 'marketId', { createdAt: inPeriod, category: k }),
    complaintStatus: (k: string) => s.where('region', 'marketId', { createdAt: inPeriod, status: k }),
    complaintsOverdue: s.where('region', 'marketId', { overdue: true }),
    courseStarted: s.where('region', 'marketId', { started: true }),
    courseCompleted: s.where('region', 'marketId', { completed: true }),
    coursePassed: s.where('region', 'marketId', { completed: true, passed: true }),
    loans: s.where('snapshot.region', 'marketId', { createdAt: inPeriod }),
    loanStatus: (k: string) => s.where('snapshot.region', 'marketId', { createdAt: inPeriod, status: k }),
    visits: s.where('region', 'marketId', { visitedOn: cmd.range(s.from, daysAfter(s.to, 1)) }),
    need: (k: string) => s.where('region', 'marketId', { visitedOn: cmd.range(s.from, daysAfter(s.to, 1)), needs: k }),
    followupsOverdue: s.where('region', 'marketId', { status: 'open', dueOn: cmd.lt(today) }),
    pushedPolicies: { publishedAt: inPeriod, push: cmd.in(['queued', 'done', 'stopped']) } as Where,
    policyMarks: (ids: string[], field: 'read' | 'favorite') => s.where('region', 'marketId', { policyId: cmd.in(ids), [field]: true }),
    policyReached: (ids: string[]) => owner({ broadcasts: cmd.in(ids.map((id) => `policy:${id}`)) })
  }
}

/** The ids of the policies pushed in the period (a handful a month; at most 1,000). */
export const pushedPolicyIds = async (ctx: Context, s: Scope) =>
  (await policies(ctx.db).find(wheres(ctx, s).pushedPolicies, { fields: ['_id'], limit: 1000 })).map((p) => p._id)

/**
 * Every figure of the dashboard, counted by the database: two waves of calls at once (the second
 * only for the reach of the policies the first found). Nothing reads the documents themselves.
 */
export async function dashboardCounts(ctx: Context, s: Scope): Promise<DashboardCounts> {
  const w = wheres(ctx, s)
  const o = owners(ctx)
  const c = complaints(ctx.db)
  const months = lastMonths(s.to, TREND_MONTHS)
  const policyReach = async () => {
    const ids = await pushedPolicyIds(ctx, s)
    if (!ids.length) return { pushed: 0, reached: 0, opened: 0, favorited: 0 }
    const [reached, opened, favorited] = await Promise.all([o.count(w.policyReached(ids)), marks(ctx.db).count(w.policyMarks(ids, 'read')), marks(ctx.db).count(w.policyMarks(ids, 'favorite'))])
    return { pushed: ids.length, reached, opened, favorited }
  }
  const [
    households, newHouseholds, active, byType, byIndustry, newByMonth,
    annualFiled, permits30, permits90, permitsExpired,
    complaintCount, byCategory, byStatus, complaintsOverdue, accept, reply, ratings,
    courseStarted, courseCompleted, coursePassed, loansByStatus, reach,
    visitCount, visitedHouseholds, needs, followupsOverdue
  ] = await Promise.all([
    o.count(w.households),
    o.count(w.newHouseholds),
    o.count(w.active),
    o.countGroups(w.households, { by: ['classType'] }),
    o.countGroups(w.households, { by: ['profile.industry'] }),
    Promise.all(months.map((m) => o.count(s.where('profile.region', 'marketId', { 'profile.region': cmd.exists(true), createdAt: cmd.range(monthStart(m), monthStart(nextMonth(m))) })))),
    obligations(ctx.db).count(w.annualFiled),
    permits(ctx.db).count(w.permits30),
    permits(ctx.db).count(w.permits90),
    permits(ctx.db).count(w.permitsExpired),
    c.count(w.complaints),
    c.countGroups(w.complaints, { by: ['category'] }),
    c.countGroups(w.complaints, { by: ['status'] }),
    c.count(w.complaintsOverdue),
    c.countGroups({ ...w.complaints, acceptDays: cmd.exists(true) }, { by: [], sum: ['acceptDays'] }),
    c.countGroups({ ...w.complaints, replyDays: cmd.exists(true) }, { by: [], sum: ['replyDays'] }),
    c.countGroups({ ...w.complaints, lastRating: cmd.exists(true) }, { by: ['lastRating'] }),
    progress(ctx.db).count(w.courseStarted),
    progress(ctx.db).count(w.courseCompleted),
    progress(ctx.db).count(w.coursePassed),
    loanApplications(ctx).countGroups(w.loans, { by: ['status'] }),
    policyReach(),
    visits(ctx).count(w.visits),
    visits(ctx).countDistinct(w.visits, ['creditCode', 'ownerOpenid', 'stallId']),
    visits(ctx).countGroups(w.visits, { by: ['needs'], unwind: 'needs' }),
    followups(ctx).count(w.followupsOverdue)
  ])
  const sumOf = (rows: GroupRow[], f: string) => ({ sum: rows[0]?.sums[f] ?? 0, n: rows[0]?.count ?? 0 })
  return {
    households,
    newHouseholds,
    active,
    byType: byKey(byType, 'classType'),
    byIndustry: byKey(byIndustry, 'profile.industry'),
    newByMonth: months.map((month, i) => ({ month, count: newByMonth[i] })),
    annualYear: w.annualYear,
    annualFiled,
    permits30,
    permits90,
    permitsExpired,
    complaints: complaintCount,
    byCategory: byKey(byCategory, 'category'),
    byStatus: byKey(byStatus, 'status'),
    complaintsOverdue,
    accept: sumOf(accept, 'acceptDays'),
    reply: sumOf(reply, 'replyDays'),
    ratings: byKey(ratings, 'lastRating'),
    courseStarted,
    courseCompleted,
    coursePassed,
    loansByStatus: byKey(loansByStatus, 'status'),
    policiesPushed: reach.pushed,
    policyReached: reach.reached,
    policyOpened: reach.opened,
    policyFavorited: reach.favorited,
    visits: visitCount,
    visitedHouseholds,
    needs: byKey(needs, 'needs'),
    followupsOverdue
  }
}

/** The 服务月 report's figures for a period (seed 002's lines), counted the same way. */
export async function serviceMonthCounts(ctx: Context, s: Scope): Promise<Record<ServiceMonthKey, number>> {
  const w = wheres(ctx, s)
  const inPeriod = cmd.range(s.since, s.until)
  const [visited, ids, received, closed, lessons, loans] = await Promise.all([
    visits(ctx).countDistinct(w.visits, ['creditCode', 'ownerOpenid', 'stallId']),
    pushedPolicyIds(ctx, s),
    complaints(ctx.db).count(w.complaints),
    // closed within the period (whenever filed): the last write of a closed case is its closing
    complaints(ctx.db).count(s.where('region', 'marketId', { status: cmd.in([...CLOSED_STATUSES]), updatedAt: inPeriod })),
    // the course keeps no date of completion: owners who had completed by the end, last written in the period
    progress(ctx.db).count(s.where('region', 'marketId', { completed: true, updatedAt: inPeriod })),
    loanApplications(ctx).countGroups(w.loans, { by: ['status'] })
  ])
  const reached = ids.length ? await owners(ctx).count(w.policyReached(ids)) : 0
  const loanBy = byKey(loans, 'status')
  return {
    visitedHouseholds: visited,
    policiesPushed: ids.length,
    policyReached: reached,
    complaintsReceived: received,
    complaintsClosed: closed,
    lessonsCompleted: lessons,
    loansApplied: Object.values(loanBy).reduce((a, b) => a + b, 0),
    loansGranted: GRANTED_STATUSES.reduce((a, k) => a + (loanBy[k] ?? 0), 0)
  }
}
