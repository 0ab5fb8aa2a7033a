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
  return chinaFormat(instant, 'YYYY-MM-DD')
}

/** An instant as China wall-clock time in a dayjs format, e.g. 'M月D日 HH:mm' (the phone's own zone may differ). */
export function chinaFormat(instant: Date | string, format: string): string {
  return dayjs(instant).utcOffset(CHINA_OFFSET_MINUTES).format(format)
}

/**
 * The one rule for showing a stored instant (an ISO string in UTC) to a person: China wall-clock
 * time, never the string's own date part (which is the UTC day, one day early from 00:00 to 08:00)
 * and never the phone's zone or Intl (the Android mini-program runtime has no Intl).
 */
export const showDate = (instant: Date | string) => chinaFormat(instant, 'YYYY-MM-DD')
export const showMonthDay = (instant: Date | string) => chinaFormat(instant, 'MM-DD')
export const showDateTime = (instant: Date | string) => chinaFormat(instant, 'M月D日 HH:mm')

/** "10:25" when the instant falls on the same China day as `now`, else "11月21日 10:25". */
export function chinaClock(instant: Date | string, now: Date = new Date()): string {
  return chinaFormat(instant, chinaDate(new Date(instant)) === chinaDate(now) ? 'HH:mm' : 'M月D日 HH:mm')
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
