import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { hintStep, MAX_RETURNS, NO_REPAIR, planStep, repairStep, type HintEvent, type HintState, type PlanEvent, type RepairEvent, type RepairState } from '../../src/core/notice/flow'
import { ABNORMAL_CAUSES, FIRST_MINOR_RULE, NOTICE_CONFIG, NOTICE_SOURCES, REPAIR_STEPS, type AbnormalCause, type PlanStatus } from '../../src/core/notice/labels'
import { inspectionNoticeAt, nextRepairReminder, overdueAt, windowText } from '../../src/core/notice/timing'
import { changedFields, mapAbnormal, matchHeader, normalizeRow, type RowRules } from '../../src/core/register/rows'
import { codeFromText } from '../../src/core/region/names'
import { demoCreditCode } from '../../scripts/local-cloud/demo'

const SEEDS_DIR = process.env.SEEDS_DIR ?? resolve(__dirname, '../../../shared/seeds')
const seeds = readdirSync(SEEDS_DIR).map((f) => readFileSync(join(SEEDS_DIR, f), 'utf8'))

describe('notice sources and configuration', () => {
  test('every quote is the source’s own words, verbatim; every step has a quote or says it is ours', () => {
    const quotes = [...Object.values(NOTICE_SOURCES), ...Object.values(REPAIR_STEPS).flat().flatMap((s) => (s.evidence ? [s.evidence] : []))]
    for (const q of quotes) expect([q.quote, seeds.some((s) => s.includes(q.quote))]).toEqual([q.quote, true])
    for (const s of Object.values(REPAIR_STEPS).flat()) expect(!!s.evidence || !!s.platform).toBe(true)
    // the law's words (not a seed): guidance, 可以 (may), never a promise
    expect(FIRST_MINOR_RULE.quote).toContain('可以不予行政处罚')
    for (const v of Object.values(NOTICE_CONFIG)) expect(v.platform).toMatch(/^本平台配置/)
    // no source names a file
    expect(JSON.stringify([NOTICE_SOURCES, REPAIR_STEPS])).not.toMatch(/\.txt|种子|seed/i)
  })

  test('timing: the 事前提醒 at 09:00 China N days before the window, overdue from the next China day, reminders weekly then monthly', () => {
    expect(inspectionNoticeAt('2026-12-01').toISOString()).toBe('2026-11-28T01:00:00.000Z')
    expect(overdueAt('2026-11-25').toISOString()).toBe('2026-11-25T16:00:00.000Z')
    expect(nextRepairReminder('2026-11-20', 1)!.toISOString()).toBe('2026-11-27T01:00:00.000Z')
    // after the weekly ones, monthly, and never stopping while the mark stands
    expect(nextRepairReminder('2026-11-20', NOTICE_CONFIG.repairWeeklyReminders.value - 1).toISOString()).toBe('2026-11-27T01:00:00.000Z')
    expect(nextRepairReminder('2026-11-20', NOTICE_CONFIG.repairWeeklyReminders.value).toISOString()).toBe('2026-12-20T01:00:00.000Z')
    expect(nextRepairReminder('2026-11-20', 40).toISOString()).toBe('2026-12-20T01:00:00.000Z')
    expect(windowText('2026-12-01', '2026-12-10')).toBe('12月1日至12月10日')
    expect(windowText('2026-12-01', '2026-12-01')).toBe('12月1日')
  })
})

