import dayjs from 'dayjs'
import { getHolidaysInRange, isWorkday } from 'chinese-days'

/**
 * Working-day deadlines on the official holiday and make-up-day calendar (chinese-days, which
 * tracks the State Council's yearly notice). Complaint time limits are in working days
 * (市场监督管理投诉举报处理暂行办法 Art. 14: accept or refuse within 7 working days).
 */

/** Years whose official calendar the library holds (a new year appears when it is announced). */
const covered = new Map<number, boolean>()
export function calendarCovers(year: number): boolean {
  let c = covered.get(year)
  if (c === undefined) {
    c = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0
    covered.set(year, c)
  }
  return c
}

export interface Deadline {
  /** China date of the last day to act */
  date: string
  /** false when the deadline runs into a year the calendar does not know yet (weekends only) */
  calendarKnown: boolean
}

/**
 * The n-th working day after `from` (a China date): the day of receipt does not count.
 * Weekends that are make-up working days (调休) count; holidays on weekdays do not.
 */
export function addWorkingDays(from: string, n: number): Deadline {
  let d = dayjs(from)
  let left = n
  let known = calendarCovers(d.year())
  while (left > 0) {
    d = d.add(1, 'day')
    if (!calendarCovers(d.year())) known = false
    if (isWorkday(d.format('YYYY-MM-DD'))) left--
  }
  return { date: d.format('YYYY-MM-DD'), calendarKnown: known }
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string): number {
  if (to <= from) return -workingDaysBetween(to, from)
  let n = 0
  for (let d = dayjs(from).add(1, 'day'); d.format('YYYY-MM-DD') <= to; d = d.add(1, 'day')) if (isWorkday(d.format('YYYY-MM-DD'))) n++
  return n
}
