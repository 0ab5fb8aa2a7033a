import dayjs from 'dayjs'
import { chinaDate, chinaStartOfDay } from '../common/time'
import { PERMIT_TYPES, type PermitType, type PermitTypeKey } from './permitTypes'

/**
 * Reminder ladders: the dates on which an owner hears about a permit or an annual report.
 * All dates are China dates; each rung is sent at SEND_HOUR China time that day.
 */
export const SEND_HOUR = 9

export interface Rung {
  /** stable within an item's version, used in the exactly-once key */
  id: string
  date: string
  /** ISO instant: SEND_HOUR China time on `date` */
  dueAt: string
  /** what the message says; 'applyPassed': the last day to apply for a renewal has gone */
  kind: 'before' | 'due' | 'overdue' | 'windowOpen' | 'applyPassed'
  /** days to the date the rung counts down to: the last day to apply where the permit has one, else the deadline */
  daysLeft: number
}

const dueAt = (date: string) => new Date(chinaStartOfDay(date).getTime() + SEND_HOUR * 3600_000).toISOString()
const addDays = (date: string, days: number) => dayjs(date).add(days, 'day').format('YYYY-MM-DD')
/** Whole days from one China date to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => dayjs(to).diff(dayjs(from), 'day')

/**
 * The last day to apply for renewal of a permit expiring on `expiresOn` (e.g. "届满30日前": 30 days
 * before), or null where its rule has none (then the reminders count down to expiry).
 */
export function lastApplyDate(type: PermitTypeKey, expiresOn: string): string | null {
  const lead: PermitType['applyLead'] = PERMIT_TYPES[type].applyLead
  return lead ? dayjs(expiresOn).subtract(lead.n, lead.unit).format('YYYY-MM-DD') : null
}

/**
 * Rungs for a permit expiring on `expiresOn`, sorted by date. Where the permit has a last day to
 * apply, every reminder comes before that day (`a<d>`: d days before it), one on the day itself,
 * one the day after saying it has passed, then the expiry notice; otherwise `d<d>` rungs count
 * down to expiry. Ids differ between the two kinds so a rung sent under one is never taken for
 * the other.
 */
export function permitLadder(type: PermitTypeKey, expiresOn: string, ladderDays: number[] = PERMIT_TYPES[type].ladderDays): Rung[] {
  const lastApply = lastApplyDate(type, expiresOn)
  const anchor = lastApply ?? expiresOn
  const prefix = lastApply ? 'a' : 'd'
  const rungs: Rung[] = ladderDays.map((d) => {
    const date = addDays(anchor, -d)
    return { id: `${prefix}${d}`, date, dueAt: dueAt(date), kind: 'before' as const, daysLeft: d }
  })
  if (lastApply) {
    rungs.push({ id: 'applyDue', date: lastApply, dueAt: dueAt(lastApply), kind: 'due', daysLeft: 0 })
    const passed = addDays(lastApply, 1)
    rungs.push({ id: 'applyPassed', date: passed, dueAt: dueAt(passed), kind: 'applyPassed', daysLeft: -1 })
  }
  const after = addDays(expiresOn, 1)
  rungs.push({ id: 'expired', date: after, dueAt: dueAt(after), kind: 'overdue', daysLeft: -1 })
  return rungs.sort((a, b) => a.date.localeCompare(b.date))
}

/**
 * The annual report (年报) of `reportYear` is filed between 1 January and 30 June of the next year
 * (市场主体登记管理条例实施细则 Art. 63): a notice when the window opens, then 1, 20, 28 and 30 June,
 * and one overdue notice on 1 July.
 */
export const ANNUAL_LADDER: Array<{ id: string; monthDay: string; kind: Rung['kind'] }> = [
  { id: 'open', monthDay: '01-01', kind: 'windowOpen' },
  { id: 'jun01', monthDay: '06-01', kind: 'before' },
  { id: 'jun20', monthDay: '06-20', kind: 'before' },
  { id: 'jun28', monthDay: '06-28', kind: 'before' },
  { id: 'jun30', monthDay: '06-30', kind: 'due' },
  { id: 'jul01', monthDay: '07-01', kind: 'overdue' }
]

export function annualReportDeadline(reportYear: number): string {
  return `${reportYear + 1}-06-30`
}

