import fc from 'fast-check'
import { OPEN_STATUSES, RECOGNITION_CONFIG, STATUSES } from '../../src/core/recognition/config'
import { FINAL, inForce, lastDayInForce, step, type FlowState, type RecognitionEvent } from '../../src/core/recognition/flow'
import { linkSchema } from '../../src/core/recognition/contract'

const start: FlowState = { status: 'submitted', objections: 0, answered: 0, reminded: false }
const run = (events: RecognitionEvent[]) =>
  events.reduce<FlowState>((s, e) => {
    const r = step(s, e)
    return r.ok ? r.state : s
  }, start)

describe('the 名特优新 state machine', () => {
  test('申报 → 推荐 (公示) → 公示期满 → 认定, with every 异议 answered first', () => {
    const s = run([{ type: 'recommend', reason: '老字号' }, { type: 'object' }, { type: 'publicEnd' }])
    expect(s).toEqual({ status: 'decision', objections: 1, answered: 0, reminded: false })
    expect(step(s, { type: 'recognise', reason: '符合' })).toEqual({ ok: false, message: '还有1条异议没有答复，请逐条答复后再决定' })
    const answered = run([{ type: 'recommend', reason: '老字号' }, { type: 'object' }, { type: 'publicEnd' }, { type: 'answer', reply: '经核实不成立' }, { type: 'recognise', reason: '符合' }])
    expect(answered.status).toBe('recognised')
  })

  test('退回补充 lets the owner send it again; every regulator step needs a reason', () => {
    expect(run([{ type: 'return', reason: '请补充照片' }, { type: 'resubmit' }]).status).toBe('submitted')
    for (const type of ['return', 'recommend', 'decline'] as const) expect(step(start, { type, reason: ' ' }).ok).toBe(false)
  })

  test('no decision while the 公示 runs; no 异议 after it', () => {
    const pub = run([{ type: 'recommend', reason: '好' }])
    expect(step(pub, { type: 'recognise', reason: '好' })).toEqual({ ok: false, message: '公示期还没有结束，结束后才能决定' })
    expect(step(run([{ type: 'recommend', reason: '好' }, { type: 'publicEnd' }]), { type: 'object' }).ok).toBe(false)
  })

  test('a 认定 reminds once, then lapses', () => {
    const rec = run([{ type: 'recommend', reason: '好' }, { type: 'publicEnd' }, { type: 'recognise', reason: '好' }])
    const reminded = run([{ type: 'recommend', reason: '好' }, { type: 'publicEnd' }, { type: 'recognise', reason: '好' }, { type: 'remind' }])
    expect(reminded.reminded).toBe(true)
    expect(step(reminded, { type: 'remind' }).ok).toBe(false)
    expect(step(rec, { type: 'lapse' })).toMatchObject({ ok: true, state: { status: 'lapsed' } })
  })

  test('no illegal transition, whatever the events (property)', () => {
    const reason = fc.constantFrom('', ' ', '理由')
    const event = fc.oneof(
      fc.constant<RecognitionEvent>({ type: 'resubmit' }),
      reason.map<RecognitionEvent>((r) => ({ type: 'return', reason: r })),
      reason.map<RecognitionEvent>((r) => ({ type: 'recommend', reason: r })),
      reason.map<RecognitionEvent>((r) => ({ type: 'decline', reason: r })),
      fc.constant<RecognitionEvent>({ type: 'object' }),
      reason.map<RecognitionEvent>((r) => ({ type: 'answer', reply: r })),
      fc.constant<RecognitionEvent>({ type: 'publicEnd' }),
      reason.map<RecognitionEvent>((r) => ({ type: 'recognise', reason: r })),
      reason.map<RecognitionEvent>((r) => ({ type: 'notRecognise', reason: r })),
      fc.constant<RecognitionEvent>({ type: 'remind' }),
      fc.constant<RecognitionEvent>({ type: 'lapse' }),
      fc.constant<RecognitionEvent>({ type: 'withdraw' })
    )
    const legal = new Set([
      'submitted>returned', 'returned>submitted', 'submitted>publicizing', 'submitted>declined', 'publicizing>decision',
      'decision>recognised', 'decision>notRecognised', 'recognised>lapsed', 'submitted>withdrawn', 'returned>withdrawn',
      // 异议, answers and the reminder stay where they are
      'publicizing>publicizing', 'decision>decision', 'recognised>recognised'
    ])
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let s = start
        for (const e of events) {
          const r = step(s, e)
          if (!r.ok) continue
          const n = r.state
          if (!legal.has(`${s.status}>${n.status}`)) return false
          if (FINAL.includes(s.status)) return false
          // a decision only with every 异议 answered, never more answers than 异议
          if ((n.status === 'recognised' || n.status === 'notRecognised') && s.status === 'decision' && n.answered < n.objections) return false
          if (n.answered > n.objections) return false
          // 异议 only during the 公示; every regulator step carries a reason
          if (e.type === 'object' && s.status !== 'publicizing') return false
          if ('reason' in e && !e.reason.trim()) return false
          if (e.type === 'answer' && !e.reply.trim()) return false
          if (e.type === 'remind' && s.reminded) return false
          s = n
        }
        return Object.keys(STATUSES).includes(s.status) && (OPEN_STATUSES.includes(s.status) || FINAL.includes(s.status) || s.status === 'recognised')
      }),
      { numRuns: 2000 }
    )
  })
})

describe('the terms of a 认定', () => {
  test('three years (configuration), the last day inclusive, 29 February handled', () => {
    expect(RECOGNITION_CONFIG.validYears.value).toBe(3)
    expect(RECOGNITION_CONFIG.validYears.source).toContain('本平台配置')
    expect(RECOGNITION_CONFIG.publicDays.source).toContain('本平台配置')
    expect(lastDayInForce('2026-12-01', 3)).toBe('2029-11-30')
    expect(lastDayInForce('2028-02-29', 3)).toBe('2031-02-28')
    expect(inForce({ until: '2029-11-30' }, '2029-11-30')).toBe(true)
    expect(inForce({ until: '2029-11-30' }, '2029-12-01')).toBe(false)
    expect(inForce(null, '2029-12-01')).toBe(false)
  })
  test('links: http(s) only, with a plain Chinese error', () => {
    expect(linkSchema.safeParse('https://www.example.com/shop?id=1').success).toBe(true)
    const bad = linkSchema.safeParse('javascript:alert(1)')
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0].message).toContain('链接格式不对')
  })
})
