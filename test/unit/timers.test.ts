import { parseWeChatCron } from '../../scripts/local-cloud/timers'

describe('WeChat 7-field timer cron', () => {
  test('the first six fields go to the scheduler, the year is checked separately', () => {
    const c = parseWeChatCron('0 */5 * * * * *')
    expect(c.sixField).toBe('0 */5 * * * *')
    expect(c.yearMatches(2026)).toBe(true)
  })
  test('year lists, ranges and steps', () => {
    expect(parseWeChatCron('0 0 2 1 * * 2026,2028').yearMatches(2027)).toBe(false)
    expect(parseWeChatCron('0 0 2 1 * * 2026,2028').yearMatches(2028)).toBe(true)
    expect(parseWeChatCron('0 0 2 1 * * 2025-2027').yearMatches(2027)).toBe(true)
    expect(parseWeChatCron('0 0 2 1 * * 2025-2027').yearMatches(2024)).toBe(false)
    expect(parseWeChatCron('0 0 2 1 * * 2024/2').yearMatches(2026)).toBe(true)
    expect(parseWeChatCron('0 0 2 1 * * 2024/2').yearMatches(2025)).toBe(false)
  })
  test('a 5- or 6-field expression is refused with a clear message', () => {
    expect(() => parseWeChatCron('*/5 * * * *')).toThrow('7 fields')
  })
})