export function annualLadder(reportYear: number, ladder = ANNUAL_LADDER): Rung[] {
  const deadline = annualReportDeadline(reportYear)
  return ladder.map((r) => {
    const date = `${reportYear + 1}-${r.monthDay}`
    return { id: r.id, date, dueAt: dueAt(date), kind: r.kind, daysLeft: daysBetween(date, deadline) }
  })
}

/**
 * Whether a rung still tells the truth on China date `today`. A rung that counts down (还有N天,
 * 今天是截止日, 年报开始填报…截止) is true until the day it counts to has passed: sent late on its
 * own date or later it counts the days really left (asOf); once that day is over it would say
 * something false ("今天是截止日" on 1 July), so it is no longer sent. Notices that something has
 * passed (overdue, applyPassed) stay true.
 */
export function isStale(rung: Rung, today: string): boolean {
  if (rung.kind === 'overdue' || rung.kind === 'applyPassed') return false
  return daysBetween(today, addDays(rung.date, rung.daysLeft)) < 0
}

/**
 * What to send at `now`: of the rungs already due and not yet sent, only the latest one (never
 * a burst of stale reminders after an edit or an outage), and the first rung still to come.
 * `sentIds` are the rungs already delivered for this version of the item.
 *
 * The rule for a late run: the latest rung whose time has come is sent as long as it is still
 * true on today's China date (isStale). So an owner due for "30 June, today" whom the sweep
 * reaches at 23:59 on 30 June (China time) still gets it; at 00:00 on 1 July it is dropped, and
 * the 1 July rung follows at its own time (09:00). Day boundaries are China midnight (UTC+8).
 */
export function planAt(rungs: Rung[], now: Date, sentIds: readonly string[] = []): { dueNow: Rung | null; next: Rung | null } {
  const t = now.toISOString()
  const past = rungs.filter((r) => r.dueAt <= t)
  const latest = past[past.length - 1] ?? null
  const dueNow = latest && !sentIds.includes(latest.id) && !isStale(latest, chinaDate(now)) ? latest : null
  const next = rungs.find((r) => r.dueAt > t) ?? null
  return { dueNow, next }
}

/**
 * A rung as it reads when sent on China date `today`: a countdown rung sent late (the item was
 * added after its date, or the sweep was down) counts the days that are really left, not the
 * days its own date had. Rungs that do not count down are unchanged.
 */
export function asOf(rung: Rung, today: string): Rung {
  if (rung.kind !== 'before' && rung.kind !== 'windowOpen') return rung
  return { ...rung, daysLeft: rung.daysLeft - Math.max(0, daysBetween(rung.date, today)) }
}

/**
 * When an item is saved or edited: the first time anything should be sent. If the item is
 * already inside its ladder (added late), the latest passed rung is due at once, one message.
 */
export function firstDue(rungs: Rung[], now: Date, sentIds: readonly string[] = []): Rung | null {
  const { dueNow, next } = planAt(rungs, now, sentIds)
  return dueNow ?? next
}

export type PermitState = 'valid' | 'renewSoon' | 'expired'

/** A permit's state on a China date: renew soon from the first rung of its ladder on. */
export function permitState(type: PermitTypeKey, expiresOn: string, today: string, ladderDays = PERMIT_TYPES[type].ladderDays) {
  const daysLeft = daysBetween(today, expiresOn)
  const lastApply = lastApplyDate(type, expiresOn)
  const lead = Math.max(...ladderDays) + (lastApply ? daysBetween(lastApply, expiresOn) : 0)
  const state: PermitState = daysLeft < 0 ? 'expired' : daysLeft <= lead ? 'renewSoon' : 'valid'
  return { state, daysLeft }
}

/** Which annual report an owner faces on a China date, given when the business opened. */
export function currentReportYear(today: string, openedOn: string): number {
  const year = Number(today.slice(0, 4))
  // Inside the window (Jan–Jun) the report of last year is due, if the business existed then.
  if (today.slice(5) <= '06-30' && openedOn < `${year}-01-01`) return year - 1
  return year
}

export type AnnualState = 'notOpen' | 'open' | 'overdue' | 'filed'
export function annualState(reportYear: number, filedAt: string | null, now: Date): { state: AnnualState; daysLeft: number } {
  const today = chinaDate(now)
  const deadline = annualReportDeadline(reportYear)
  const daysLeft = daysBetween(today, deadline)
  if (filedAt) return { state: 'filed', daysLeft }
  if (today < `${reportYear + 1}-01-01`) return { state: 'notOpen', daysLeft }
  return { state: today > deadline ? 'overdue' : 'open', daysLeft }
}
