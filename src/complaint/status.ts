import type { ComplaintStatus } from '../core/complaint/labels'

export const statusTone = (s: ComplaintStatus) => (s === 'closed' ? 'gray' : s === 'rejected' ? 'gray' : s === 'replied' ? 'green' : s === 'submitted' ? 'blue' : 'orange')

/** "受理期限 12月1日" and, when the holiday calendar for that year is not out yet, a caveat. */
export function deadlineText(d: { label: string; date: string; calendarKnown: boolean; overdue: boolean }) {
  const [, m, day] = d.date.split('-').map(Number)
  return `${d.label}${m}月${day}日${d.overdue ? '（已超期）' : ''}${d.calendarKnown ? '' : '（节假日安排未公布，日期可能调整）'}`
}

