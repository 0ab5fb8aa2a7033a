import { stallCodeFrom } from '../../src/core/visit/scan'
import { followupNextDue, followupRungAt, latestOverdueReportYear } from '../../src/core/visit/rules'

describe('走访 rules', () => {
  test('a scan gives the stall code from a page path, a link or the bare code; anything else is none', () => {
    expect(stallCodeFrom('pages/onboard/index?scene=DMA2K7')).toBe('DMA2K7')
    expect(stallCodeFrom('', 'http://127.0.0.1:8686/#/pages/onboard/index?scene=DMC4Q9&x=1')).toBe('DMC4Q9')
    expect(stallCodeFrom('dmb3p8')).toBe('DMB3P8')
    expect(stallCodeFrom('DYKCERT:K7QMX3P9')).toBeNull()
    expect(stallCodeFrom('https://example.com/')).toBeNull()
  })

  test('an annual report is late from 1 July of the next year', () => {
    expect(latestOverdueReportYear('2026-06-30')).toBe(2024)
    expect(latestOverdueReportYear('2026-07-01')).toBe(2025)
  })

  test('follow-up reminders: 09:00 the day before, then the day after the due date; a late run skips the first', () => {
    const at = (iso: string) => new Date(iso)
    expect(followupNextDue('2026-11-25', at('2026-11-21T04:00:00Z'), [])).toEqual({ rung: 'before', at: '2026-11-24T01:00:00.000Z' })
    expect(followupNextDue('2026-11-25', at('2026-11-25T04:00:00Z'), [])).toEqual({ rung: 'overdue', at: '2026-11-25T16:00:00.000Z' })
    expect(followupNextDue('2026-11-25', at('2026-11-24T04:00:00Z'), ['before'])).toEqual({ rung: 'overdue', at: '2026-11-25T16:00:00.000Z' })
    expect(followupNextDue('2026-11-25', at('2026-11-27T04:00:00Z'), ['overdue'])).toBeNull()
    expect(followupRungAt('2026-11-25', at('2026-11-24T00:59:00Z'), [])).toBeNull()
    expect(followupRungAt('2026-11-25', at('2026-11-24T01:00:00Z'), [])).toBe('before')
    expect(followupRungAt('2026-11-25', at('2026-11-25T15:59:00Z'), [])).toBeNull()
    expect(followupRungAt('2026-11-25', at('2026-11-25T16:00:00Z'), [])).toBe('overdue')
    expect(followupRungAt('2026-11-25', at('2026-11-26T16:00:00Z'), ['before', 'overdue'])).toBeNull()
  })
})
