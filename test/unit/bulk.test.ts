import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalDb } from '../../cloudfunctions/common/adapters/local/db'
import { cloudRelaunch, RELAUNCH_TRIGGER } from '../../cloudfunctions/common/adapters/cloud/ports'
import type { WxCloud } from '../../cloudfunctions/common/adapters/cloud/sdk'
import { claimWhere, insertMany, newToken, pool, rounds } from '../../cloudfunctions/common/bulk'
import { cmd, patch } from '../../cloudfunctions/common/ports'
import { memoryLogger } from '../helpers/cloud'

interface Doc {
  _id: string
  n: number
  claim?: string
}

describe('batches: what a bulk write did, told apart from what others did', () => {
  let dir: string
  let db: LocalDb
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'getihu-bulk-'))
    db = new LocalDb(dir)
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))
  const now = new Date('2027-06-30T01:00:00Z')

  test('insertMany: a document an earlier run wrote is not ours; everything else is written and ours', async () => {
    const c = db.collection<Doc>('items')
    await c.add({ _id: 'k5', n: 0, claim: 'crashed-run' })
    const docs = Array.from({ length: 10 }, (_, i) => ({ _id: `k${i}`, n: i }))
    const token = newToken(now)
    const ours = await insertMany(c, docs, token)
    // the adapter wrote k0–k4 before the clash; the read-back finds them ours and writes k6–k9
    expect([...ours].sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k6', 'k7', 'k8', 'k9'])
    expect(await c.count({ claim: token })).toBe(9)
    expect((await c.get('k5'))!.claim).toBe('crashed-run')
    // without a token an existing document simply counts as there (idempotent inserts)
    expect((await insertMany(c, [{ _id: 'k0', n: 9 }, { _id: 'k10', n: 10 }])).has('k10')).toBe(true)
    expect((await c.get('k0'))!.n).toBe(0)
  })

  test('two runs inserting the same keys at once: each key is one run’s, never both, never neither', async () => {
    const c = db.collection<Doc>('items')
    const docs = Array.from({ length: 300 }, (_, i) => ({ _id: `k${String(i).padStart(3, '0')}`, n: i }))
    const [a, b] = await Promise.all([insertMany(c, docs, newToken(now)), insertMany(c, [...docs].reverse(), newToken(now))])
    expect(a.size + b.size).toBe(300)
    expect([...a].filter((k) => b.has(k))).toEqual([])
    expect(await c.count({})).toBe(300)
  })

  test('claimWhere: a conditional update of many, answering exactly the ones it changed', async () => {
    const c = db.collection<Doc>('quotas')
    await c.addMany([{ _id: 'q1', n: 1 }, { _id: 'q2', n: 0 }, { _id: 'q3', n: 2 }])
    const took = await claimWhere(c, ['q1', 'q2', 'q3', 'q4'], { n: cmd.gt(0) }, { n: patch.inc(-1) }, newToken(now))
    expect([...took].sort()).toEqual(['q1', 'q3'])
    expect((await c.find({}, { orderBy: [['_id', 'asc']] })).map((d) => d.n)).toEqual([0, 0, 1])
    // all of them changed: no read-back needed, all are ours
    expect([...(await claimWhere(c, ['q3'], { n: cmd.gt(0) }, { n: patch.inc(-1) }, newToken(now)))]).toEqual(['q3'])
    expect((await claimWhere(c, ['q1', 'q3'], { n: cmd.gt(0) }, { n: patch.inc(-1) }, newToken(now))).size).toBe(0)
  })

  test('pool: never more than its size in flight, every item once, results in order', async () => {
    let inFlight = 0
    let most = 0
    const out = await pool(Array.from({ length: 57 }, (_, i) => i), 20, async (i) => {
      most = Math.max(most, ++inFlight)
      await new Promise((r) => setImmediate(r))
      inFlight--
      return i * 2
    })
    expect(most).toBe(20)
    expect(out).toEqual(Array.from({ length: 57 }, (_, i) => i * 2))
  })

  test('rounds: an owner with two messages in one batch has the second in a later round', () => {
    const r = rounds(['a1', 'b1', 'a2', 'c1', 'a3', 'b2'], (s) => s[0])
    expect(r).toEqual([['a1', 'b1', 'c1'], ['a2', 'b2'], ['a3']])
  })
})

describe('the scheduler starting its next run in the cloud', () => {
  test('callFunction with a timer event; the run waits only until the call is on its way', async () => {
    const calls: unknown[] = []
    const cloud = { callFunction: (o: unknown) => (calls.push(o), new Promise(() => undefined)) } as unknown as WxCloud
    const { log, errors } = memoryLogger()
    await cloudRelaunch(cloud, log, 5)('scheduler')
    expect(calls).toEqual([{ name: 'scheduler', data: { Type: 'Timer', TriggerName: RELAUNCH_TRIGGER, Time: expect.any(String) } }])
    expect(errors).toEqual([])
  })

  test('a failed call is logged (the 5-minute timer takes over), never thrown', async () => {
    const cloud = { callFunction: async () => Promise.reject(Object.assign(new Error('FUNCTIONS_EXECUTE_FAIL'), { errCode: -504002 })) } as unknown as WxCloud
    const { log, errors } = memoryLogger()
    await cloudRelaunch(cloud, log, 50)('scheduler')
    expect(errors.join()).toContain('relaunch failed')
  })
})
