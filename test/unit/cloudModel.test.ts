import type { Collection, Db, Doc, FindOptions, Push } from '../../cloudfunctions/common/ports'
import { CLOUD, CloudModel, isPhoneCall, VirtualClock } from '../../scripts/cloud-model'

/** A store that answers at once and remembers what it was asked (the model adds the latency). */
function fakeDb(docsPerFind = 5000) {
  const asked: FindOptions[] = []
  const added: string[] = []
  const collection = <T extends Doc>(): Collection<T> =>
    ({
      get: async (id: string) => ({ _id: id }) as T,
      add: async (d: { _id?: string }) => {
        added.push(d._id ?? String(added.length))
        return d._id ?? String(added.length)
      },
      addMany: async (ds: Array<{ _id?: string }>) => ds.map((d) => {
        added.push(d._id ?? String(added.length))
        return d._id ?? String(added.length)
      }),
      set: async () => undefined,
      update: async () => true,
      updateWhere: async () => 1,
      remove: async () => true,
      countGroups: async () => [],
      countDistinct: async () => 0,
      // ignores the limit on purpose: the model must cap what a query hands back
      find: async (_w: unknown, o: FindOptions = {}) => {
        asked.push(o)
        return Array.from({ length: docsPerFind }, (_, i) => ({ _id: `d${i}` }) as T)
      },
      count: async () => docsPerFind
    }) as Collection<T>
  const db: Db = { collection, createCollection: async () => true }
  return { db, asked, added }
}

const push: Push = { send: async () => ({ ok: true }) }
const START = Date.parse('2026-06-30T01:00:00Z')

function setup() {
  const clock = new VirtualClock(START)
  const model = new CloudModel(clock)
  const inner = fakeDb()
  return { clock, model, inner, db: model.db(inner.db), push: model.push(push) }
}

describe('cloud model: virtual time along concurrent lanes', () => {
  test('calls one after another cost the sum of their round trips', async () => {
    const { clock, db } = setup()
    const c = db.collection('items')
    await c.get('a')
    await c.update('a', { n: 1 })
    await c.get('a')
    expect(clock.now() - START).toBe(3 * CLOUD.roundTripMs)
  })

  test('a group-count (the cloud\'s aggregate) is one read round trip, like a count', async () => {
    const { clock, db, model } = setup()
    const c = db.collection('owners')
    await c.countGroups({}, { by: ['classType'] })
    await c.countDistinct({}, ['creditCode'])
    await c.count({})
    expect(clock.now() - START).toBe(3 * CLOUD.roundTripMs)
    expect(model.trips).toBe(3)
    expect(model.writes).toBe(0)
  })

  test('Promise.all lanes cost the longest lane, not the sum', async () => {
    const { clock, db, push: p } = setup()
    const c = db.collection('items')
    const lane = async (calls: number) => {
      for (let i = 0; i < calls; i++) await c.get(`x${i}`)
    }
    await Promise.all([lane(3), lane(5), lane(1)])
    expect(clock.now() - START).toBe(5 * CLOUD.roundTripMs)

    // ten sends at once: one send's time; a pool of four over ten: three rounds
    const t0 = clock.now()
    const msg = { openid: 'o1', templateId: 't', page: null, data: {}, key: 'k' }
    await Promise.all(Array.from({ length: 10 }, () => p.send(msg)))
    expect(clock.now() - t0).toBe(CLOUD.sendMs)
    const t1 = clock.now()
    let next = 0
    const worker = async () => {
      while (next < 10) {
        next++
        await p.send(msg)
      }
    }
    await Promise.all(Array.from({ length: 4 }, worker))
    expect(clock.now() - t1).toBe(3 * CLOUD.sendMs)
  })

  test('lanes that start at different times end at their own times', async () => {
    const { clock, db } = setup()
    const c = db.collection('items')
    const ends: number[] = []
    await Promise.all([
      (async () => {
        await c.get('a')
        ends.push(clock.now() - START)
      })(),
      (async () => {
        await clock.sleep(25)
        await c.get('b')
        await c.get('c')
        ends.push(clock.now() - START)
      })()
    ])
    expect(ends).toEqual([10, 45])
  })

  test('Date.now reads the model clock while installed', async () => {
    const { clock, db } = setup()
    clock.install()
    try {
      await db.collection('items').get('a')
      expect(Date.now()).toBe(START + CLOUD.roundTripMs)
    } finally {
      clock.uninstall()
    }
    expect(Math.abs(Date.now() - START)).toBeGreaterThan(0)
  })
})

