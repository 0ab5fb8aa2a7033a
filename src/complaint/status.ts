import type { ComplaintStatus } from '../core/complaint/labels'

export const statusTone = (s: ComplaintStatus) => (s === 'closed' || s === 'rejected' || s === 'withdrawn' ? 'gray' : s === 'replied' ? 'green' : s === 'submitted' ? 'blue' : 'orange')

/** "12月1日" from a China date (YYYY-MM-DD). */
export function monthDayText(date: string) {
  const [, m, day] = date.split('-').map(Number)
  return `${m}月${day}日`
}

/** "受理期限 12月1日" and, when the holiday calendar for that year is not out yet, a caveat. */
export function deadlineText(d: { label: string; date: string; calendarKnown: boolean; overdue: boolean }) {
  return `${d.label}${monthDayText(d.date)}${d.overdue ? '（已超期）' : ''}${d.calendarKnown ? '' : '（节假日安排未公布，日期可能调整）'}`
}
