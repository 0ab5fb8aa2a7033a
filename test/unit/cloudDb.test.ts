import { CloudDb } from '../../cloudfunctions/common/adapters/cloud/db'
import { CloudStorage } from '../../cloudfunctions/common/adapters/cloud/ports'
import type { CloudAggregate, CloudCollection, CloudDatabase, WxCloud } from '../../cloudfunctions/common/adapters/cloud/sdk'
import { DuplicateKeyError } from '../../cloudfunctions/common/errors'
import { cmd, patch } from '../../cloudfunctions/common/ports'

/**
 * A recording stand-in for wx-server-sdk's database (the real one cannot run offline): it checks
 * that the cloud adapter speaks the SDK's vocabulary for each of our portable commands.
 */
function fakeCloud() {
  const log: unknown[][] = []
  const ops = (kind: string) => new Proxy({}, { get: (_t, op: string) => (...args: unknown[]) => ({ [kind]: op, args }) })
  const command = new Proxy({}, { get: (_t, op: string) => (op === 'aggregate' ? ops('agg') : (...args: unknown[]) => ({ cmd: op, args })) }) as CloudDatabase['command']
  let aggregateList: Record<string, unknown>[] = []
  const aggregate = (): CloudAggregate => {
    const a: CloudAggregate = {
      match: (w) => (log.push(['match', w]), a),
      unwind: (f) => (log.push(['unwind', f]), a),
      group: (g) => (log.push(['group', g]), a),
      count: (f) => (log.push(['count', f]), a),
      limit: (n) => (log.push(['limit', n]), a),
      end: async () => ({ list: aggregateList })
    }
    return a
  }
  let addError: unknown = null
  let createError: unknown = null
  const query = (): CloudCollection => {
    const q: CloudCollection = {
      where: (w) => (log.push(['where', w]), q),
      orderBy: (f, d) => (log.push(['orderBy', f, d]), q),
      skip: (n) => (log.push(['skip', n]), q),
      limit: (n) => (log.push(['limit', n]), q),
      field: (f) => (log.push(['field', f]), q),
      get: async () => ({ data: [{ _id: 'a' }] }),
      count: async () => ({ total: 7 }),
      aggregate,
      update: async (o) => (log.push(['updateWhere', o.data]), { stats: { updated: 3 } }),
      add: async (o) => {
        if (addError) throw addError
        log.push(['add', o.data])
        return Array.isArray(o.data) ? { _ids: o.data.map((d, i) => String(d._id ?? `new-${i}`)) } : { _id: 'new-id' }
      },
      doc: (id) => ({
        set: async (o) => log.push(['set', id, o.data]),
        update: async (o) => (log.push(['update', id, o.data]), { stats: { updated: 1 } }),
        remove: async () => (log.push(['remove', id]), { stats: { removed: 0 } })
      })
    }
    return q
  }
  const createCollection = async (name: string) => {
    if (createError) throw createError
    log.push(['createCollection', name])
    return { errMsg: 'collection.create:ok' }
  }
  const db: CloudDatabase = { command, collection: () => query(), RegExp: (o) => ({ regexp: o }), createCollection }
  return { db, log, answerAggregate: (l: Record<string, unknown>[]) => (aggregateList = l), failAdd: (e: unknown) => (addError = e), failCreate: (e: unknown) => (createError = e) }
}

