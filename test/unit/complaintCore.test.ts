import fc from 'fast-check'
import { COMPLAINT_STATUSES, MAX_REOPEN, step, type ComplaintEvent, type FlowState } from '../../src/core/complaint/flow'
import { addWorkingDays, calendarCovers, workingDaysBetween } from '../../src/core/complaint/workdays'

describe('working-day deadlines on the official calendar', () => {
  test('7 working days across National Day 2026 (1–7 Oct off, Sat 10 Oct a make-up working day)', () => {
    // received Wed 30 Sep: 8, 9, 10 (Sat, 调休), 12, 13, 14, 15 Oct
    expect(addWorkingDays('2026-09-30', 7)).toEqual({ date: '2026-10-15', calendarKnown: true })
  })
  test('the make-up Sunday before National Day counts as a working day', () => {
    // received Sat 19 Sep: Sun 20 Sep (调休) is the first working day
    expect(addWorkingDays('2026-09-19', 1)).toEqual({ date: '2026-09-20', calendarKnown: true })
  })
  test('an ordinary week: weekends do not count', () => {
    expect(addWorkingDays('2026-11-20', 1).date).toBe('2026-11-23') // Fri → Mon
    expect(addWorkingDays('2026-11-16', 7).date).toBe('2026-11-25')
  })
  test('counting back and forth agree', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-15')).toBe(7)
    expect(workingDaysBetween('2026-10-15', '2026-09-30')).toBe(-7)
  })
  test('a deadline running into a year the calendar does not know yet says so', () => {
    expect(calendarCovers(2026)).toBe(true)
    // no official calendar exists for 2040 yet: only weekends are known, and the result says so
    expect(calendarCovers(2040)).toBe(false)
    expect(addWorkingDays('2040-12-20', 7)).toEqual({ date: '2040-12-31', calendarKnown: false })
  })
})

describe('the 诉求 state machine', () => {
  const start: FlowState = { status: 'submitted', reopened: 0 }
  const run = (events: ComplaintEvent[]) => events.reduce<FlowState>((s, e) => {
    const r = step(s, e)
    return r.ok ? r.state : s
  }, start)

  test('the closed loop: accept, assign, reply, rate 满意 → 办结', () => {
    expect(run([{ type: 'accept' }, { type: 'assign', office: '东门市场监管所' }, { type: 'reply', reply: '已退还多收费用' }, { type: 'rate', rating: 'satisfied' }])).toEqual({ status: 'closed', reopened: 0 })
  })

  test('不满意 reopens once; the second 不满意 closes it', () => {
    const replied = [{ type: 'accept' }, { type: 'assign', office: '所' }, { type: 'reply', reply: '答复' }] as ComplaintEvent[]
    const once = run([...replied, { type: 'rate', rating: 'unsatisfied' }])
    expect(once).toEqual({ status: 'handling', reopened: 1 })
    expect(run([...replied, { type: 'rate', rating: 'unsatisfied' }, { type: 'reply', reply: '再次答复' }, { type: 'rate', rating: 'unsatisfied' }])).toEqual({ status: 'closed', reopened: 1 })
  })

  test('refusing needs a reason; nothing happens after 不予受理', () => {
    expect(step(start, { type: 'reject', reason: ' ' })).toEqual({ ok: false, message: '不予受理必须写明理由' })
    const rejected = run([{ type: 'reject', reason: '不属于市场监管职责' }])
    expect(rejected.status).toBe('rejected')
    for (const e of [{ type: 'accept' }, { type: 'assign', office: 'x' }, { type: 'reply', reply: 'x' }, { type: 'close' }] as ComplaintEvent[]) expect(step(rejected, e).ok).toBe(false)
  })

  test('no illegal transition, whatever the events (property)', () => {
    const event = fc.oneof(
      fc.constant<ComplaintEvent>({ type: 'accept' }),
      fc.string({ maxLength: 3 }).map<ComplaintEvent>((reason) => ({ type: 'reject', reason })),
      fc.string({ maxLength: 3 }).map<ComplaintEvent>((office) => ({ type: 'assign', office })),
      fc.string({ maxLength: 3 }).map<ComplaintEvent>((reply) => ({ type: 'reply', reply })),
      fc.constantFrom<ComplaintEvent>({ type: 'rate', rating: 'satisfied' }, { type: 'rate', rating: 'basicallySatisfied' }, { type: 'rate', rating: 'unsatisfied' }),
      fc.constant<ComplaintEvent>({ type: 'close' })
    )
    // every allowed move, as (from, to) pairs of the loop
    const legal = new Set(['submitted>accepted', 'submitted>rejected', 'accepted>handling', 'handling>handling', 'handling>replied', 'replied>closed', 'replied>handling'])
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        let s = start
        for (const e of events) {
          const r = step(s, e)
          if (!r.ok) continue
          if (!legal.has(`${s.status}>${r.state.status}`)) return false
          if (r.state.reopened > MAX_REOPEN) return false
          if (s.status === 'closed' || s.status === 'rejected') return false
          s = r.state
        }
        return Object.keys(COMPLAINT_STATUSES).includes(s.status)
      }),
      { numRuns: 2000 }
    )
  })
})
