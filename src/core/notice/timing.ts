import { NOTICE_CONFIG } from './labels'

const DAY_MS = 86_400_000

/** The instant a China date starts (00:00 UTC+8); plain arithmetic, so the client can use it too. */
const chinaStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`)

/** The China date `days` after (or before) another. */
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/**
 * When the 事前提醒 of an inspection window goes out: NOTICE_CONFIG.inspectionNoticeDays before
 * the window's first day, at the send hour, China time. Never before; a plan recorded later than
 * that is due at once (the window has not opened yet, or it could not be recorded).
 */
export function inspectionNoticeAt(windowStart: string, days: number = NOTICE_CONFIG.inspectionNoticeDays.value): Date {
  return new Date(chinaStart(addDays(windowStart, -days)) + NOTICE_CONFIG.sendHour.value * 3600_000)
}

/** The instant a correction deadline is missed: the start of the China day after its last day. */
export const overdueAt = (dueDate: string) => new Date(chinaStart(addDays(dueDate, 1)))

/**
 * The next credit-repair reminder after one sent on `sentChinaDate`, at the send hour: weekly for
 * the first few, then monthly, and never stopping while the mark stands (only clearing ends it).
 */
export function nextRepairReminder(sentChinaDate: string, remindersSent: number): Date {
  const every = remindersSent < NOTICE_CONFIG.repairWeeklyReminders.value ? NOTICE_CONFIG.repairEveryDays.value : NOTICE_CONFIG.repairLaterEveryDays.value
  return new Date(chinaStart(addDays(sentChinaDate, every)) + NOTICE_CONFIG.sendHour.value * 3600_000)
}

/** "12月3日" from a China date. */
export function dayText(date: string): string {
  const [, m, d] = date.split('-').map(Number)
  return `${m}月${d}日`
}

/** The window in words: "12月1日至12月10日" (one day: "12月1日"). */
export const windowText = (from: string, to: string) => (from === to ? dayText(from) : `${dayText(from)}至${dayText(to)}`)
