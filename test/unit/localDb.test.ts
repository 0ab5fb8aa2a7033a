import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalDb } from '../../cloudfunctions/common/adapters/local/db'
import { DuplicateKeyError } from '../../cloudfunctions/common/errors'
import { cmd, patch } from '../../cloudfunctions/common/ports'

interface Item {
  _id: string
  n: number
  tag: string
  note?: string
}

describe('local database (NeDB under DATA_DIR)', () => {
  let dir: string
  let db: LocalDb
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'getihu-db-'))
    db = new LocalDb(dir)
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const seed = async () => {
    const items = db.collection<Item>('items')
    for (let n = 1; n <= 5; n++) await items.add({ _id: `i${n}`, n, tag: n % 2 ? 'odd' : 'even' })
    return items
  }

  test('commands mirror the cloud database', async () => {
    const items = await seed()
    const ids = async (w: Parameters<typeof items.find>[0]) => (await items.find(w, { orderBy: [['n', 'asc']] })).map((d) => d._id)
    expect(await ids({ n: cmd.gt(3) })).toEqual(['i4', 'i5'])
    expect(await ids({ n: cmd.lte(2) })).toEqual(['i1', 'i2'])
    expect(await ids({ n: cmd.in([1, 5]) })).toEqual(['i1', 'i5'])
    expect(await ids({ n: cmd.nin([1, 5]) })).toEqual(['i2', 'i3', 'i4'])
    expect(await ids({ tag: cmd.neq('odd') })).toEqual(['i2', 'i4'])
    expect(await ids({ tag: 'odd', n: cmd.gte(3) })).toEqual(['i3', 'i5'])
    expect(await items.count({ tag: 'even' })).toBe(2)
  })

  test('order, skip and limit page through results; limit is capped at 1000', async () => {
    const items = await seed()
    const page = await items.find({}, { orderBy: [['n', 'desc']], skip: 1, limit: 2 })
    expect(page.map((d) => d.n)).toEqual([4, 3])
    expect((await items.find({}, { limit: 5000 })).length).toBe(5)
  })

  test('prefix takes the text literally: regex characters match only themselves', async () => {
    const places = db.collection<{ _id: string; region: string }>('places')
    await places.add({ region: '浙江省温州市鹿城区' })
    await places.add({ region: '浙江省温州市瓯海区' })
    await places.add({ region: '.*' })
    expect((await places.find({ region: cmd.prefix('浙江省温州市鹿城') })).length).toBe(1)
    expect((await places.find({ region: cmd.prefix('.*') })).map((p) => p.region)).toEqual(['.*'])
    expect((await places.find({ region: cmd.prefix('(') })).length).toBe(0)
  })

  test('an object where a value belongs is refused, so user text can never become an operator', async () => {
    const items = await seed()
    await expect(items.find({ tag: { $ne: 'x' } as never })).rejects.toThrow()
    await expect(items.find({ $where: 'x' } as never)).rejects.toThrow()
  })

  test('update, inc, remove field, updateWhere counts', async () => {
    const items = await seed()
    expect(await items.update('i1', { note: 'hi', n: patch.inc(10) })).toBe(true)
    expect(await items.get('i1')).toEqual({ _id: 'i1', n: 11, tag: 'odd', note: 'hi' })
    expect(await items.update('i1', { note: patch.remove() })).toBe(true)
    expect((await items.get('i1'))!.note).toBeUndefined()
    expect(await items.update('missing', { note: 'x' })).toBe(false)
    expect(await items.updateWhere({ tag: 'even' }, { note: 'e' })).toBe(2)
  })

  test('a taken _id or unique index raises DuplicateKeyError', async () => {
    const items = await seed()
    await expect(items.add({ _id: 'i1', n: 9, tag: 'x' })).rejects.toBeInstanceOf(DuplicateKeyError)
    const stalls = db.collection('stalls')
    await stalls.add({ code: 'ABC234', marketId: 'm', number: 'A-01' } as never)
    await expect(stalls.add({ code: 'ABC234', marketId: 'm', number: 'A-02' } as never)).rejects.toBeInstanceOf(DuplicateKeyError)
    await expect(stalls.add({ code: 'XYZ234', marketId: 'm', number: 'A-01' } as never)).rejects.toBeInstanceOf(DuplicateKeyError)
  })

  test('addMany: one batch; on a duplicate, what came before it is written and the rest is not (an ordered insert)', async () => {
    const items = await seed()
    expect(await items.addMany([{ _id: 'a1', n: 1, tag: 'x' }, { _id: 'a2', n: 2, tag: 'x' }])).toEqual(['a1', 'a2'])
    // i3 is taken: b1 goes in, b2 after the clash does not (the cloud promises no more than this)
    await expect(items.addMany([{ _id: 'b1', n: 1, tag: 'y' }, { _id: 'i3', n: 3, tag: 'y' }, { _id: 'b2', n: 2, tag: 'y' }])).rejects.toBeInstanceOf(DuplicateKeyError)
    expect((await items.find({ tag: 'y' })).map((d) => d._id)).toEqual(['b1'])
    expect((await items.get('i3'))!.tag).toBe('odd')
    // two equal ids inside one batch clash too
    await expect(items.addMany([{ _id: 'c1', n: 1, tag: 'z' }, { _id: 'c1', n: 2, tag: 'z' }])).rejects.toBeInstanceOf(DuplicateKeyError)
    expect(await items.count({ tag: 'z' })).toBe(1)
    expect(await items.addMany([])).toEqual([])
    await expect(items.addMany(Array.from({ length: 1001 }, (_, i) => ({ _id: `many-${i}`, n: i, tag: 'm' })))).rejects.toThrow('at most 1000')
  })

  test('addToSet adds each value once; fields limits what a find returns', async () => {
    const items = await seed()
    expect(await items.updateWhere({ _id: cmd.in(['i1', 'i2']) }, { seen: patch.addToSet(['a', 'b']) })).toBe(2)
    await items.update('i1', { seen: patch.addToSet(['b', 'c']) })
    expect((await items.get('i1')) as unknown).toMatchObject({ seen: ['a', 'b', 'c'] })
    expect((await items.get('i2')) as unknown).toMatchObject({ seen: ['a', 'b'] })
    expect(await items.find({ _id: 'i1' }, { fields: ['tag'] })).toEqual([{ _id: 'i1', tag: 'odd' }])
  })

  test('documents returned are copies: changing one does not change the store', async () => {
    const items = await seed()
    const a = (await items.get('i1'))!
    a.n = 999
    expect((await items.get('i1'))!.n).toBe(1)
  })

  test('what was written is there after reopening the folder', async () => {
    const items = await seed()
    await items.update('i2', { note: 'kept' })
    await items.remove('i3')
    const again = new LocalDb(dir).collection<Item>('items')
    expect((await again.get('i2'))!.note).toBe('kept')
    expect(await again.get('i3')).toBeNull()
    expect(await again.count({})).toBe(4)
  })
})