describe('cloud database adapter', () => {
  test('countGroups is one aggregate: match, unwind, group with $.sum, an explicit limit; keys mapped back', async () => {
    const f = fakeCloud()
    const db = new CloudDb(f.db)
    f.answerAggregate([{ _id: { k0: 'finance', k1: '330302' }, count: 3, s0: 7.5 }, { _id: { k0: null }, count: 1 }])
    const rows = await db.collection('visits').countGroups({ month: '2026-11', region: cmd.prefix('3303') }, { by: ['needs', 'profile.region'], unwind: 'needs', sum: ['days'] })
    expect(rows).toEqual([
      { key: { needs: 'finance', 'profile.region': '330302' }, count: 3, sums: { days: 7.5 } },
      { key: { needs: null, 'profile.region': null }, count: 1, sums: { days: 0 } }
    ])
    expect(f.log).toEqual([
      ['match', { month: '2026-11', region: { regexp: { regexp: '^3303', options: '' } } }],
      ['unwind', '$needs'],
      ['group', { _id: { k0: '$needs', k1: '$profile.region' }, count: { agg: 'sum', args: [1] }, s0: { agg: 'sum', args: ['$days'] } }],
      // the cloud's aggregate answers 20 records unless told
      ['limit', 1000]
    ])
  })

  test('countDistinct groups by the fields and counts the groups in the same request', async () => {
    const f = fakeCloud()
    const db = new CloudDb(f.db)
    f.answerAggregate([{ n: 42 }])
    expect(await db.collection('visits').countDistinct({ month: '2026-11' }, ['creditCode', 'stallId'])).toBe(42)
    expect(f.log).toEqual([['match', { month: '2026-11' }], ['group', { _id: { k0: '$creditCode', k1: '$stallId' } }], ['count', 'n']])
    f.answerAggregate([])
    expect(await db.collection('visits').countDistinct({ month: '2026-12' }, ['creditCode'])).toBe(0)
  })

  test('createCollection: true when made, false when the service says it exists, other errors thrown', async () => {
    const f = fakeCloud()
    const db = new CloudDb(f.db)
    expect(await db.createCollection('stalls')).toBe(true)
    expect(f.log).toEqual([['createCollection', 'stalls']])
    // the message the cloud database answers for an existing collection
    f.failCreate({ errCode: -501001, errMsg: 'createCollection:fail -501001 resource system error. [ResourceUnavailable.ResourceExist] Table exist. DATABASE_COLLECTION_ALREADY_EXIST' })
    expect(await db.createCollection('stalls')).toBe(false)
    // the same code without those words is a real failure and must not read as "exists"
    f.failCreate({ errCode: -501001, errMsg: 'createCollection:fail -501001 resource system error' })
    await expect(db.createCollection('stalls')).rejects.toMatchObject({ errCode: -501001 })
  })

  test('where clauses use db.command; prefix uses an escaped db.RegExp', async () => {
    const f = fakeCloud()
    const c = new CloudDb(f.db).collection('stalls')
    await c.find({ marketId: 'm1', n: cmd.gte(3), code: cmd.in(['A', 'B']), region: cmd.prefix('温州.市') }, { orderBy: [['number', 'asc']], limit: 5000, skip: 10 })
    expect(f.log).toEqual([
      ['where', { marketId: 'm1', n: { cmd: 'gte', args: [3] }, code: { cmd: 'in', args: [['A', 'B']] }, region: { regexp: { regexp: '^温州\\.市', options: '' } } }],
      ['orderBy', 'number', 'asc'],
      ['skip', 10],
      ['limit', 1000]
    ])
  })

  test('get never uses doc().get(), which throws on a missing document', async () => {
    const f = fakeCloud()
    expect(await new CloudDb(f.db).collection('owners').get('o1')).toEqual({ _id: 'a' })
    expect(f.log).toEqual([['where', { _id: 'o1' }], ['limit', 1]])
  })

  test('patches use inc and remove; set drops _id from data', async () => {
    const f = fakeCloud()
    const c = new CloudDb(f.db).collection('owners')
    expect(await c.update('o1', { n: patch.inc(2), note: patch.remove(), name: 'x' })).toBe(true)
    await c.set('o1', { _id: 'o1', name: 'y' } as never)
    expect(await c.updateWhere({ status: 'pending' }, { status: 'done' })).toBe(3)
    expect(await c.remove('o1')).toBe(false)
    expect(f.log).toEqual([
      ['update', 'o1', { n: { cmd: 'inc', args: [2] }, note: { cmd: 'remove', args: [] }, name: 'x' }],
      ['set', 'o1', { name: 'y' }],
      ['where', { status: 'pending' }],
      ['updateWhere', { status: 'done' }],
      ['remove', 'o1']
    ])
  })

  test('addMany sends the array as one add (wx-server-sdk 3), answering its ids; addToSet uses $each; fields become field()', async () => {
    const f = fakeCloud()
    const c = new CloudDb(f.db).collection('pushes')
    expect(await c.addMany([{ _id: 'p1' }, { _id: 'p2' }] as never)).toEqual(['p1', 'p2'])
    expect(await c.addMany([])).toEqual([])
    await c.updateWhere({ _id: cmd.in(['o1', 'o2']) }, { broadcasts: patch.addToSet(['annual:2026:jun30:2027-06-30']) })
    await c.find({ _id: cmd.in(['o1']) }, { fields: ['notify', 'broadcasts'] })
    expect(f.log).toEqual([
      ['add', [{ _id: 'p1' }, { _id: 'p2' }]],
      ['where', { _id: { cmd: 'in', args: [['o1', 'o2']] } }],
      ['updateWhere', { broadcasts: { cmd: 'addToSet', args: [{ $each: ['annual:2026:jun30:2027-06-30'] }] } }],
      ['where', { _id: { cmd: 'in', args: [['o1']] } }],
      ['limit', 100],
      ['field', { notify: true, broadcasts: true }]
    ])
    // a duplicate anywhere in the batch: the whole call fails and says nothing of what was written
    f.failAdd({ errCode: -502001, message: 'duplicate key' })
    await expect(c.addMany([{ _id: 'p3' }] as never)).rejects.toBeInstanceOf(DuplicateKeyError)
    await expect(c.addMany(Array.from({ length: 1001 }, (_, i) => ({ _id: `x${i}` })) as never)).rejects.toThrow('at most 1000')
  })

  test('a duplicate key from the cloud becomes DuplicateKeyError; other errors pass through', async () => {
    const f = fakeCloud()
    const c = new CloudDb(f.db).collection('requests')
    f.failAdd({ errCode: -502001, message: 'duplicate key' })
    await expect(c.add({ _id: 'k' } as never)).rejects.toBeInstanceOf(DuplicateKeyError)
    f.failAdd(new Error('network'))
    await expect(c.add({ _id: 'k' } as never)).rejects.toThrow('network')
  })
})

