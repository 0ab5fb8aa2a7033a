import { LocalPush } from '../../cloudfunctions/common/adapters/local/ports'
import type { InboxDoc } from '../../cloudfunctions/common/inbox'
import type { Db, Ports } from '../../cloudfunctions/common/ports'
import { interceptDb } from '../../scripts/intercept-db'
import { runSweeps } from '../../cloudfunctions/common/sweep'
import { SWEEPS } from '../../cloudfunctions/scheduler/sweeps'
import { ensureObligation, permits, type PermitDoc } from '../../cloudfunctions/reminder/store'
import { firstDue, permitLadder } from '../../src/core/reminder/ladder'
import { localPorts } from '../helpers/ports'

/**
 * The exactly-once promise under faults. A reference run over a year of sweeps (twice a day)
 * records which reminders are delivered; faulty runs must deliver exactly the same set, each
 * once: a sweep crashed at random points and rerun, two sweeps at once, failing sends.
 */
class Crash extends Error {}

/** A Db whose n-th call throws, either before the operation or after it took effect. */
function faultyDb(db: Db, rand: () => number) {
  let calls = 0
  let failAt = Infinity
  let after = false
  const arm = (within: number) => {
    calls = 0
    failAt = 1 + Math.floor(rand() * within)
    after = rand() < 0.5
  }
  const wrapped = interceptDb(db, async (run) => {
    if (++calls === failAt && !after) throw new Crash('crash before')
    const r = await run()
    if (calls === failAt && after) throw new Crash('crash after')
    return r
  })
  return { db: wrapped, arm, disarm: () => (failAt = Infinity) }
}

function rng(seed: number) {
  let s = seed
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
}

const START = new Date('2026-11-21T01:30:00Z') // 09:30 China time

async function seed(ports: Ports) {
  const at = START.toISOString()
  for (let i = 0; i < 12; i++) {
    const openid = `owner-${i}`
    await ports.db.collection('owners').set(openid, { profile: null, settings: {}, consents: {}, createdAt: at, updatedAt: at } as never)
    await ports.db.collection('quotas').set(`${openid}:local-reminder`, { openid, templateId: 'local-reminder', count: 100, updatedAt: at } as never)
    await ensureObligation(ports.db, openid, 2026, START)
    for (let k = 0; k < 2; k++) {
      const expiresOn = `2027-0${1 + ((i + k * 5) % 9)}-${String(1 + ((i * 7 + k) % 28)).padStart(2, '0')}`
      const type = (['foodBusiness', 'healthCert', 'drug', 'other'] as const)[(i + k) % 4]
      const doc: Omit<PermitDoc, '_id'> = {
        openid,
        type,
        name: type === 'other' ? '卫生许可' : '',
        number: `N${i}${k}`,
        authority: '鹿城区',
        issuedOn: '2022-01-01',
        expiresOn,
        nextDueAt: firstDue(permitLadder(type, expiresOn), START)?.dueAt ?? null,
        sentRungs: [],
        leaseUntil: '',
        createdAt: at,
        updatedAt: at
      }
      await permits(ports.db).add({ _id: `p-${i}-${k}`, ...doc })
    }
  }
}

/** Twice a day for a year; at each moment, `step` runs the sweeps however the scenario wants. */
async function overAYear(env: ReturnType<typeof localPorts>, step: (t: Date) => Promise<void>) {
  for (let h = 0; h <= 365 * 24; h += 12) {
    const t = new Date(START.getTime() + h * 3600_000)
    env.clock.set(t)
    await step(t)
  }
}

/**
 * Every message an owner can see, by its per-owner key: personal inbox entries, and broadcasts
 * delivered to them (an annual rung's broadcast `annual:<year>:<rung>:<day>` reads as the owner's
 * `annual:<openid>:<year>:<rung>`). A message delivered twice appears twice.
 */
async function delivered(ports: Ports) {
  const inbox = await ports.db.collection<InboxDoc>('inbox').find({}, { limit: 1000 })
  const owners = await ports.db.collection<{ _id: string; broadcasts?: string[] }>('owners').find({}, { limit: 1000 })
  const shared = owners.flatMap((o) =>
    (o.broadcasts ?? []).map((b) => {
      const [kind, year, rung] = b.split(':')
      expect(kind).toBe('annual')
      return `annual:${o._id}:${year}:${rung}`
    })
  )
  return [...inbox.map((d) => d._id), ...shared].sort()
}

const pushKeys = (ports: Ports) => (ports.push as LocalPush).sent.map((m) => m.key)

