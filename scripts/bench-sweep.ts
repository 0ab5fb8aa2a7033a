import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalDb } from '../cloudfunctions/common/adapters/local/db'
import { LocalPush, SettableClock } from '../cloudfunctions/common/adapters/local/ports'
import type { Db, Ports } from '../cloudfunctions/common/ports'
import { interceptDb } from './intercept-db'
import { runSweeps } from '../cloudfunctions/common/sweep'
import { SWEEPS } from '../cloudfunctions/scheduler/sweeps'
import { LOCAL_POLICY_TEMPLATE_ID, LOCAL_REMINDER_TEMPLATE_ID } from '../src/core/notify/template'
import { permitLadder } from '../src/core/reminder/ladder'

/** Counts every database call: the cloud bills and waits for each one. */
export function countingDb(db: Db): { db: Db; count: () => number; reset: () => void } {
  let n = 0
  const wrapped = interceptDb(db, (run) => {
    n++
    return run()
  })
  return { db: wrapped, count: () => n, reset: () => (n = 0) }
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`

/**
 * One reminder sweep over `owners` owners with a food licence each, of which `due` have a rung due
 * now (the rest months away), on the local store (NeDB, on disk). Then the same sweep with nothing due.
 */
export async function benchSweep(owners: number, due: number) {
  const dir = mkdtempSync(join(tmpdir(), 'getihu-sweep-'))
  const local = new LocalDb(dir)
  const clock = new SettableClock()
  const now = new Date('2026-11-21T02:00:00Z')
  clock.set(now)
  const t0 = performance.now()
  const at = now.toISOString()
  const CHUNK = 50_000
  for (let start = 0; start < owners; start += CHUNK) {
    const ownerDocs: Array<Record<string, unknown>> = []
    const permitDocs: Array<Record<string, unknown>> = []
    for (let i = start; i < Math.min(owners, start + CHUNK); i++) {
      const isDue = i % Math.round(owners / due) === 0
      // due: expires in 60 days (its 60-day rung is due); the rest: in two years
      const expiresOn = isDue ? '2027-01-20' : '2028-11-20'
      const next = permitLadder('foodBusiness', expiresOn).find((r) => r.dueAt >= '2026-11-21T01:00:00.000Z')!
      ownerDocs.push({ _id: `o${i}`, profile: null, settings: {}, consents: {}, createdAt: at, updatedAt: at })
      permitDocs.push({
        _id: `p${i}`,
        openid: `o${i}`,
        type: 'foodBusiness',
        name: '',
        number: `JY${i}`,
        authority: '鹿城区',
        issuedOn: '2022-01-20',
        expiresOn,
        nextDueAt: next.dueAt,
        sentRungs: [],
        leaseUntil: '',
        createdAt: at,
        updatedAt: at
      })
    }
    await local.insertMany('owners', ownerDocs)
    await local.insertMany('permits', permitDocs)
  }
  const seedSeconds = (performance.now() - t0) / 1000
  const counter = countingDb(local)
  const ports: Ports = {
    config: { templates: { reminder: LOCAL_REMINDER_TEMPLATE_ID, policy: LOCAL_POLICY_TEMPLATE_ID } },
    db: counter.db,
    clock,
    log: { error: (m, e) => console.error(m, e), info: () => undefined },
    push: new LocalPush(local, clock),
    storage: null as never,
    qr: null as never,
    contentCheck: null as never
  }
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const run = async () => {
    counter.reset()
    const start = performance.now()
    let handled = 0
    let runs = 0
    // the timer fires again while work is left; each run has the scheduler's budget
    for (;;) {
      runs++
      const reports = await runSweeps(SWEEPS, ports, 40_000)
      handled += reports.reduce((s, r) => s + r.handled, 0)
      if (!reports.some((r) => r.more)) break
    }
    return { seconds: (performance.now() - start) / 1000, handled, trips: counter.count(), runs }
  }
  const busy = await run()
  const idle = await run()
  clearInterval(sampler)
  rmSync(dir, { recursive: true, force: true })
  return { owners, due, seedSeconds, busy, idle, peakRss: mb(peak) }
}

export function printSweep(r: Awaited<ReturnType<typeof benchSweep>>) {
  console.log(
    `${r.owners.toLocaleString('en')} owners, ${r.due.toLocaleString('en')} due: sweep ${r.busy.seconds.toFixed(1)} s for ${r.busy.handled} reminders ` +
      `(${((r.busy.seconds * 1000) / Math.max(1, r.busy.handled)).toFixed(2)} ms each, ${r.busy.trips} DB calls = ${(r.busy.trips / Math.max(1, r.busy.handled)).toFixed(1)} per reminder, ${r.busy.runs} timer run(s)); ` +
      `nothing due: ${(r.idle.seconds * 1000).toFixed(1)} ms, ${r.idle.trips} DB calls; peak RSS ${r.peakRss}; seeding took ${r.seedSeconds.toFixed(0)} s`
  )
}

if (require.main === module) {
  const owners = Number(process.argv[2] || 100_000)
  benchSweep(owners, Math.round(owners / 100)).then(printSweep)
}
