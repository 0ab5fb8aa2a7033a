import type { Db } from '../../cloudfunctions/common/ports'

/**
 * A small district whose 监测分析 figures are known by hand (test/integration/monitor.test.ts
 * writes them out). "Now" is Friday 20 November 2026, 10:00 China time; the period is 1–20
 * November. Region A is 鹿城区 (330302, markets 东门 mA1 and 西门 mA2), region B is 上城区
 * (330102, market 湖滨 mB1): B's documents must never show in A's figures, lists or exports.
 */
export const MONITOR_NOW = '2026-11-20T02:00:00.000Z'
export const PERIOD = { from: '2026-11-01', to: '2026-11-20' }
const A = '330302'
const B = '330102'

const profile = (businessName: string, industry: string, region: string) => ({
  businessName,
  creditCode: '',
  industry,
  region,
  openedOn: '2020-01-01',
  employees: 1,
  revenueBand: 'lt10w',
  taxPaid: false,
  socialInsurance: false,
  groups: [],
  updatedAt: '2026-01-01T00:00:00.000Z'
})
const owner = (
  _id: string,
  name: string | null,
  o: { industry?: string; region?: string; classType?: string; marketId?: string | null; createdAt: string; lastSeenOn?: string; broadcasts?: string[] }
) => ({
  _id,
  profile: name ? profile(name, o.industry ?? 'other', o.region ?? A) : null,
  marketId: o.marketId ?? null,
  stallId: null,
  settings: {},
  consents: {},
  ...(o.classType ? { classType: o.classType } : {}),
  ...(o.lastSeenOn ? { lastSeenOn: o.lastSeenOn } : {}),
  ...(o.broadcasts ? { broadcasts: o.broadcasts } : {}),
  createdAt: o.createdAt,
  updatedAt: o.createdAt
})

