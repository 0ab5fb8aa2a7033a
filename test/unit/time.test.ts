import { chinaClock, chinaDate, chinaFormat, chinaStartOfDay, describeMonths, monthsBetween, showDate, showDateTime, showMonthDay } from '../../src/core/common/time'

describe('China time', () => {
  test('16:00 UTC is already the next day in China', () => {
    expect(chinaDate(new Date('2026-06-29T15:59:59Z'))).toBe('2026-06-29')
    expect(chinaDate(new Date('2026-06-29T16:00:00Z'))).toBe('2026-06-30')
  })
  test('a China day starts at 16:00 UTC the day before', () => {
    expect(chinaStartOfDay('2026-07-01').toISOString()).toBe('2026-06-30T16:00:00.000Z')
  })
  test('months between China dates, and how they read', () => {
    expect(monthsBetween('2025-03-15', '2026-03-14')).toBe(11)
    expect(monthsBetween('2025-03-15', '2026-03-15')).toBe(12)
    expect(describeMonths(0)).toBe('不满1个月')
    expect(describeMonths(8)).toBe('8个月')
    expect(describeMonths(12)).toBe('1年')
    expect(describeMonths(90)).toBe('7年6个月')
  })
})

describe('China wall-clock time for display', () => {
  test('formats in UTC+8 whatever the machine zone, and drops the date on the same China day', () => {
    expect(chinaFormat('2026-11-21T16:16:00Z', 'M月D日 HH:mm')).toBe('11月22日 00:16')
    expect(chinaClock('2026-11-21T02:05:00Z', new Date('2026-11-21T15:59:00Z'))).toBe('10:05')
    // 16:01 UTC is already the next China day
    expect(chinaClock('2026-11-21T02:05:00Z', new Date('2026-11-21T16:01:00Z'))).toBe('11月21日 10:05')
  })
})

describe('one rule for showing dates: China time, also between 00:00 and 08:00', () => {
  // 00:30 and 07:59 on 22 Nov in China are still 21 Nov in UTC: the stored string's date part is wrong
  const halfPastMidnight = '2026-11-21T16:30:00.000Z'
  const beforeEight = '2026-11-21T23:59:00.000Z'

  test.each([halfPastMidnight, beforeEight])('%s is shown as 22 Nov', (iso) => {
    expect(iso.slice(0, 10)).toBe('2026-11-21')
    expect(showDate(iso)).toBe('2026-11-22')
    expect(showMonthDay(iso)).toBe('11-22')
    expect(showDateTime(iso).startsWith('11月22日 0')).toBe(true)
  })

  test('the times themselves', () => {
    expect(showDateTime(halfPastMidnight)).toBe('11月22日 00:30')
    expect(showDateTime(beforeEight)).toBe('11月22日 07:59')
  })
})
