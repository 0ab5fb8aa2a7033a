import { SCENARIOS, runScenario } from '../../scripts/bench-peak'
import { fastEqualKeyRemoval, skipPersistence } from '../../scripts/bench-store'

/**
 * The peak bench itself, small: the real scheduler on the cloud model's clock, with the bench's
 * recorder. Its figures are only worth printing if the recorder sees what owners see, so each
 * scenario's line is checked against what 消息 shows and against the targets that do not
 * depend on size (everyone reached on the peak day, nothing starved, 诉求 marked within 5 minutes).
 */
const field = (line: string, name: string) => line.match(new RegExp(`${name}=(\\S+)`))?.[1]

describe('npm run bench -- peak, at 3,000 owners', () => {
  let undo: Array<{ undo: () => void }> = []
  beforeAll(() => {
    undo = [fastEqualKeyRemoval(), skipPersistence()]
  })
  afterAll(() => undo.forEach((u) => u.undo()))

  test.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: every owner reached and recorded as 消息 shows it', async (_name, s) => {
    const r = await runScenario(s, { owners: 3000, maxSimDays: 2, probe: 40 })
    expect(r.line).toMatch(/^PEAK scenario=\S+ owners=\d+ reached=\d+ simulated_minutes=[\d.]+ db_per_100=[\d.]+ sends=\d+ starved=\S+$/)
    const owners = Number(field(r.line, 'owners'))
    expect(owners).toBe(s.name === 'policy-250k' ? 750 : 3000)
    expect(field(r.line, 'reached')).toBe(String(owners))
    expect(field(r.line, 'starved')).toBe('none')
    // 30% hold quota for what is due: one phone message each (both kinds in mixed)
    expect(Number(field(r.line, 'sends'))).toBe(0.3 * 3000 * (s.annual ? 1 : 0) + 0.3 * 750 * (s.policy ? 1 : 0))
    expect(Number(field(r.line, 'simulated_minutes'))).toBeLessThan(60)
    const text = r.lines.join('\n')
    // the sample read back through reminder.inbox.list agrees with what the recorder counted
    expect(text).not.toMatch(/[1-9]\d* disagree with the record/)
    if (s.annual) expect(text).toContain('every owner got the 30 June rung on 30 June China time: yes')
    if (s.complaints) expect(text).toMatch(new RegExp(`${s.complaints} marked, ${s.complaints} within 5 min of the deadline \\(yes\\)`))
    expect(text).not.toContain('errors logged by the functions')
  }, 120_000)
})