describe('cloud model: the 1,000-document cap', () => {
  test('a query asks for at most 1,000 documents and never hands back more', async () => {
    const { db, inner } = setup()
    const c = db.collection('items')
    expect(await c.find({}, { limit: 5000 })).toHaveLength(1000)
    expect(inner.asked[0].limit).toBe(1000)
    // no limit: the port's default of 100 is asked for (the fake store ignores it)
    await c.find({})
    expect(inner.asked[1].limit).toBe(100)
    await c.find({}, { limit: 20, orderBy: [['n', 'asc']] })
    expect(inner.asked[2]).toEqual({ limit: 20, orderBy: [['n', 'asc']] })
  })
})

describe('cloud model: the 60 s limit of a function run', () => {
  test('a run still working at 60 s is stopped; what it sent before stays done, nothing after', async () => {
    const { clock, db, inner } = setup()
    const c = db.collection('items')
    let finished = false
    const outcome = await clock.run('sweep', CLOUD.runLimitMs, async () => {
      for (let i = 0; i < 7000; i++) await c.add({ _id: `i${i}` })
      finished = true
    })
    expect(outcome.status).toBe('timedOut')
    expect(outcome.run.endedAt).toBe(START + 60_000)
    expect(finished).toBe(false)
    // one add every 10 ms: the 6,000th was sent at 59.99 s (its answer would come at 60 s: never)
    expect(inner.added).toHaveLength(6000)
    // the clock goes on; the stopped run never sends another call
    await clock.sleep(5_000)
    expect(inner.added).toHaveLength(6000)
    expect(outcome.run.trips).toBe(6000)
  })

  test('a run that ends in time hands back its value, end time and counts', async () => {
    const { clock, db, model } = setup()
    const outcome = await clock.run('publish', CLOUD.runLimitMs, async () => {
      await db.collection('policies').get('p1')
      await Promise.all([db.collection('quotas').updateWhere({ _id: 'q' }, { count: 0 }), db.collection<{ _id: string; openid: string }>('inbox').add({ openid: 'o1' })])
      return 'done'
    })
    expect(outcome).toMatchObject({ status: 'ok', value: 'done' })
    expect(outcome.run.endedAt).toBe(START + 20)
    expect(outcome.run).toMatchObject({ trips: 3, writes: 2 })
    expect(model.trips).toBe(3)
    expect(model.phoneTrips).toBe(1)
    expect(model.byOp.get('inbox.add')).toBe(1)
  })

  test('runs side by side each keep their own limit', async () => {
    const { clock, db } = setup()
    const c = db.collection('items')
    const long = clock.run('long', 1_000, async () => {
      for (let i = 0; i < 500; i++) await c.get('a')
    })
    const short = clock.run('short', 1_000, async () => {
      for (let i = 0; i < 50; i++) await c.get('b')
      return 50
    })
    const [l, s] = await Promise.all([long, short])
    expect(l.status).toBe('timedOut')
    expect(s).toMatchObject({ status: 'ok', value: 50 })
    expect(s.run.endedAt).toBe(START + 500)
  })
})

describe('cloud model: which part of the work a call serves', () => {
  test('quota and daily counters, and updates of a message’s push state, are the phone part', () => {
    expect(isPhoneCall('quotas', 'updateWhere', [{}, { count: 1 }])).toBe(true)
    expect(isPhoneCall('pushCounts', 'add', [{ _id: 'x' }])).toBe(true)
    expect(isPhoneCall('inbox', 'update', ['id', { pushState: 'sent', pushAttempts: 1 }])).toBe(true)
    expect(isPhoneCall('inbox', 'add', [{ openid: 'o1' }])).toBe(false)
    expect(isPhoneCall('inbox', 'update', ['id', { read: true }])).toBe(false)
    expect(isPhoneCall('obligations', 'update', ['id', { nextDueAt: null }])).toBe(false)
  })
})
