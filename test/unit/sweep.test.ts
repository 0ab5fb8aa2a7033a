import type { Ports } from '../../cloudfunctions/common/ports'
import { runSweeps, type Sweep } from '../../cloudfunctions/common/sweep'
import { runScheduler } from '../../cloudfunctions/scheduler/run'
import { localPorts } from '../helpers/ports'

/**
 * Fair shares on a model clock: each page "takes" a set number of ms, so what a run does depends
 * on the rules, not on this machine's speed.
 */
function model() {
  let ms = 0
  const log: string[] = []
  const sweep = (name: string, pages: number, pageMs: number, extra: Partial<Sweep> = {}): Sweep => {
    let left = pages
    return {
      name,
      async page() {
        log.push(name)
        ms += pageMs
        left--
        return { handled: 1, more: left > 0 }
      },
      ...extra
    }
  }
  const errors: string[] = []
  const ports = { clock: { now: () => new Date(Date.UTC(2027, 5, 30, 1) + ms) }, log: { error: (m: string) => errors.push(m), info: () => undefined } } as unknown as Ports
  return { sweep, log, ports, errors, elapsed: () => ms }
}

describe('the scheduler shares its time fairly between sweeps', () => {
  test('a huge backlog gets turns, not the whole run: the others run in the first round, legal deadlines first', async () => {
    const m = model()
    const annual = m.sweep('annual', 1000, 400)
    const policy = m.sweep('policy', 1000, 200)
    const overdue = m.sweep('complaint-overdue', 2, 10, { legal: true })
    const cleanup = m.sweep('cleanup', 1, 10)
    const reports = await runSweeps([annual, policy, overdue, cleanup], m.ports, 50_000, { elapsed: m.elapsed })
    // the 诉求 time limits go first, then each sweep in its turn
    expect(m.log.slice(0, 3)).toEqual(['complaint-overdue', 'complaint-overdue', 'annual'])
    const byName = Object.fromEntries(reports.map((r) => [r.name, r]))
    expect(byName['complaint-overdue']).toMatchObject({ handled: 2, more: false, firstPageAfterMs: 0 })
    expect(byName.cleanup).toMatchObject({ handled: 1, more: false })
    // nobody waited longer than the turns before it in one round (5 s each)
    for (const r of reports) expect(r.firstPageAfterMs!).toBeLessThanOrEqual(10_400)
    // the two backlogs share the run about evenly (the last turn is cut short by the budget), and the
    // run ends within its budget (plus one page)
    expect(Math.abs(byName.annual.usedMs - byName.policy.usedMs)).toBeLessThanOrEqual(5_400)
    expect(Math.min(byName.annual.usedMs, byName.policy.usedMs)).toBeGreaterThan(20_000)
    expect(m.elapsed()).toBeLessThanOrEqual(50_400)
    expect(byName.annual.more && byName.policy.more).toBe(true)
  })

  test('a legal sweep with a backlog still leaves every other sweep its turn', async () => {
    const m = model()
    const reports = await runSweeps([m.sweep('annual', 1000, 400), m.sweep('complaint-overdue', 1000, 100, { legal: true })], m.ports, 20_000, { elapsed: m.elapsed })
    expect(reports.map((r) => r.name)).toEqual(['complaint-overdue', 'annual'])
    expect(reports[1].pages).toBeGreaterThan(10)
    expect(reports[0].firstPageAfterMs).toBe(0)
  })

  test('a sweep that throws loses the rest of this run; the others carry on', async () => {
    const m = model()
    const broken: Sweep = { name: 'broken', page: async () => Promise.reject(new Error('boom')) }
    const reports = await runSweeps([broken, m.sweep('annual', 3, 10)], m.ports, 10_000, { elapsed: m.elapsed })
    expect(reports).toMatchObject([{ name: 'broken', failed: true, pages: 0 }, { name: 'annual', handled: 3, more: false }])
    expect(m.errors).toEqual(['[scheduler] sweep broken failed'])
  })
})

describe('one scheduler run at a time, continuing itself while work is left', () => {
  const env = localPorts()
  afterAll(() => env.cleanup())

  test('a run that ends with work left and made progress starts the next at once', async () => {
    const m = model()
    const relaunched: string[] = []
    const ports: Ports = { ...env.ports, relaunch: async (fn) => void relaunched.push(fn) }
    const r = await runScheduler(ports, { sweeps: [m.sweep('annual', 100, 400)], budgetMs: 2_000, elapsed: m.elapsed })
    expect(r).toMatchObject({ more: true, continued: true, sweeps: [{ name: 'annual', handled: 5, more: true }] })
    expect(relaunched).toEqual(['scheduler'])
    // done: no next run
    const done = await runScheduler(ports, { sweeps: [m.sweep('annual', 1, 400)], budgetMs: 2_000, elapsed: m.elapsed })
    expect(done).toMatchObject({ more: false, continued: false })
    // without a way to start itself (a bench driving it), it says so and leaves it to the caller
    const bare = await runScheduler(env.ports, { sweeps: [m.sweep('annual', 100, 400)], budgetMs: 1_000, elapsed: m.elapsed })
    expect(bare).toMatchObject({ more: true, continued: false })
    // work left but nothing could be done (a sweep failing): the timer will try again, not a loop
    const stuck: Sweep = { name: 'stuck', page: async () => Promise.reject(new Error('down')) }
    expect((await runScheduler(ports, { sweeps: [stuck], budgetMs: 2_000, elapsed: m.elapsed })).continued).toBe(false)
    expect(relaunched).toEqual(['scheduler'])
  })

  test('the timer firing while a run is going does nothing; the run after it goes ahead', async () => {
    let release!: () => void
    const slow: Sweep = { name: 'slow', page: () => new Promise((r) => (release = () => r({ handled: 1, more: false }))) }
    const first = runScheduler(env.ports, { sweeps: [slow] })
    await new Promise((r) => setTimeout(r, 50))
    expect(await runScheduler(env.ports, { sweeps: [slow] })).toEqual({ sweeps: [], more: false, continued: false, busy: true })
    release()
    expect((await first).sweeps[0].handled).toBe(1)
    const m = model()
    expect((await runScheduler(env.ports, { sweeps: [m.sweep('after', 1, 1)] })).sweeps[0].handled).toBe(1)
  })
})
