import fc from 'fast-check'
import { COMPLAINT_STATUSES, MAX_REOPEN, nextUrgeDay, step, urgeRule, type ComplaintEvent, type FlowState } from '../../src/core/complaint/flow'
import { MAX_SUPPLEMENTS } from '../../src/core/complaint/labels'
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
      fc.constant<ComplaintEvent>({ type: 'close' }),
      fc.constant<ComplaintEvent>({ type: 'withdraw' }),
      fc.record({ text: fc.string({ maxLength: 3 }), photos: fc.integer({ min: 0, max: 6 }) }).map<ComplaintEvent>((x) => ({ type: 'supplement', ...x })),
      fc.constantFrom('2026-11-20', '2026-12-01', '2026-12-02', '2026-12-03').map<ComplaintEvent>((today) => ({ type: 'urge', today, deadline: { step: 'accept', date: '2026-12-01' } }))
    )
    // every allowed move, as (from, to) pairs of the loop; 补充材料 and 催办 stay where they are
    const legal = new Set([
      'submitted>accepted', 'submitted>rejected', 'submitted>withdrawn', 'accepted>handling', 'handling>handling', 'handling>replied', 'replied>closed', 'replied>handling',
      'submitted>submitted', 'accepted>accepted'
    ])
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        let s = start
        for (const e of events) {
          const r = step(s, e)
          if (!r.ok) continue
          if (!legal.has(`${s.status}>${r.state.status}`)) return false
          if (r.state.reopened > MAX_REOPEN) return false
          if (s.status === 'closed' || s.status === 'rejected' || s.status === 'withdrawn') return false
          // the owner's own moves never change the status, and a withdrawal happens before 受理 only
          if ((e.type === 'supplement' || e.type === 'urge') && r.state.status !== s.status) return false
          if (e.type === 'withdraw' && s.status !== 'submitted') return false
          if ((r.state.supplements ?? 0) > MAX_SUPPLEMENTS) return false
          s = r.state
        }
        return Object.keys(COMPLAINT_STATUSES).includes(s.status)
      }),
      { numRuns: 2000 }
    )
  })
})

