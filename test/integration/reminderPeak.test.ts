import type { LocalDb } from '../../cloudfunctions/common/adapters/local/db'
import type { LocalPush } from '../../cloudfunctions/common/adapters/local/ports'
import type { InboxDoc, PushDoc } from '../../cloudfunctions/common/inbox'
import type { Ports } from '../../cloudfunctions/common/ports'
import { SEND_CONCURRENCY } from '../../cloudfunctions/common/notify'
import { runSweeps } from '../../cloudfunctions/common/sweep'
import { SWEEP_BUDGET_MS } from '../../cloudfunctions/scheduler/run'
import { obligationView, type ObligationDoc } from '../../cloudfunctions/reminder/store'
import { SWEEPS } from '../../cloudfunctions/scheduler/sweeps'
import { annualLadder } from '../../src/core/reminder/ladder'
import { all, chain, instrumented } from '../helpers/instrumented'
import { localPorts } from '../helpers/ports'

/**
 * The annual report's peak (issue #15): every owner on the 30 June rung at once. On the local
 * store with a few thousand owners (three pages and more), counting round trips by collection:
 * what the cloud would bill and wait for. Simulated minutes at a million owners are the bench's.
 */
const OWNERS = 2_500
const HOLDERS_EVERY = 10 // 3 in 10 owners hold one unit of reminder quota
const holds = (i: number) => i % HOLDERS_EVERY < 3
const JUN30 = '2027-06-30T01:00:00.000Z' // 09:00 China time
const rung = (id: string) => annualLadder(2026).find((r) => r.id === id)!