export async function seedMonitor(db: Db) {
  const put = async (coll: string, docs: Array<Record<string, unknown> & { _id: string }>) => {
    for (const { _id, ...d } of docs) await db.collection(coll).set(_id, d as never)
  }
  await put('staff', [
    { _id: 'mon-reg-a', role: 'regulator', name: '鹿城科员', region: A, bankName: null, createdAt: '' },
    { _id: 'mon-reg-city', role: 'regulator', name: '温州科员', region: '330300', bankName: null, createdAt: '' },
    { _id: 'mon-reg-b', role: 'regulator', name: '上城科员', region: B, bankName: null, createdAt: '' },
    { _id: 'mon-admin', role: 'admin', name: '管理员', region: null, bankName: null, createdAt: '' },
    { _id: 'mon-bank', role: 'bank', name: '银行经理', region: null, bankName: '示例银行', createdAt: '' }
  ])
  await put('markets', [
    { _id: 'mA1', name: '东门市场', region: A, address: '', createdBy: '', createdAt: '', updatedAt: '' },
    { _id: 'mA2', name: '西门市场', region: A, address: '', createdBy: '', createdAt: '', updatedAt: '' },
    { _id: 'mB1', name: '湖滨市场', region: B, address: '', createdBy: '', createdAt: '', updatedAt: '' }
  ])
  await put('owners', [
    owner('mon-a1', '张记面馆', { industry: 'catering', classType: 'survival', marketId: 'mA1', createdAt: '2026-11-05T03:00:00.000Z', lastSeenOn: '2026-11-19', broadcasts: ['policy:pol1'] }),
    owner('mon-a2', '李家百货', { industry: 'retail', classType: 'growth', marketId: 'mA1', createdAt: '2026-10-10T03:00:00.000Z', lastSeenOn: '2026-10-01', broadcasts: ['policy:pol1', 'policy:pol2'] }),
    // joined on 1 November 00:30 China time (31 October in UTC): in the period
    owner('mon-a3', '王记小吃', { industry: 'catering', classType: 'survival', marketId: 'mA2', createdAt: '2026-10-31T16:30:00.000Z', lastSeenOn: '2026-10-22', broadcasts: ['policy:pol2'] }),
    owner('mon-a4', '赵氏理发', { industry: 'services', classType: 'development', createdAt: '2026-06-15T03:00:00.000Z' }),
    // signed in, never made a profile: not a household
    owner('mon-a0', null, { createdAt: '2026-11-10T03:00:00.000Z', lastSeenOn: '2026-11-20' }),
    owner('mon-b1', '湖滨水果', { industry: 'catering', classType: 'survival', region: B, marketId: 'mB1', createdAt: '2026-11-03T03:00:00.000Z', lastSeenOn: '2026-11-20', broadcasts: ['policy:pol1'] }),
    owner('mon-b2', '上城烟酒', { industry: 'retail', classType: 'growth', region: B, createdAt: '2026-11-12T03:00:00.000Z' })
  ])
  const ob = (_id: string, openid: string, region: string, marketId: string | null, reportYear: number, filedAt: string | null) =>
    ({ _id, openid, kind: 'annualReport', reportYear, filedAt, region, marketId, nextDueAt: null, sentRungs: [], leaseUntil: '', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '' })
  await put('obligations', [
    ob('ob1', 'mon-a1', A, 'mA1', 2025, '2026-03-01T02:00:00.000Z'),
    ob('ob2', 'mon-a2', A, 'mA1', 2025, null),
    ob('ob3', 'mon-a3', A, 'mA2', 2024, '2025-05-01T02:00:00.000Z'),
    // 00:00 on 1 January China time is this year; a minute before is last year
    ob('ob4', 'mon-a4', A, null, 2025, '2025-12-31T16:00:00.000Z'),
    ob('ob5', 'mon-a4', A, null, 2024, '2025-12-31T15:59:00.000Z'),
    ob('ob6', 'mon-b1', B, 'mB1', 2025, '2026-04-01T02:00:00.000Z')
  ])
  const permit = (_id: string, openid: string, region: string, marketId: string | null, expiresOn: string) =>
    ({ _id, openid, type: 'foodBusiness', name: '', number: 'JY1', authority: '', issuedOn: '2021-01-01', expiresOn, region, marketId, nextDueAt: null, sentRungs: [], leaseUntil: '', createdAt: `2026-0${_id.slice(-1)}-01T00:00:00.000Z`, updatedAt: '' })
  await put('permits', [
    permit('p1', 'mon-a1', A, 'mA1', '2026-12-20'), // 30 days away: within 30 and 90
    permit('p2', 'mon-a2', A, 'mA1', '2026-12-21'), // 31 days: within 90 only
    permit('p3', 'mon-a3', A, 'mA2', '2027-02-18'), // 90 days: within 90
    permit('p4', 'mon-a3', A, 'mA2', '2027-02-19'), // 91 days: neither
    permit('p5', 'mon-a4', A, null, '2026-11-19'), // yesterday: expired
    permit('p6', 'mon-a4', A, null, '2026-11-20'), // today: still valid, within 30
    permit('p7', 'mon-b1', B, 'mB1', '2026-11-25')
  ])
  const complaint = (_id: string, o: Record<string, unknown>) => ({
    _id,
    openid: 'x',
    category: 'other',
    party: '',
    what: '',
    happenedOn: '2026-11-01',
    place: '',
    photos: [],
    phone: null,
    disclose: false,
    region: A,
    marketId: null,
    marketName: null,
    businessName: null,
    status: 'submitted',
    reopened: 0,
    check: 'pass',
    ratings: [],
    timeline: [],
    overdue: false,
    overdueAt: null,
    deadline: null,
    ...o,
    updatedAt: o.updatedAt ?? o.createdAt
  })
  await put('complaints', [
    complaint('SQ1', { category: 'fee', status: 'submitted', businessName: '张记面馆', marketId: 'mA1', createdAt: '2026-11-02T02:00:00.000Z' }),
    complaint('SQ2', { category: 'fee', status: 'accepted', acceptDays: 2, createdAt: '2026-11-03T02:00:00.000Z' }),
    complaint('SQ3', { category: 'fine', status: 'closed', acceptDays: 1, replyDays: 5, lastRating: 'satisfied', marketId: 'mA1', createdAt: '2026-11-04T02:00:00.000Z', updatedAt: '2026-11-15T02:00:00.000Z' }),
    complaint('SQ4', { category: 'policy', status: 'handling', acceptDays: 3, overdue: true, createdAt: '2026-11-05T02:00:00.000Z' }),
    complaint('SQ5', { category: 'other', status: 'closed', acceptDays: 4, replyDays: 9, lastRating: 'basicallySatisfied', createdAt: '2026-11-06T02:00:00.000Z', updatedAt: '2026-11-19T02:00:00.000Z' }),
    // filed before the period: not in its counts, but closed within it, and one still overdue
    complaint('SQ6', { category: 'fee', status: 'closed', acceptDays: 10, lastRating: 'unsatisfied', createdAt: '2026-10-20T02:00:00.000Z', updatedAt: '2026-11-10T02:00:00.000Z' }),
    complaint('SQ7', { category: 'market', status: 'handling', overdue: true, createdAt: '2026-09-01T02:00:00.000Z' }),
    complaint('SQ8', { category: 'fee', status: 'submitted', overdue: true, region: B, businessName: '湖滨水果', createdAt: '2026-11-05T02:00:00.000Z' })
  ])
  const cp = (_id: string, region: string, marketId: string | null, started: boolean, completed: boolean, passed: boolean, updatedAt: string) =>
    ({ _id, lessons: {}, lastLessonId: null, started, completed, passed, lastPercent: null, lastFailedAt: null, region, marketId, classType: null, createdAt: '2026-09-01T00:00:00.000Z', updatedAt })
  await put('courseProgress', [
    cp('mon-a1', A, 'mA1', true, true, true, '2026-11-10T02:00:00.000Z'),
    cp('mon-a2', A, 'mA1', true, false, false, '2026-11-11T02:00:00.000Z'),
    cp('mon-a3', A, 'mA2', true, true, false, '2026-10-01T02:00:00.000Z'),
    cp('mon-b1', B, 'mB1', true, true, true, '2026-11-10T02:00:00.000Z')
  ])
  const loan = (_id: string, region: string, marketId: string | null, status: string, createdAt: string) =>
    ({ _id, openid: 'x', bankId: 'b', productId: 'p', amount: 1, termMonths: 12, phone: '', idNumber: '', businessName: '张记面馆', creditCode: '', snapshot: { region }, marketId, status, history: [], createdAt, updatedAt: createdAt })
  await put('loanApplications', [
    loan('l1', A, 'mA1', 'submitted', '2026-11-02T02:00:00.000Z'),
    loan('l2', A, 'mA1', 'approved', '2026-11-03T02:00:00.000Z'),
    loan('l3', A, 'mA2', 'disbursed', '2026-11-04T02:00:00.000Z'),
    loan('l4', A, null, 'declined', '2026-11-05T02:00:00.000Z'),
    loan('l5', A, null, 'approved', '2026-10-01T02:00:00.000Z'),
    loan('l6', B, 'mB1', 'approved', '2026-11-05T02:00:00.000Z')
  ])
  const policy = (_id: string, publishedAt: string, push: string) => ({ _id, title: _id, status: 'published', publishedAt, push, pushCursor: '', createdAt: publishedAt, stats: { pushed: 0, opened: 0, favorited: 0 } })
  await put('policies', [policy('pol1', '2026-11-05T02:00:00.000Z', 'done'), policy('pol2', '2026-10-01T02:00:00.000Z', 'done'), policy('pol3', '2026-11-06T02:00:00.000Z', 'none')])
  const mark = (_id: string, openid: string, policyId: string, read: boolean, favorite: boolean, region: string, marketId: string | null) => ({ _id, openid, policyId, read, favorite, region, marketId, updatedAt: '2026-11-10T02:00:00.000Z' })
  await put('policyMarks', [
    mark('mk1', 'mon-a1', 'pol1', true, true, A, 'mA1'),
    mark('mk2', 'mon-a2', 'pol1', true, false, A, 'mA1'),
    mark('mk3', 'mon-a3', 'pol2', true, true, A, 'mA2'),
    mark('mk4', 'mon-b1', 'pol1', true, true, B, 'mB1')
  ])
  const visit = (_id: string, o: { region?: string; marketId?: string | null; creditCode?: string | null; ownerOpenid?: string | null; visitedOn: string; needs: string[] }) => ({
    _id,
    region: o.region ?? A,
    marketId: o.marketId ?? null,
    creditCode: o.creditCode ?? null,
    ownerOpenid: o.ownerOpenid ?? null,
    stallId: null,
    visitedAt: `${o.visitedOn}T02:00:00.000Z`,
    visitedOn: o.visitedOn,
    month: o.visitedOn.slice(0, 7),
    by: 'mon-reg-a',
    needs: o.needs,
    needText: '',
    help: '',
    followupIds: []
  })
  await put('visits', [
    visit('v1', { ownerOpenid: 'mon-a1', creditCode: 'C-A1', marketId: 'mA1', visitedOn: '2026-11-03', needs: ['finance', 'hiring'] }),
    visit('v2', { ownerOpenid: 'mon-a1', creditCode: 'C-A1', marketId: 'mA1', visitedOn: '2026-11-10', needs: ['finance'] }),
    visit('v3', { creditCode: '92330302MA0000001X', visitedOn: '2026-11-12', needs: ['premises'] }),
    visit('v4', { ownerOpenid: 'mon-a2', creditCode: 'C-A2', visitedOn: '2026-10-30', needs: ['tax'] }),
    visit('v5', { region: B, ownerOpenid: 'mon-b1', creditCode: 'C-B1', visitedOn: '2026-11-05', needs: ['finance'] })
  ])
  const followup = (_id: string, region: string, status: string, dueOn: string) =>
    ({ _id, visitId: null, region, marketId: null, creditCode: null, ownerOpenid: 'mon-a1', kind: 'finance', title: '对接贷款', dueOn, status, createdAt: '2026-11-01T02:00:00.000Z', createdBy: 'mon-reg-a', assignee: 'mon-reg-a', doneAt: null, nextDueAt: null })
  await put('followups', [followup('f1', A, 'open', '2026-11-19'), followup('f2', A, 'open', '2026-11-20'), followup('f3', A, 'done', '2026-11-01'), followup('f4', B, 'open', '2026-11-01')])
}