describe('the owner’s own moves: 撤回, 补充材料, 催办', () => {
  const at = (status: FlowState['status'], more: Partial<FlowState> = {}): FlowState => ({ status, reopened: 0, ...more })

  test('撤回 before 受理 only, and every other state says why not in plain words', () => {
    expect(step(at('submitted'), { type: 'withdraw' })).toEqual({ ok: true, state: { status: 'withdrawn', reopened: 0 } })
    expect(step(at('accepted'), { type: 'withdraw' })).toEqual({ ok: false, message: '诉求已受理，不能撤回了。如果问题已经解决，可以补充材料告诉办理人员' })
    expect(step(at('handling'), { type: 'withdraw' })).toMatchObject({ ok: false, message: expect.stringContaining('已受理，不能撤回') })
    expect(step(at('replied'), { type: 'withdraw' })).toEqual({ ok: false, message: '诉求已答复，不能撤回了' })
    expect(step(at('withdrawn'), { type: 'withdraw' })).toEqual({ ok: false, message: '这条诉求已经撤回了' })
    for (const s of ['closed', 'rejected'] as const) expect(step(at(s), { type: 'withdraw' })).toEqual({ ok: false, message: '这条诉求已经结束，不需要撤回' })
    // a withdrawn case is over: staff cannot accept, refuse or move it
    const gone = at('withdrawn')
    expect(step(gone, { type: 'accept' })).toEqual({ ok: false, message: '反映人已撤回这条诉求' })
    expect(step(gone, { type: 'reject', reason: '不属于职责' })).toEqual({ ok: false, message: '反映人已撤回这条诉求' })
    for (const e of [{ type: 'assign', office: '所' }, { type: 'reply', reply: '答复' }, { type: 'close' }, { type: 'rate', rating: 'satisfied' }] as ComplaintEvent[]) expect(step(gone, e).ok).toBe(false)
  })

  test('补充材料 while open (已提交, 已受理, 办理中), text or a photo, counted up to the limit', () => {
    for (const s of ['submitted', 'accepted', 'handling'] as const) {
      expect(step(at(s), { type: 'supplement', text: '对方又收了一次', photos: 0 })).toEqual({ ok: true, state: { status: s, reopened: 0, supplements: 1 } })
    }
    expect(step(at('handling', { supplements: 3 }), { type: 'supplement', text: '', photos: 2 })).toMatchObject({ ok: true, state: { supplements: 4 } })
    expect(step(at('submitted'), { type: 'supplement', text: '  ', photos: 0 })).toEqual({ ok: false, message: '请写下要补充的内容，或加一张照片' })
    expect(step(at('submitted', { supplements: MAX_SUPPLEMENTS }), { type: 'supplement', text: '又一次', photos: 0 })).toEqual({ ok: false, message: `补充材料已有${MAX_SUPPLEMENTS}次，不能再加了；可以在答复后的评价里说明` })
    expect(step(at('replied'), { type: 'supplement', text: '补充', photos: 0 })).toEqual({ ok: false, message: '已经答复了；如不满意，请在评价里说明' })
    for (const s of ['closed', 'rejected', 'withdrawn'] as const) expect(step(at(s), { type: 'supplement', text: '补充', photos: 1 })).toEqual({ ok: false, message: '这条诉求已经结束，不能再补充材料了' })
  })

  test('催办 opens the day after the deadline’s last day, then once per working day', () => {
    const accept = { step: 'accept' as const, date: '2026-12-01' } // Tue 1 Dec is the last day to accept
    const urge = (s: FlowState, today: string) => step(s, { type: 'urge', today, deadline: accept })
    expect(urge(at('submitted'), '2026-11-25')).toEqual({ ok: false, message: '还在受理期限内（12月1日），12月2日起可以催办' })
    // the last day is still on time
    expect(urge(at('submitted'), '2026-12-01').ok).toBe(false)
    const first = urge(at('submitted'), '2026-12-02')
    expect(first).toEqual({ ok: true, state: { status: 'submitted', reopened: 0, urgeAgainOn: '2026-12-03' } })
    const urged = (first as { state: FlowState }).state
    expect(urge(urged, '2026-12-02')).toEqual({ ok: false, message: '每个工作日可以催办一次，12月3日起可以再次催办' })
    expect(urge(urged, '2026-12-03').ok).toBe(true)
    // the reply deadline reads as such
    expect(step(at('handling'), { type: 'urge', today: '2026-12-10', deadline: { step: 'reply', date: '2026-12-11' } })).toEqual({ ok: false, message: '还在答复期限内（12月11日），12月12日起可以催办' })
    // not open, or nothing running: no urge, and why
    expect(urgeRule(at('replied'), accept, '2026-12-05')).toEqual({ can: false, from: null, message: '已经答复了，请查看答复并评价' })
    for (const s of ['closed', 'rejected', 'withdrawn'] as const) expect(urgeRule(at(s), accept, '2026-12-05')).toMatchObject({ can: false, from: null, message: '这条诉求已经结束，不需要催办' })
    expect(urgeRule(at('handling'), null, '2026-12-05')).toMatchObject({ can: false, message: '这条诉求没有正在计算的期限' })
  })

  test('“once per working day” follows the official calendar: Friday and Saturday urges open again on Monday, National Day is skipped', () => {
    expect(nextUrgeDay('2026-11-20')).toBe('2026-11-23') // Fri → Mon
    expect(nextUrgeDay('2026-11-21')).toBe('2026-11-23') // Sat → Mon
    expect(nextUrgeDay('2026-11-23')).toBe('2026-11-24')
    // 1–7 Oct 2026 off: an urge on Wed 30 Sep opens again on Thu 8 Oct
    expect(nextUrgeDay('2026-09-30')).toBe('2026-10-08')
    // a Saturday make-up working day (10 Oct 2026) counts
    expect(nextUrgeDay('2026-10-09')).toBe('2026-10-10')
  })
})
