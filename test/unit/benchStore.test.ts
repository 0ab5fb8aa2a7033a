import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalDb, toNedbQuery } from '../../cloudfunctions/common/adapters/local/db'
import { cmd, type FindOptions, type Where } from '../../cloudfunctions/common/ports'
import { candidateIndex, fastEqualKeyRemoval, benchStore } from '../../scripts/bench-store'

/** The bench's quicker page query must answer exactly as the local store does. */
describe('bench store: index-ordered pages', () => {
  let dir: string
  let local: LocalDb
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'getihu-benchstore-'))
    local = new LocalDb(dir)
    const docs = []
    for (let i = 0; i < 3000; i++) {
      // many ties on nextDueAt, some nulls, leases on a few
      const due = i % 7 === 0 ? null : `2026-06-${String(10 + (i % 13)).padStart(2, '0')}T01:00:00.000Z`
      docs.push({ _id: `ar-o${String((i * 7919) % 3000).padStart(5, '0')}`, openid: `o${i}`, nextDueAt: due, leaseUntil: i % 11 === 0 ? '2026-06-30T02:00:00.000Z' : '', sentRungs: [] })
    }
    await local.insertMany('obligations', docs)
    // a later update moves a document to the end of its tie
    await local.collection('obligations').update('ar-o00001', { nextDueAt: '2026-06-12T01:00:00.000Z' })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  // [name, where, options, walks the index]
  const cases: Array<[string, Where, FindOptions, boolean]> = [
    ['due, by nextDueAt', { nextDueAt: cmd.lte('2026-06-15T01:00:00.000Z'), leaseUntil: cmd.lt('2026-06-30T01:00:00.000Z') }, { orderBy: [['nextDueAt', 'asc']], limit: 100 }, true],
    ['due, descending, skip', { nextDueAt: cmd.gte('2026-06-12T01:00:00.000Z') }, { orderBy: [['nextDueAt', 'desc']], limit: 50, skip: 30 }, true],
    ['after a cursor, by _id', { _id: cmd.gt('ar-o01000'), leaseUntil: '' }, { orderBy: [['_id', 'asc']], limit: 1000 }, true],
    ['everything by _id', {}, { orderBy: [['_id', 'desc']], limit: 20 }, true],
    ['ordered by another field (left to NeDB)', { nextDueAt: cmd.lte('2026-06-15T01:00:00.000Z') }, { orderBy: [['_id', 'asc']], limit: 30 }, false],
    ['exact match (left to NeDB)', { openid: 'o5', nextDueAt: cmd.lte('2026-07-01') }, { orderBy: [['nextDueAt', 'asc']] }, false]
  ]
  test.each(cases)('%s', async (_name, where, options, walks) => {
    let walked = 0
    const fast = benchStore(local, { onWalk: () => walked++ })
    const expected = await local.collection('obligations').find(where, options)
    const got = await fast.collection('obligations').find(where, options)
    expect(got.map((d) => d._id)).toEqual(expected.map((d) => d._id))
    expect(got).toEqual(expected)
    expect(walked).toBe(walks ? 1 : 0)
  })

  test('takes the index only where NeDB itself would', () => {
    const names = ['_id', 'nextDueAt', 'openid', 'openid,createdAt']
    expect(candidateIndex(toNedbQuery({ nextDueAt: cmd.lte('x'), leaseUntil: cmd.lt('y') }), names)).toBe('nextDueAt')
    expect(candidateIndex(toNedbQuery({ openid: 'o1', nextDueAt: cmd.lte('x') }), names)).toBeNull()
    expect(candidateIndex(toNedbQuery({ openid: cmd.in(['a']) }), names)).toBeNull()
    expect(candidateIndex(toNedbQuery({ leaseUntil: '' }), names)).toBe('_all')
  })

  test('a where naming one _id answers as the local store does, and finds it by _id', async () => {
    const fast = benchStore(local)
    const where = { _id: 'ar-o00001', nextDueAt: '2026-06-12T01:00:00.000Z', leaseUntil: cmd.lt('2026-06-30T01:00:00.000Z') }
    expect(await fast.collection('obligations').count(where)).toBe(1)
    expect(await fast.collection('obligations').find(where)).toEqual(await local.collection('obligations').find(where))
    expect(await fast.collection('obligations').updateWhere({ ...where, nextDueAt: 'nope' }, { leaseUntil: 'x' })).toBe(0)
    expect(candidateIndex(toNedbQuery({ nextDueAt: 'a', _id: 'b' }), ['_id', 'nextDueAt'])).toBeNull()
  })

  test('other methods are the local store’s own', async () => {
    const fast = benchStore(local)
    expect(await fast.collection('obligations').count({ leaseUntil: '' })).toBe(await local.collection('obligations').count({ leaseUntil: '' }))
    expect(await fast.collection('obligations').get('ar-o00001')).toEqual(await local.collection('obligations').get('ar-o00001'))
  })
})

describe('bench store: removing one of many documents that share an index key', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

  // fewer than a query's 1,000, so each query below returns every match (their order among equal
  // keys may differ, which is the point)
  const N = 900
  /** the same writes on a fresh store: many items share nextDueAt, then leases, moves and removals */
  async function play() {
    const dir = mkdtempSync(join(tmpdir(), 'getihu-equalkeys-'))
    dirs.push(dir)
    const db = new LocalDb(dir)
    const due = '2026-06-30T01:00:00.000Z'
    await db.insertMany('obligations', Array.from({ length: N }, (_, i) => ({ _id: `ar-${i}`, openid: `o${i}`, nextDueAt: due, leaseUntil: '', n: i })))
    const c = db.collection<{ _id: string; nextDueAt: string | null; leaseUntil: string; n: number }>('obligations')
    for (let i = 0; i < N; i += 3) {
      await c.updateWhere({ _id: `ar-${i}`, leaseUntil: '' }, { leaseUntil: '2026-06-30T01:02:00.000Z' })
      if (i % 2) await c.update(`ar-${i}`, { nextDueAt: '2026-07-01T01:00:00.000Z', leaseUntil: '' })
      if (i % 7 === 0) await c.remove(`ar-${i}`)
    }
    await c.add({ _id: 'late', nextDueAt: due, leaseUntil: '', n: -1 })
    const sorted = async (w: Where) => (await c.find(w, { limit: 1000, orderBy: [['nextDueAt', 'asc']] })).map((d) => d._id).sort()
    return {
      due: await sorted({ nextDueAt: cmd.lte(due) }),
      later: await sorted({ nextDueAt: cmd.gt(due) }),
      leased: await sorted({ nextDueAt: due, leaseUntil: cmd.neq('') }),
      count: await c.count({ nextDueAt: due }),
      total: await c.count({})
    }
  }

  test('queries answer the same documents as the unpatched store', async () => {
    const plain = await play()
    const patch = fastEqualKeyRemoval()
    let fast
    try {
      fast = await play()
    } finally {
      patch.undo()
    }
    expect(fast).toEqual(plain)
    expect(patch.fast()).toBeGreaterThan(100)
    expect(plain.count).toBeGreaterThan(64)
    expect(plain.total).toBe(N - Math.ceil(N / 21) + 1)
  })
})