describe('state machines: no sequence of actions reaches an illegal state (property)', () => {
  const dates = fc.constantFrom('2026-11-20', '2026-11-25', '2026-11-26', '2026-12-01')

  test('违规提示: sent → corrected → confirmed / returned → corrected; overdue only past the deadline and before a correction', () => {
    const event: fc.Arbitrary<HintEvent> = fc.oneof(
      fc.integer({ min: 0, max: 3 }).map((photos) => ({ type: 'correct' as const, photos })),
      fc.constant({ type: 'confirm' as const }),
      fc.record({ reason: fc.constantFrom('', ' ', '照片不清楚'), dueDate: dates, today: dates }).map((r) => ({ type: 'return' as const, ...r })),
      dates.map((today) => ({ type: 'overdue' as const, today }))
    )
    const legal = new Set(['sent>sent', 'sent>corrected', 'corrected>confirmed', 'corrected>returned', 'returned>corrected', 'returned>returned'])
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        let s: HintState = { status: 'sent', dueDate: '2026-11-25', overdue: false, returns: 0 }
        for (const e of events) {
          const r = hintStep(s, e)
          if (!r.ok) continue
          if (!legal.has(`${s.status}>${r.state.status}`)) return false
          if (s.status === 'confirmed') return false
          if (e.type === 'correct' && e.photos < 1) return false
          if (e.type === 'overdue' && (e.today <= s.dueDate || s.overdue || s.status === 'corrected')) return false
          if (e.type === 'return' && (!e.reason.trim() || r.state.overdue)) return false
          if (r.state.returns > MAX_RETURNS) return false
          s = r.state
        }
        return true
      }),
      { numRuns: 2000 }
    )
  })

  test('抽查计划: cancelled only before any reminder; notified and cancelled are final', () => {
    const event = fc.constantFrom<PlanEvent>({ type: 'start' }, { type: 'finish' }, { type: 'cancel' })
    const legal = new Set(['scheduled>notifying', 'notifying>notified', 'scheduled>cancelled'])
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        let s: { status: PlanStatus } = { status: 'scheduled' }
        for (const e of events) {
          const r = planStep(s, e)
          if (!r.ok) continue
          if (!legal.has(`${s.status}>${r.state.status}`)) return false
          s = r.state
        }
        return true
      }),
      { numRuns: 1000 }
    )
  })

  test('信用修复: only the register or staff mark and clear; the owner only ticks steps of the cause; reminders capped per marking', () => {
    const cause = fc.constantFrom(...(Object.keys(ABNORMAL_CAUSES) as AbnormalCause[]))
    const by = fc.constantFrom('register' as const, 'staff' as const, 'owner' as const)
    const step = fc.constantFrom('file', 'apply', 'check', 'place', 'contact', 'ask', 'nope')
    const event: fc.Arbitrary<RepairEvent> = fc.oneof(
      fc.record({ by, cause }).map((x) => ({ type: 'mark' as const, ...x })),
      by.map((b) => ({ type: 'clear' as const, by: b })),
      fc.record({ step, done: fc.boolean() }).map((x) => ({ type: 'check' as const, ...x })),
      fc.constant({ type: 'remind' as const })
    )
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let s: RepairState = NO_REPAIR
        for (const e of events) {
          const r = repairStep(s, e)
          if (!r.ok) continue
          const n = r.state
          if ((e.type === 'mark' || e.type === 'clear') && e.by === 'owner') return false
          if (e.type === 'clear' && (s.status !== 'marked' || n.status !== 'cleared')) return false
          if (e.type !== 'mark' && e.type !== 'clear' && n.status !== s.status) return false
          if (n.status === 'marked' && !n.cause) return false
          if (n.cause && n.done.some((d) => !REPAIR_STEPS[n.cause!].some((x) => x.id === d))) return false
          if (new Set(n.done).size !== n.done.length) return false
          // a reminder only while marked, one at a time
          if (e.type === 'remind' && (s.status !== 'marked' || n.reminders !== s.reminders + 1)) return false
          // a new marking starts its own reminders; the version only moves on a new marking
          if (n.version !== s.version && !(e.type === 'mark' && s.status !== 'marked' && n.version === s.version + 1 && n.reminders === 0)) return false
          s = n
        }
        return true
      }),
      { numRuns: 2000 }
    )
  })
})

describe('the register’s 经营异常 column (additive)', () => {
  const RULES: RowRules = { scope: '330302', today: '2026-11-20', markets: [], regionFromText: codeFromText }
  const code = demoCreditCode('330302', 'MA2H7K3L1')
  test('headers, causes in the register’s words, empty means not marked; no column means the stored mark is kept', () => {
    const { columns } = matchHeader(['统一社会信用代码', '名称', '经营者姓名', '登记状态', '列入经营异常名录原因'])
    expect(columns.abnormal).toBe(4)
    expect(mapAbnormal('')).toBeNull()
    expect(mapAbnormal('否')).toBeNull()
    expect(mapAbnormal('未按规定报送2025年度年度报告')).toEqual({ cause: 'annualReport', text: '未按规定报送2025年度年度报告' })
    expect(mapAbnormal('通过登记的经营场所无法联系')).toMatchObject({ cause: 'unreachable' })
    expect(mapAbnormal('是')).toEqual({ cause: 'other', text: null })
    const marked = normalizeRow([code, '张记面馆', '张建国', '存续', '未按规定报送年度报告'], columns, RULES)
    expect(marked).toMatchObject({ ok: true, row: { abnormalCause: 'annualReport' } })
    const clean = normalizeRow([code, '张记面馆', '张建国', '存续', ''], columns, RULES)
    expect(clean).toMatchObject({ ok: true, row: { abnormalCause: null, abnormalText: null } })
    const without = normalizeRow([code, '张记面馆', '张建国', '存续'], matchHeader(['统一社会信用代码', '名称', '经营者姓名', '登记状态']).columns, RULES)
    expect(without.ok && 'abnormalCause' in without.row).toBe(false)
    if (!without.ok || !marked.ok || !clean.ok) throw new Error('rows')
    // a file without the column never clears a stored mark; one with an empty cell does
    expect(changedFields(without.row, { ...without.row, abnormalCause: 'annualReport' })).toEqual({})
    expect(changedFields(clean.row, { ...clean.row, abnormalCause: 'annualReport', abnormalText: '未按规定报送年度报告' })).toEqual({ abnormalCause: null, abnormalText: null })
    expect(normalizeRow([code, '张记面馆', '张建国', '存续', '异'.repeat(101)], columns, RULES)).toMatchObject({ ok: false, problems: [{ column: '经营异常' }] })
  })
})
