import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** China has one time zone, UTC+8, and no daylight saving. */
export const CHINA_OFFSET_MINUTES = 8 * 60

/** A clock is injected everywhere "now" matters, so tests and the local cloud can move time. */
export interface Clock {
  now(): Date
}
export const systemClock: Clock = { now: () => new Date() }

/**
 * The China calendar date (YYYY-MM-DD) of an instant. Cloud functions run in UTC, so the
 * server's local date is wrong for eight hours of every day; always go through this.
 */
export function chinaDate(instant: Date): string {
  return dayjs(instant).utcOffset(CHINA_OFFSET_MINUTES).format('YYYY-MM-DD')
}

/** The instant at which a China calendar date starts (00:00 UTC+8). */
export function chinaStartOfDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`)
}

/** Whole months from one China date to another (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  return dayjs(to).diff(dayjs(from), 'month')
}

/** Human wording for a duration in months: "1年3个月", "8个月". */
export function describeMonths(months: number): string {
  if (months < 1) return '不满1个月'
  const y = Math.floor(months / 12)
  const m = months % 12
  if (y === 0) return `${m}个月`
  return m === 0 ? `${y}年` : `${y}年${m}个月`
}