describe('reminders are delivered exactly once', () => {
  let reference: string[]
  let referencePushes: string[]

  beforeAll(async () => {
    const env = localPorts()
    await seed(env.ports)
    await overAYear(env, async () => {
      await runSweeps(SWEEPS, env.ports, 60_000)
    })
    reference = await delivered(env.ports)
    referencePushes = pushKeys(env.ports).sort()
    env.cleanup()
  }, 120_000)

  test('the reference year: every permit’s ladder and each year’s annual-report ladder', () => {
    // 24 permits × their remaining rungs, plus 12 owners × 6 annual rungs, plus next year's opening
    expect(reference.filter((k) => k.startsWith('annual:') && k.endsWith(':open'))).toHaveLength(12)
    expect(reference.filter((k) => k.startsWith('annual:') && k.includes(':2026:'))).toHaveLength(12 * 6)
    expect(reference.filter((k) => k.endsWith(':expired'))).toHaveLength(24)
    expect(reference.length).toBeGreaterThan(150)
    expect(referencePushes).toEqual(reference)
  })

  test('sweeps crashed at random points, many times, then finished: the same reminders, once each', async () => {
    const env = localPorts()
    await seed(env.ports)
    const rand = rng(42)
    const faulty = faultyDb(env.ports.db, rand)
    const ports: Ports = { ...env.ports, db: faulty.db }
    let crashes = 0
    await overAYear(env, async (t) => {
      // each moment: a few runs that crash somewhere, then runs until one finishes cleanly
      for (let attempt = 0; attempt < 3; attempt++) {
        faulty.arm(60)
        const log = ports.log
        let crashed = false
        ports.log = { ...log, error: (_m, err) => void (err instanceof Crash ? (crashed = true) : log.error(_m, err)) }
        await runSweeps(SWEEPS, ports, 60_000).catch(() => (crashed = true))
        ports.log = log
        if (crashed) crashes++
        // the next timer run comes later: leases taken by the crashed run have expired by then
        env.clock.set(new Date(t.getTime() + (attempt + 1) * 3 * 60_000))
      }
      faulty.disarm()
      await runSweeps(SWEEPS, ports, 60_000)
    })
    expect(crashes).toBeGreaterThan(100)
    expect(await delivered(env.ports)).toEqual(reference)
    // phone messages: never twice; at most once (a crash between claim and send loses only that push)
    const pushes = pushKeys(env.ports)
    expect(new Set(pushes).size).toBe(pushes.length)
    for (const k of pushes) expect(reference).toContain(k)
    expect(pushes.length).toBeGreaterThan(reference.length * 0.8)
    env.cleanup()
  }, 300_000)

  test('two sweeps at once send nothing twice and miss nothing', async () => {
    const env = localPorts()
    await seed(env.ports)
    await overAYear(env, async () => {
      await Promise.all([runSweeps(SWEEPS, env.ports, 60_000), runSweeps(SWEEPS, env.ports, 60_000)])
    })
    expect(await delivered(env.ports)).toEqual(reference)
    expect(pushKeys(env.ports).sort()).toEqual(referencePushes)
    env.cleanup()
  }, 120_000)

  test('failed sends are retried with backoff and never duplicate the inbox entry', async () => {
    const env = localPorts()
    await seed(env.ports)
    const push = env.ports.push as LocalPush
    // WeChat "system busy" (-1) on the first two attempts of every message
    const attempts = new Map<string, number>()
    const send = push.send.bind(push)
    push.send = async (msg) => {
      const n = (attempts.get(msg.key) ?? 0) + 1
      attempts.set(msg.key, n)
      return n <= 2 ? { ok: false, errCode: -1 } : send(msg)
    }
    await overAYear(env, async (t) => {
      await runSweeps(SWEEPS, env.ports, 60_000)
      // retries come due over the following minutes (backoff 2, then 4 minutes)
      for (const m of [3, 7, 15]) {
        env.clock.set(new Date(t.getTime() + m * 60_000))
        await runSweeps(SWEEPS, env.ports, 60_000)
      }
    })
    expect(await delivered(env.ports)).toEqual(reference)
    expect(push.sent.map((m) => m.key).sort()).toEqual(referencePushes)
    expect([...attempts.values()].every((n) => n === 3)).toBe(true)
    const states = [
      ...(await env.ports.db.collection<InboxDoc>('inbox').find({}, { limit: 1000 })),
      ...(await env.ports.db.collection<InboxDoc>('pushes').find({}, { limit: 1000 }))
    ].map((d) => d.pushState)
    expect(new Set(states)).toEqual(new Set(['sent']))
    env.cleanup()
  }, 120_000)

  test('43101 (no subscription left) zeroes the quota: no retry, the inbox copy stays', async () => {
    const env = localPorts()
    await seed(env.ports)
    const push = env.ports.push as LocalPush
    env.clock.set(new Date('2027-01-01T01:30:00Z'))
    push.failNext(43101)
    await runSweeps(SWEEPS, env.ports, 60_000)
    // 1 January: the annual report's window opens for all twelve (a broadcast; phone states in pushes)
    const failed = [
      ...(await env.ports.db.collection<InboxDoc>('inbox').find({ pushState: 'failed' })),
      ...(await env.ports.db.collection<InboxDoc>('pushes').find({ pushState: 'failed' }))
    ]
    expect(failed).toHaveLength(1)
    expect(failed[0].pushError).toBe(43101)
    const quota = await env.ports.db.collection<{ _id: string; count: number }>('quotas').get(`${failed[0].openid}:local-reminder`)
    expect(quota!.count).toBe(0)
    // the owner still sees the message in 消息
    const owner = await env.ports.db.collection<{ _id: string; broadcasts?: string[] }>('owners').get(failed[0].openid)
    expect(owner!.broadcasts).toEqual(['annual:2026:open:2027-01-01'])
    env.cleanup()
  })
})
