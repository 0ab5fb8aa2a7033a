import { chinaClock, chinaDate, chinaStartOfDay } from './time'

/**
 * How often an owner may create things: our choice, not a rule of any document (README, "Rate
 * limits"). Each limit counts in a fixed window of China time: a 10-minute window of the clock
 * (10:30–10:40) or a China day (00:00–24:00 UTC+8). A refusal names the end of the window that
 * refused, so the owner reads when to try again.
 */
export type RatePer = '10min' | 'day'
export interface RateRule {
  per: RatePer
  limit: number
}
export interface RateKind {
  /** what is created, with its measure word, for the message: 条诉求 */
  unit: string
  noun: string
  verb: string
  /** checked in this order: the day first, so a refusal names the later of two full windows */
  rules: RateRule[]
}

export const RATE_LIMITS = {
  // a real problem is filed once; several at once happen (one visit, several problems), dozens do not
  complaint: { unit: '条', noun: '诉求', verb: '提交', rules: [{ per: 'day', limit: 20 }, { per: '10min', limit: 5 }] },
  // a filing or a supplement takes at most 6 photos; 30 a day leaves room for retries
  upload: { unit: '张', noun: '照片', verb: '上传', rules: [{ per: 'day', limit: 30 }] },
  // each application goes to a bank's officers; a few banks or products in a sitting is plenty
  loan: { unit: '份', noun: '贷款申请', verb: '提交', rules: [{ per: 'day', limit: 10 }, { per: '10min', limit: 3 }] }
} satisfies Record<string, RateKind>
export type RateKindName = keyof typeof RATE_LIMITS

const TEN_MINUTES = 10 * 60_000

/** The window `now` falls in: its start (what the counter is keyed by) and its end (when to retry). */
export function rateWindow(per: RatePer, now: Date): { start: Date; end: Date } {
  if (per === 'day') {
    const start = chinaStartOfDay(chinaDate(now))
    // China keeps no daylight saving: every day is 24 hours
    return { start, end: new Date(start.getTime() + 86_400_000) }
  }
  // China is UTC+8, a whole number of hours, so 10-minute marks are the same in both
  const start = new Date(Math.floor(now.getTime() / TEN_MINUTES) * TEN_MINUTES)
  return { start, end: new Date(start.getTime() + TEN_MINUTES) }
}

/** What the owner reads: when to try again in China time ("10:40", or "11月21日 00:00" on another day). */
export function rateMessage(kind: RateKind, rule: RateRule, retryAt: Date, now: Date): string {
  const when = chinaClock(retryAt, now)
  if (rule.per === 'day') return `今天已${kind.verb}${rule.limit}${kind.unit}${kind.noun}，请在${when}以后再试`
  return `${kind.verb}太频繁了，请在${when}以后再试`
}
