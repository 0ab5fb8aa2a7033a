import { chinaDate, chinaStartOfDay } from '../common/time'

/**
 * Why a household is on the 走访 list. Our reading of seed 001 measure 23 (未年报时必访、经营困难时必访、
 * 分类入库时必访) and issue #17; each reason is a fact the app holds, never a judgement of the business.
 * 'help' is the honest subset of "asked for help" the app records today: an open 诉求 past its
 * deadline, or one the owner urged (催办). There is no 转人工 question to read yet.
 */
export const VISIT_REASONS = {
  help: '诉求超期或催办',
  annualOverdue: '年报逾期未报',
  permitExpired: '证照已过期',
  survival: '生存型（我们的估计）',
  neverJoined: '登记在册、从未加入'
} as const
export type VisitReason = keyof typeof VISIT_REASONS
export const REASON_KEYS = Object.keys(VISIT_REASONS) as VisitReason[]

/** 'YYYY-MM-DD' plus `days` (calendar days; negative goes back). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * The latest report year that is overdue on `today` ('YYYY-MM-DD', China date): a year's report is
 * due by 30 June of the next year (市场主体年报: 1 January to 30 June), so from 1 July it is late.
 */
export function latestOverdueReportYear(today: string): number {
  const y = Number(today.slice(0, 4))
  return today > `${y}-06-30` ? y - 1 : y - 2
}

/** A follow-up's reminder rungs: the day before it is due (09:00 China time), and once it is overdue. */
export type FollowupRung = 'before' | 'overdue'

/** 09:00 China time on `date`: a reminder the day before should not arrive at midnight. */
const nineOClock = (date: string) => new Date(chinaStartOfDay(date).getTime() + 9 * 3600_000)

/**
 * When the next reminder of a follow-up is due, or null when none is left. Only the latest rung
 * still true is sent after a late run: once the due date has come, the day-before reminder is dropped.
 */
export function followupNextDue(dueOn: string, now: Date, sent: string[]): { rung: FollowupRung; at: string } | null {
  const today = chinaDate(now)
  const dayBefore = addDays(dueOn, -1)
  if (!sent.includes('before') && !sent.includes('overdue') && today <= dayBefore) return { rung: 'before', at: nineOClock(dayBefore).toISOString() }
  if (!sent.includes('overdue')) return { rung: 'overdue', at: chinaStartOfDay(addDays(dueOn, 1)).toISOString() }
  return null
}

/** The rung due at `now`, if any (the sweep's decision for an item whose nextDueAt has come). */
export function followupRungAt(dueOn: string, now: Date, sent: string[]): FollowupRung | null {
  const today = chinaDate(now)
  if (today > dueOn) return sent.includes('overdue') ? null : 'overdue'
  if (today === addDays(dueOn, -1) && now >= nineOClock(today) && !sent.includes('before') && !sent.includes('overdue')) return 'before'
  return null
}

/** Overdue = still open and its due date is before today (China date). */
export const isOverdue = (f: { status: 'open' | 'done'; dueOn: string }, today: string) => f.status === 'open' && f.dueOn < today

/** A follow-up's default title from its need, when the regulator did not write one. */
export const defaultFollowupTitle = (label: string) => `跟进${label}需求`