describe('cloud storage adapter', () => {
  test('remove: deleteFile in batches of 50; deleted or already missing files are gone, a refused one stays', async () => {
    const calls: string[][] = []
    const cloud = {
      deleteFile: async ({ fileList }: { fileList: string[] }) => {
        calls.push(fileList)
        // WeChat answers per file: one refused, one already missing
        const answer = (fileID: string) =>
          fileID === 'f-7' ? { status: -1, errMsg: 'STORAGE_EXCEED_AUTHORITY' } : fileID === 'f-8' ? { status: -1, errMsg: 'STORAGE_FILE_NONEXIST' } : { status: 0, errMsg: 'ok' }
        return { fileList: fileList.map((fileID) => ({ fileID, ...answer(fileID) })) }
      }
    } as unknown as WxCloud
    const ids = Array.from({ length: 120 }, (_, i) => `f-${i}`)
    const gone = await new CloudStorage(cloud).remove(ids)
    expect(calls.map((c) => c.length)).toEqual([50, 50, 20])
    expect(gone).toHaveLength(119)
    expect(gone).not.toContain('f-7')
    expect(gone).toContain('f-8')
  })

  test('download: downloadFile’s bytes; a missing file is null, any other failure is thrown; pathOf reads a cloud fileID', async () => {
    const cloud = {
      getWXContext: () => ({ ENV: 'prod-1a2b' }),
      downloadFile: async ({ fileID }: { fileID: string }) => {
        if (fileID.endsWith('gone.jpg')) throw Object.assign(new Error('downloadFile:fail -503003 STORAGE_FILE_NONEXIST'), { errCode: -503003 })
        if (fileID.endsWith('busy.jpg')) throw Object.assign(new Error('downloadFile:fail -501001 system error'), { errCode: -501001 })
        return { fileContent: Buffer.from([0xff, 0xd8, 0xff]) }
      }
    } as unknown as WxCloud
    const storage = new CloudStorage(cloud)
    const id = 'cloud://prod-1a2b.7072-prod-1a2b-1300000000/complaint-uploads/abc/def.jpg'
    expect(Array.from((await storage.download(id))!)).toEqual([0xff, 0xd8, 0xff])
    expect(await storage.download(id.replace('def.jpg', 'gone.jpg'))).toBeNull()
    await expect(storage.download(id.replace('def.jpg', 'busy.jpg'))).rejects.toThrow('system error')
    expect(storage.pathOf(id)).toBe('complaint-uploads/abc/def.jpg')
    expect(storage.pathOf('local:complaint-uploads/abc/def.jpg')).toBeNull()
    // the same path in someone else's environment is not ours
    expect(storage.pathOf('cloud://their-env.7072-their-env-1300000001/complaint-uploads/abc/def.jpg')).toBeNull()
  })
})
