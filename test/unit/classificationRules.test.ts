import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { YEARLY_CONFIGS } from '../../src/core/classification/config'
import {
  decide,
  decisionInputs,
  latestDecisionYear,
  OBJECTION_STATUSES,
  objectionStep,
  objectionWindow,
  TYPE_FOCUS,
  yearlyConfigFor,
  type ObjectionEvent,
  type ObjectionState
} from '../../src/core/classification/rules'
import type { BusinessType } from '../../src/core/user/options'

const SEEDS_DIR = process.env.SEEDS_DIR ?? resolve(__dirname, '../../../shared/seeds')
const seed004 = () => readFileSync(join(SEEDS_DIR, readdirSync(SEEDS_DIR).find((f) => f.startsWith('004_'))!), 'utf8').replace(/\n/g, '')
const HUBEI = yearlyConfigFor('420102')!

describe('the yearly decision config', () => {
  test('every step and what each type brings is quoted verbatim from seed 004', () => {
    const text = seed004()
    for (const cfg of YEARLY_CONFIGS) for (const q of [cfg.decision.quote, cfg.review.quote, cfg.redecision.quote]) expect(text).toContain(q)
    for (const f of Object.values(TYPE_FOCUS)) expect(text).toContain(f.quote)
  })

  test('Hubei only: elsewhere no decision runs (the estimate stays an estimate)', () => {
    expect(yearlyConfigFor('420102')?.region).toBe('420000')
    expect(yearlyConfigFor('330302')).toBeNull()
    expect(yearlyConfigFor(null)).toBeNull()
    // the hour of each step is ours and says so
    expect(HUBEI.decision.timeNote).toContain('本平台配置')
    expect(HUBEI.redecision.timeNote).toContain('本平台配置')
  })

  test('the window: from 7月1日 09:00 to 9月30日 18:00, China time', () => {
    const at = (iso: string) => objectionWindow(HUBEI, 2026, new Date(iso))
    expect(at('2026-07-01T00:59:59Z')).toMatchObject({ open: false, message: expect.stringContaining('还没有判定') })
    expect(at('2026-07-01T01:00:00Z')).toEqual({ open: true, closesAt: '2026-09-30T10:00:00.000Z' })
    expect(at('2026-09-30T09:59:59Z').open).toBe(true)
    expect(at('2026-09-30T10:00:00Z')).toMatchObject({ open: false, message: expect.stringContaining('2027年7月1日判定后可以再提出') })
    expect(latestDecisionYear(HUBEI, new Date('2026-06-30T16:00:00Z'))).toBe(2025)
    expect(latestDecisionYear(HUBEI, new Date('2026-07-01T01:00:00Z'))).toBe(2026)
  })

  test('the register where verified, else the profile; the reasons say which', () => {
    const p = { region: '420102', openedOn: '2025-03-15', employees: 0, revenueBand: 'lt10w' as const, taxPaid: false, socialInsurance: false }
    const reg = decisionInputs(p, { registeredOn: '2019-01-01', region: '420103' })
    expect(reg).toMatchObject({ source: 'register', openedOn: '2019-01-01', region: '420103' })
    expect(decide(reg, '2026-07-01').reasons.at(-1)!.text).toContain('登记信息')
    expect(decide(decisionInputs(p, null), '2026-07-01').reasons.at(-1)!.text).toContain('经营档案')
  })
})

describe('the 异议 state machine', () => {
  const types: BusinessType[] = ['survival', 'growth', 'development']
  const event = fc.oneof(
    fc.record({ from: fc.constantFrom(...types), to: fc.constantFrom(...types), reason: fc.constantFrom('', ' ', '核实雇员2人') }).map<ObjectionEvent>((x) => ({ type: 'change', ...x })),
    fc.constantFrom('', '  ', '核实无误').map<ObjectionEvent>((reason) => ({ type: 'keep', reason })),
    fc.constant<ObjectionEvent>({ type: 'redecide' })
  )

  test('no illegal transition, whatever the events (property)', () => {
    const legal = new Set(['open>changed', 'open>kept', 'open>redecided'])
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), (events) => {
        let s: ObjectionState = { status: 'open' }
        for (const e of events) {
          const r = objectionStep(s, e)
          if (!r.ok) continue
          if (!legal.has(`${s.status}>${r.state.status}`)) return false
          // a change always changes the type and says why; keeping says why too
          if (e.type === 'change' && (e.from === e.to || !e.reason.trim())) return false
          if (e.type === 'keep' && !e.reason.trim()) return false
          s = r.state
        }
        return Object.keys(OBJECTION_STATUSES).includes(s.status)
      }),
      { numRuns: 2000 }
    )
  })

  test('each refusal says why in plain words', () => {
    expect(objectionStep({ status: 'kept' }, { type: 'redecide' })).toEqual({ ok: false, message: '这条异议已经处理过了（维持原判）' })
    expect(objectionStep({ status: 'open' }, { type: 'change', from: 'growth', to: 'growth', reason: '核实' })).toMatchObject({ ok: false, message: expect.stringContaining('维持原判') })
  })
})
