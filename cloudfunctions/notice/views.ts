import { ABNORMAL_CAUSES, AUDIENCE_KINDS, HINT_STATUSES, PLAN_STATUSES, REPAIR_STATUSES, REPAIR_STEPS } from '../../src/core/notice/labels'
import { inspectionNoticeAt } from '../../src/core/notice/timing'
import { chinaDate, chinaFormat } from '../../src/core/common/time'
import { regionName } from '../../src/core/region/names'
import { INDUSTRIES } from '../../src/core/user/options'
import type { HintDoc, PlanDoc, RepairDoc } from './store'

export const officeOf = (region: string) => `${regionName(region) || '当地'}市场监管部门`

/** What an owner may see of a plan: never `day` when the plan hides it, nothing else dated. */
export function inspectionOwnerView(p: PlanDoc) {
  return {
    id: p._id,
    title: p.title,
    windowStart: p.windowStart,
    windowEnd: p.windowEnd,
    day: p.hideDay ? null : p.day,
    checklist: p.checklist.map((c) => ({ item: c.item, rule: c.rule })),
    office: officeOf(p.region),
    cancelled: p.status === 'cancelled'
  }
}

export function planView(p: PlanDoc, marketNames: Map<string, string>) {
  const a = p.audience
  const detail =
    a.kind === 'markets' ? a.marketIds.map((id) => marketNames.get(id) ?? '已删除的市场').join('、') : a.kind === 'list' ? `${a.creditCodes.length}户` : `${INDUSTRIES[a.industry as keyof typeof INDUSTRIES] ?? a.industry}（辖区内）`
  return {
    id: p._id,
    title: p.title,
    status: p.status,
    statusLabel: PLAN_STATUSES[p.status],
    audience: { kind: a.kind, label: AUDIENCE_KINDS[a.kind], detail },
    checklist: p.checklist,
    windowStart: p.windowStart,
    windowEnd: p.windowEnd,
    day: p.day,
    hideDay: p.hideDay,
    noticeAt: chinaFormat(inspectionNoticeAt(p.windowStart), 'M月D日 HH:mm'),
    notified: p.notified,
    region: p.region,
    regionName: regionName(p.region),
    createdBy: p.createdByName,
    createdAt: p.createdAt,
    canCancel: p.status === 'scheduled'
  }
}

const TIMELINE_LABELS: Record<HintDoc['timeline'][number]['status'], string> = { ...HINT_STATUSES, sent: '收到提示', overdue: '已过整改期限' }

export function hintOwnerView(h: HintDoc, urls: string[]) {
  return {
    id: h._id,
    status: h.status,
    statusLabel: HINT_STATUSES[h.status],
    rule: h.rule,
    ruleText: h.ruleText,
    what: h.what,
    dueDate: h.dueDate,
    overdue: h.overdue,
    guidance: h.firstMinor,
    office: officeOf(h.region),
    photos: urls,
    note: h.note,
    returnReason: h.returnReason,
    canCorrect: h.status === 'sent' || h.status === 'returned',
    timeline: h.timeline.map((t) => ({ label: TIMELINE_LABELS[t.status], at: t.at, note: t.note })),
    createdAt: h.createdAt
  }
}

export const hintSummary = (h: HintDoc) => ({
  id: h._id,
  status: h.status,
  statusLabel: HINT_STATUSES[h.status],
  rule: h.rule,
  what: h.what,
  dueDate: h.dueDate,
  overdue: h.overdue,
  guidance: h.firstMinor,
  createdAt: h.createdAt
})

export function hintStaffView(h: HintDoc, urls: string[]) {
  const { canCorrect: _c, ...o } = hintOwnerView(h, urls)
  return {
    ...o,
    businessName: h.businessName,
    creditCodeTail: h.creditCode.slice(-4),
    marketName: h.marketName,
    sentBy: h.sentByName,
    fromLabel: h.from === 'visit' ? '走访时发出' : '工作台发出',
    actions: h.status === 'corrected' ? (['confirm', 'return'] as Array<'confirm' | 'return'>) : []
  }
}

export const hintRow = (h: HintDoc) => ({
  id: h._id,
  status: h.status,
  statusLabel: HINT_STATUSES[h.status],
  rule: h.rule,
  what: h.what,
  dueDate: h.dueDate,
  overdue: h.overdue,
  businessName: h.businessName,
  marketName: h.marketName,
  createdAt: h.createdAt
})

export const SOURCE_LABELS = { register: '登记名录', staff: '监管部门标记' } as const

export function repairView(r: RepairDoc) {
  return {
    status: r.status,
    statusLabel: REPAIR_STATUSES[r.status],
    cause: r.cause,
    causeLabel: ABNORMAL_CAUSES[r.cause],
    causeText: r.causeText,
    sourceLabel: SOURCE_LABELS[r.source],
    markedAt: r.markedAt,
    clearedAt: r.clearedAt,
    steps: REPAIR_STEPS[r.cause].map((s) => ({ id: s.id, text: s.text, evidence: s.evidence ?? null, platform: s.platform ?? null, done: r.done.includes(s.id) })),
    nextReminderOn: r.status === 'marked' && r.openid && r.nextRemindAt ? chinaDate(new Date(r.nextRemindAt)) : null
  }
}

export const abnormalRow = (r: RepairDoc) => ({
  id: r._id,
  businessName: r.businessName,
  creditCode: r._id,
  status: r.status,
  statusLabel: REPAIR_STATUSES[r.status],
  causeLabel: ABNORMAL_CAUSES[r.cause],
  sourceLabel: SOURCE_LABELS[r.source],
  markedAt: r.markedAt,
  clearedAt: r.clearedAt,
  linked: !!r.openid,
  stepsDone: r.done.length,
  steps: REPAIR_STEPS[r.cause].length,
  reminders: r.reminders
})