/** Seeds `n` owners (ids `<prefix>-<i>`) whose 2026 report is due on the 30 June rung. */
async function seed(ports: Ports, prefix: string, n = OWNERS) {
  const at = '2027-01-01T00:00:00.000Z'
  const db = ports.db as LocalDb
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`)
  await db.insertMany('owners', ids.map((_id) => ({ _id, profile: null, settings: {}, consents: {}, createdAt: at, updatedAt: at })))
  await db.insertMany(
    'obligations',
    ids.map((openid) => ({ _id: `ar-${openid}-2026`, openid, kind: 'annualReport', reportYear: 2026, filedAt: null, nextDueAt: rung('jun30').dueAt, sentRungs: ['open', 'jun01', 'jun20', 'jun28'], leaseUntil: '', createdAt: at, updatedAt: at }))
  )
  const holders = ids.filter((_, i) => holds(i))
  await db.insertMany('quotas', holders.map((openid) => ({ _id: `${openid}:local-reminder`, openid, templateId: 'local-reminder', count: 1, updatedAt: at })))
  return { ids, holders }
}

describe('the 30 June peak', () => {
  test('every owner gets "30 June, today" on 30 June: in-app at most 3 round trips per 100 owners, phone messages a fixed few per batch', async () => {
    const env = localPorts()
    const { holders } = await seed(env.ports, 'o')
    const counted = instrumented(env.ports.db)
    env.clock.set(new Date(JUN30))
    const runs = await chain({ ...env.ports, db: counted.db })

    const obligations = await all<ObligationDoc>(env.ports, 'obligations')
    expect(obligations).toHaveLength(OWNERS)
    expect(obligations.every((o) => o.sentRungs.includes('jun30') && o.nextDueAt === rung('jul01').dueAt && !o.leaseUntil)).toBe(true)
    // in-app: one broadcast, delivered to every owner (no inbox copies)
    const owners = await all<{ _id: string; broadcasts?: string[] }>(env.ports, 'owners')
    expect(owners.every((o) => o.broadcasts?.length === 1 && o.broadcasts[0] === 'annual:2026:jun30:2027-06-30')).toBe(true)
    expect(await env.ports.db.collection('broadcasts').count({})).toBe(1)
    expect(await env.ports.db.collection('inbox').count({})).toBe(0)
    // phone: exactly the owners holding quota, once each
    const sent = (env.ports.push as LocalPush).sent.map((m) => m.key)
    expect(sent.sort()).toEqual(holders.map((h) => `annual:${h}:2026:jun30`).sort())
    expect(await env.ports.db.collection('quotas').count({ count: 0 } as never)).toBe(holders.length)
    expect((await all<PushDoc>(env.ports, 'pushes')).every((p) => p.pushState === 'sent')).toBe(true)
    // still 30 June in China: the last owner got it the same day
    expect(env.clock.now().toISOString() < '2027-06-30T16:00:00.000Z').toBe(true)

    const inApp = counted.sum(['obligations', 'owners', 'broadcasts'])
    const phone = counted.sum(['quotas', 'pushCounts', 'pushes'])
    const per100 = (inApp / OWNERS) * 100
    console.log(
      `peak of ${OWNERS} owners, ${holders.length} with quota, ${runs} run(s): in-app ${inApp} round trips = ${per100.toFixed(2)} per 100 owners; ` +
        `phone ${phone} round trips for ${sent.length} sends = ${(phone / sent.length).toFixed(3)} per message (plus the send); ` +
        `by call: ${JSON.stringify(Object.fromEntries(counted.counts))}`
    )
    // at the cloud's latencies (10 ms a round trip, 20 ms a send, SEND_CONCURRENCY in flight), one
    // after the other: an estimate from these counts, not a measurement (that is the bench's)
    const seconds = ((inApp + phone) * 10 + Math.ceil(sent.length / SEND_CONCURRENCY) * 20) / 1000
    console.log(`estimate: ${seconds.toFixed(2)} s for ${OWNERS} owners, so about ${((seconds * (1_000_000 / OWNERS)) / 60).toFixed(1)} minutes for 1,000,000 owners, within runs of ${SWEEP_BUDGET_MS / 1000} s`)
    expect(per100).toBeLessThanOrEqual(3)
    expect(phone / sent.length).toBeLessThanOrEqual(0.1)
    env.cleanup()
  }, 120_000)

  test('a late run across midnight China time: until 23:59 on 30 June the owner still gets "today"; from 00:00 on 1 July not, and 1 July’s rung follows at 09:00', async () => {
    const env = localPorts()
    const early = await seed(env.ports, 'late-a', 1_200)
    // the run reaches these owners at 23:59:30 on 30 June, China time
    env.clock.set(new Date('2027-06-30T15:59:30Z'))
    await chain(env.ports)
    // these owners are reached only after midnight: 00:00:30 on 1 July
    const late = await seed(env.ports, 'late-b', 1_200)
    env.clock.set(new Date('2027-06-30T16:00:30Z'))
    await chain(env.ports)
    const owners = new Map((await all<{ _id: string; broadcasts?: string[] }>(env.ports, 'owners')).map((o) => [o._id, o.broadcasts ?? []]))
    expect(early.ids.every((id) => owners.get(id)!.join() === 'annual:2026:jun30:2027-06-30')).toBe(true)
    expect(late.ids.every((id) => owners.get(id)!.length === 0)).toBe(true)
    // the phone messages followed the same rule: only the early owners holding quota
    expect((env.ports.push as LocalPush).sent).toHaveLength(early.holders.length)
    // the late owners' schedules say the 30 June reminder passed (已过) and the next is 1 July
    const lateOne = (await env.ports.db.collection<ObligationDoc>('obligations').get(`ar-${late.ids[0]}-2026`))!
    const view = obligationView(lateOne, env.clock.now())
    expect(view.schedule.find((r) => r.id === 'jun30')).toMatchObject({ statusLabel: '已过' })
    expect(view.nextReminder).toBe('2027-07-01')

    env.clock.set(new Date('2027-07-01T01:00:00Z'))
    await chain(env.ports)
    const after = new Map((await all<{ _id: string; broadcasts?: string[] }>(env.ports, 'owners')).map((o) => [o._id, o.broadcasts ?? []]))
    expect(early.ids.every((id) => after.get(id)!.join() === 'annual:2026:jun30:2027-06-30,annual:2026:jul01:2027-07-01')).toBe(true)
    expect(late.ids.every((id) => after.get(id)!.join() === 'annual:2026:jul01:2027-07-01')).toBe(true)
    env.cleanup()
  }, 120_000)
})

describe('exactly once at batch boundaries', () => {
  /**
   * Crash points on the new path: the run dies at the n-th call of one kind, before it or after it
   * took effect; the next timer run (after the leases expire) finishes the work. Every owner then
   * sees the rung exactly once, no phone message goes out twice, and a message is lost only where
   * the at-most-once rule says (claimed for sending, then the crash): it stays visible as 'sending'.
   */
  const points: Array<[string, number, boolean, string]> = [
    ['pushes.addMany', 1, true, 'after a bulk add of phone messages, before they are sent and the items advance'],
    ['pushes.addMany', 2, false, 'before the second page’s bulk add'],
    ['owners.updateWhere', 2, true, 'after the second page is delivered in-app, before its phone messages'],
    ['quotas.updateWhere', 1, true, 'after the quota of a whole batch is taken, before the sends'],
    ['pushCounts.addMany', 1, true, 'after the daily counters are made, before the sends'],
    ['pushes.updateWhere', 1, false, 'after the sends, before they are recorded as sent'],
    ['obligations.updateWhere', 1, true, 'after the first page leased its items, before anything is delivered'],
    ['obligations.updateWhere', 2, false, 'after the first page delivered everything, before it records the rung on its items'],
    ['broadcasts.add', 1, true, 'after the broadcast is written, before anyone is told']
  ]
  test.each(points)('a crash at %s #%d (after: %s): %s', async (at, nth, after) => {
    const env = localPorts()
    const { ids, holders } = await seed(env.ports, 'f')
    const faulty = instrumented(env.ports.db)
    const ports: Ports = { ...env.ports, db: faulty.db, log: { ...env.ports.log, error: () => undefined } }
    env.clock.set(new Date(JUN30))
    faulty.crashAt(at, nth, after)
    await chain(ports).catch(() => undefined)
    expect(faulty.counts.get(at)).toBeGreaterThanOrEqual(nth)
    // the next timer run, once the crashed run's leases (2 minutes) have expired
    env.clock.set(new Date(Date.parse(JUN30) + 3 * 60_000))
    await chain(ports)

    const owners = await all<{ _id: string; broadcasts?: string[] }>(env.ports, 'owners')
    expect(owners.map((o) => o.broadcasts)).toEqual(ids.map(() => ['annual:2026:jun30:2027-06-30']))
    const obligations = await all<ObligationDoc>(env.ports, 'obligations')
    expect(obligations.every((o) => o.sentRungs.filter((r) => r === 'jun30').length === 1 && o.nextDueAt === rung('jul01').dueAt)).toBe(true)
    const sent = (env.ports.push as LocalPush).sent.map((m) => m.key)
    expect(new Set(sent).size).toBe(sent.length)
    const pushes = await all<PushDoc>(env.ports, 'pushes')
    // one phone record per holder, never two
    expect(pushes.map((p) => p._id).sort()).toEqual(holders.map((h) => `annual:${h}:2026:jun30`).sort())
    // every holder's message was sent, or claimed and then cut off by the crash (left 'sending')
    const lost = pushes.filter((p) => p.pushState === 'sending')
    expect(new Set([...sent, ...lost.map((p) => p._id)]).size).toBe(holders.length)
    // at most one batch is lost, and only where a crash came between the claim and the send
    expect(lost.length).toBeLessThanOrEqual(1000)
    if (['owners.updateWhere', 'obligations.updateWhere'].includes(at) || (at === 'pushes.addMany' && !after)) expect(lost).toHaveLength(0)
    // sent but not recorded: nothing lost, only the record says 'sending'
    if (at === 'pushes.updateWhere') expect(sent).toHaveLength(holders.length)
    env.cleanup()
  }, 120_000)

  test('two runs at once over several pages: every owner once, every phone message once, none lost', async () => {
    const env = localPorts()
    const { ids, holders } = await seed(env.ports, 'two')
    env.clock.set(new Date(JUN30))
    await Promise.all([runSweeps(SWEEPS, env.ports, 60_000), runSweeps(SWEEPS, env.ports, 60_000), runSweeps(SWEEPS, env.ports, 60_000)])
    const owners = await all<{ _id: string; broadcasts?: string[] }>(env.ports, 'owners')
    expect(owners.map((o) => o.broadcasts)).toEqual(ids.map(() => ['annual:2026:jun30:2027-06-30']))
    const sent = (env.ports.push as LocalPush).sent.map((m) => m.key)
    expect(sent.sort()).toEqual(holders.map((h) => `annual:${h}:2026:jun30`).sort())
    expect((await all<InboxDoc>(env.ports, 'pushes')).every((p) => p.pushState === 'sent')).toBe(true)
    env.cleanup()
  }, 120_000)
})
