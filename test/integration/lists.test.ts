import { INDEXES } from '../../cloudfunctions/common/indexes'
import { cmd, type Db, type Doc, type FindOptions, type Where } from '../../cloudfunctions/common/ports'
import { interceptDb } from '../../scripts/intercept-db'
import { LOAN_CONSENT_VERSION } from '../../src/core/loan/products'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE, profileOf } from '../helpers/fixtures'
import { verifyOwner } from '../helpers/verify'

/**
 * Lists that grow page with a cursor and say how many there are (cloudfunctions/common/paging.ts),
 * and creating actions are rate-limited per owner (common/rateLimit.ts), over HTTP.
 */
const FILING = {
  category: 'fee',
  party: '东门农贸市场管理处',
  what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。',
  happenedOn: '2026-10-30',
  place: '东门农贸市场A-01摊位',
  photos: [],
  disclose: false
}
const CODE = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
/** a tracking number of the right shape, distinct per n */
const trackingOf = (n: number, day = '20261101') => `SQ${day}${Array.from({ length: 6 }, (_, i) => CODE[Math.floor(n / CODE.length ** i) % CODE.length]).join('')}`

let c: TestCloud
const setClock = (iso: string) => c.clock.set(new Date(iso))
const db = () => c.ports.db

async function onboard(openid: string, region = PROFILE.region) {
  await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
  await c.ok('user', 'user.profile.save', { ...profileOf(openid), region }, openid)
  // a loan application needs a verified business (#16)
  await verifyOwner(c, openid)
}

/** Every page of a paged action, following nextCursor; `key` names the items' field. */
async function allPages(fn: string, action: string, payload: Record<string, unknown>, openid: string, key: string, between?: (page: number) => Promise<void>) {
  const pages: Array<{ ids: string[]; total: number }> = []
  let cursor: string | undefined
  for (let n = 0; n < 100; n++) {
    const r = await c.ok(fn, action, { ...payload, ...(cursor ? { cursor } : {}) }, openid)
    pages.push({ ids: (r[key] as Array<{ id: string }>).map((x) => x.id), total: r.total })
    if (!r.nextCursor) return pages
    cursor = r.nextCursor
    await between?.(n)
  }
  throw new Error('more than 100 pages')
}

beforeAll(async () => {
  c = await testCloud()
  // Monday 2 November 2026, 09:00 China
  setClock('2026-11-02T01:00:00Z')
  await c.ports.db.collection('staff').set('reg-ouhai', { role: 'regulator', name: '周科员', region: '330304', bankName: null, createdAt: '' } as never)
  await c.ports.db.collection('staff').set('bank-b', { role: 'bank', name: '林经理', region: null, bankName: '示范城市商业银行', createdAt: '' } as never)
})
afterAll(() => c.stop())

describe('the 诉求 workbench pages through every complaint', () => {
  test('one owner filing 210 complaints no longer hides an earlier complaint of someone else from the regulator', async () => {
    // someone files first...
    const earlier = await c.ok('complaint', 'complaint.submit', { ...FILING, party: '城南小商品市场管理处' }, 'demo-owner-2', 'lists-earlier-0001')
    // ...then one owner files 210, an hour and a quarter apart (within every rate limit), for 11 days
    await onboard('flood-owner')
    const start = Date.parse('2026-11-02T01:01:00Z')
    for (let i = 0; i < 210; i++) {
      c.clock.set(new Date(start + i * 75 * 60_000))
      await c.ok('complaint', 'complaint.submit', { ...FILING, party: `第${i + 1}个管理处` }, 'flood-owner', `lists-flood-${String(i).padStart(4, '0')}`)
    }
    const inRegion = await db().collection('complaints').count({ region: cmd.prefix('330302') })
    expect(inRegion).toBeGreaterThanOrEqual(211)

    const first = await c.ok('complaint', 'complaint.staff.queue', {}, 'demo-regulator')
    expect(first.items).toHaveLength(20)
    expect(first.total).toBe(inRegion)
    expect(first.markets.map((m: { name: string }) => m.name)).toEqual(['东门农贸市场', '城南小商品市场'])
    // the newest 200 are all the flood's: what the workbench used to show, and all it showed
    expect(first.items.every((i: { party: string }) => i.party.endsWith('个管理处'))).toBe(true)

    const pages = await allPages('complaint', 'complaint.staff.queue', {}, 'demo-regulator', 'items')
    const ids = pages.flatMap((p) => p.ids)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(inRegion)
    expect(pages.every((p) => p.total === inRegion)).toBe(true)
    // the earlier complaint is there, past the 200th place
    expect(ids.indexOf(earlier.id)).toBeGreaterThanOrEqual(200)
    // later pages carry no market list (the page keeps the first one)
    expect((await c.ok('complaint', 'complaint.staff.queue', { cursor: first.nextCursor }, 'demo-regulator')).markets).toBeNull()

    // an admin (everywhere) and a bigger page reach it too; a regulator elsewhere sees none of them
    const admin = (await allPages('complaint', 'complaint.staff.queue', { limit: 100 }, 'demo-admin', 'items')).flatMap((p) => p.ids)
    expect(admin).toContain(earlier.id)
    expect(admin).toHaveLength(await db().collection('complaints').count({}))
    const elsewhere = await c.ok('complaint', 'complaint.staff.queue', {}, 'reg-ouhai')
    expect([elsewhere.items, elsewhere.total, elsewhere.nextCursor]).toEqual([[], 0, null])

    // filters count what they select
    const market2 = await c.ok('complaint', 'complaint.staff.queue', { marketId: 'demo-market-2' }, 'demo-regulator')
    expect(market2.total).toBe(await db().collection('complaints').count({ region: cmd.prefix('330302'), marketId: 'demo-market-2' }))
    const submitted = await c.ok('complaint', 'complaint.staff.queue', { status: 'submitted', limit: 5 }, 'demo-regulator')
    expect(submitted.total).toBe(await db().collection('complaints').count({ region: cmd.prefix('330302'), status: 'submitted' }))
    expect(submitted.items).toHaveLength(5)

    // the flooding owner's own list pages the same way: all 210, newest first
    const mine = await allPages('complaint', 'complaint.list', { limit: 50 }, 'flood-owner', 'complaints')
    expect(mine.map((p) => p.ids.length)).toEqual([50, 50, 50, 50, 10])
    expect(mine[0].total).toBe(210)
    const other = await c.ok('complaint', 'complaint.list', {}, 'demo-owner-2')
    expect(other.complaints.map((x: { id: string }) => x.id)).toContain(earlier.id)
    expect(other.total).toBe(await db().collection('complaints').count({ openid: 'demo-owner-2' }))
  })

  test('paging is exact while complaints arrive: nothing repeats, nothing there from the start is skipped, ties at one instant included', async () => {
    setClock('2026-11-20T02:00:00Z')
    await onboard('ouhai-owner', '330304')
    const model = await c.ok('complaint', 'complaint.submit', FILING, 'ouhai-owner', 'lists-ouhai-0001')
    const template = (await db().collection<Doc & Record<string, unknown>>('complaints').get(model.id))!
    const put = (id: string, createdAt: string) => db().collection('complaints').add({ ...template, _id: id, createdAt, updatedAt: createdAt } as never)
    // 60 at only four instants: 15 share each, so the order inside an instant is by id alone
    const instants = ['2026-11-10T01:00:00.000Z', '2026-11-11T01:00:00.000Z', '2026-11-12T01:00:00.000Z', '2026-11-13T01:00:00.000Z']
    for (let i = 0; i < 60; i++) await put(trackingOf(1000 + i * 7), instants[i % 4])
    const before = (await db().collection<Doc>('complaints').find({ region: '330304' }, { limit: 1000 })).map((d) => d._id)
    expect(before).toHaveLength(61)

    let added = 0
    const seen: Array<{ id: string; createdAt: string }> = []
    let cursor: string | undefined
    const totals: number[] = []
    for (let n = 0; n < 50; n++) {
      // eleven minutes a page: the owner filing meanwhile stays inside the rate limit
      c.clock.set(new Date(Date.parse('2026-11-20T02:00:00Z') + (n + 1) * 11 * 60_000))
      // the next page is asked while an owner files and others' complaints land at the instant the page stops at
      const last = seen[seen.length - 1]
      const racing = last
        ? [
            put(trackingOf(5000 + n * 2, '20261112'), last.createdAt),
            put(trackingOf(5001 + n * 2, '20261112'), last.createdAt),
            c.ok('complaint', 'complaint.submit', { ...FILING, party: `并发${n}` }, 'ouhai-owner', `lists-race-${String(n).padStart(4, '0')}`)
          ]
        : []
      const [page] = await Promise.all([c.ok('complaint', 'complaint.staff.queue', { limit: 7, ...(cursor ? { cursor } : {}) }, 'reg-ouhai'), ...racing])
      added += racing.length
      totals.push(page.total)
      seen.push(...page.items.map((i: { id: string; createdAt: string }) => ({ id: i.id, createdAt: i.createdAt })))
      if (!page.nextCursor) break
      cursor = page.nextCursor
      // the next page never waits on an insert of this page: a later page may meet them
    }
    const ids = seen.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of before) expect(ids).toContain(id)
    // one order all the way down: createdAt, then id, both descending
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]]
      expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)).toBe(true)
    }
    // the count follows what is stored when it is asked
    expect(totals.every((t, i) => i === 0 || t >= totals[i - 1])).toBe(true)
    expect(totals[totals.length - 1]).toBeLessThanOrEqual(61 + added)
    expect((await c.ok('complaint', 'complaint.staff.queue', { limit: 1 }, 'reg-ouhai')).total).toBe(61 + added)
  })

  test('a cursor that is not ours is refused in words', async () => {
    for (const cursor of ['bm90LWEtY3Vyc29y', 'x']) {
      const r = await c.call<any>('complaint', { action: 'complaint.staff.queue', payload: { cursor } }, 'demo-regulator')
      expect(r.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '列表位置不对，请刷新后再试' } })
    }
    const bad = await c.call<any>('complaint', { action: 'complaint.list', payload: { cursor: 'a b' } }, 'demo-owner-2')
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const big = await c.call<any>('complaint', { action: 'complaint.list', payload: { limit: 101 } }, 'demo-owner-2')
    expect(big.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('the bank queue pages through every application', () => {
  test('45 applications: pages of 20, counted; the other bank sees none; a status filter counts its own', async () => {
    setClock('2026-11-20T02:00:00Z')
    await onboard('loan-pager')
    await c.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION }, 'loan-pager')
    const real = await c.ok('loan', 'loan.apply', { bankId: 'wz-rcb', productId: 'code-credit', amount: 20000, termMonths: 12, phone: '13800138000', idNumber: '11010519491231002X', confirmUnfit: true }, 'loan-pager', 'lists-loan-0001')
    const template = (await db().collection<Doc & Record<string, unknown>>('loanApplications').get(real.id))!
    // 44 more, two to an instant
    for (let i = 0; i < 44; i++) {
      const at = new Date(Date.parse('2026-11-01T01:00:00Z') + Math.floor(i / 2) * 3600_000).toISOString()
      await db().collection('loanApplications').add({ ...template, _id: `seeded-app-${String(i).padStart(3, '0')}`, createdAt: at, status: i % 3 === 0 ? 'reviewing' : 'submitted' } as never)
    }
    const mine = await db().collection('loanApplications').count({ bankId: 'wz-rcb' })
    expect(mine).toBeGreaterThanOrEqual(45)
    const pages = await allPages('loan', 'loan.bank.queue', {}, 'demo-bank', 'applications')
    const ids = pages.flatMap((p) => p.ids)
    expect(pages[0].ids).toHaveLength(20)
    expect(pages[0].ids[0]).toBe(real.id)
    expect(ids).toHaveLength(mine)
    expect(new Set(ids).size).toBe(mine)
    expect(pages.every((p) => p.total === mine)).toBe(true)
    expect(await c.ok('loan', 'loan.bank.queue', {}, 'bank-b')).toEqual({ applications: [], total: 0, nextCursor: null })
    const reviewing = await c.ok('loan', 'loan.bank.queue', { status: 'reviewing' }, 'demo-bank')
    expect(reviewing.total).toBe(await db().collection('loanApplications').count({ bankId: 'wz-rcb', status: 'reviewing' }))
    expect(reviewing.applications.every((a: { status: string }) => a.status === 'reviewing')).toBe(true)
  })
})

describe('the policy lists page with a cursor', () => {
  test('pages put together are the whole list, for 为您推荐, 全部, search and the staff list', async () => {
    setClock('2026-11-20T02:00:00Z')
    for (const [action, payload] of [
      ['policy.feed', {}],
      ['policy.list', {}],
      ['policy.list', { category: 'finance' }],
      ['policy.search', { q: '个体' }]
    ] as const) {
      const whole = await c.ok('policy', action, { ...payload, limit: 50 }, 'demo-owner-1')
      expect(whole.nextCursor).toBeNull()
      const pages = await allPages('policy', action, { ...payload, limit: 4 }, 'demo-owner-1', 'items')
      expect([action, pages.flatMap((p) => p.ids)]).toEqual([action, whole.items.map((i: { id: string }) => i.id)])
      expect(pages.every((p) => p.total === whole.total && p.ids.length <= 4)).toBe(true)
    }
    const staff = await allPages('policy', 'policy.admin.list', { limit: 10 }, 'demo-regulator', 'policies')
    const all = await db().collection('policies').count({})
    expect(staff.flatMap((p) => p.ids)).toHaveLength(all)
    expect(new Set(staff.flatMap((p) => p.ids)).size).toBe(all)
    expect(staff[0].total).toBe(all)
  })

  test('a policy published or withdrawn between two pages never makes one repeat or go missing', async () => {
    const owner = 'demo-owner-1'
    const whole = (await c.ok('policy', 'policy.list', { limit: 50 }, owner)).items.map((i: { id: string }) => i.id) as string[]
    const first = await c.ok('policy', 'policy.list', { limit: 6 }, owner)
    expect(first.items.map((i: { id: string }) => i.id)).toEqual(whole.slice(0, 6))
    // the last one shown is withdrawn, and a new policy for everyone is published
    const lastShown = whole[5]
    await c.ok('policy', 'policy.admin.withdraw', { id: lastShown }, 'demo-admin')
    const draft = await c.ok(
      'policy',
      'policy.admin.save',
      {
        title: '分页测试政策',
        summary: { what: '测试翻页时新发布的政策。', who: '所有个体工商户', how: '向市场监管局咨询', where: '市市场监管局' },
        department: '市市场监管局',
        category: 'finance',
        effectiveFrom: '2026-01-01',
        effectiveTo: null,
        source: { document: '测试文件', number: null, clause: '第1条' },
        conditions: []
      },
      'demo-admin',
      'lists-policy-0001'
    )
    await c.ok('policy', 'policy.admin.publish', { id: draft.id }, 'demo-admin')
    const rest = await allPages('policy', 'policy.list', { limit: 50, cursor: first.nextCursor }, owner, 'items')
    // the rest is exactly what followed the withdrawn one, plus the new policy wherever it ranks after it
    const after = rest.flatMap((p) => p.ids).filter((id) => id !== draft.id)
    expect(after).toEqual(whole.slice(6))
    expect(rest[0].total).toBe(whole.length)
  })
})

describe('lists use indexed queries only', () => {
  test('every query the paged lists make leads with an indexed field and sorts on indexed fields', async () => {
    const queries: Array<{ coll: string; where: Where; orderBy: string[] }> = []
    const real = c.ports.db
    const watched: Db = {
      createCollection: (n) => real.createCollection(n),
      collection<T extends Doc>(name: string) {
        const coll = real.collection<T>(name)
        return new Proxy(coll, {
          get(target, prop) {
            if (prop === 'find') return (w: Where, o: FindOptions = {}) => (queries.push({ coll: name, where: w, orderBy: (o.orderBy ?? []).map(([f]) => f) }), target.find(w, o))
            if (prop === 'count') return (w: Where) => (queries.push({ coll: name, where: w, orderBy: [] }), target.count(w))
            return (target as unknown as Record<string | symbol, unknown>)[prop]
          }
        })
      }
    }
    ;(c.ports as { db: Db }).db = interceptDb(watched, (run) => run())
    try {
      const q = await c.ok('complaint', 'complaint.staff.queue', { limit: 3 }, 'demo-regulator')
      await c.ok('complaint', 'complaint.staff.queue', { limit: 3, cursor: q.nextCursor }, 'demo-regulator')
      await c.ok('complaint', 'complaint.staff.queue', { limit: 3, status: 'submitted', marketId: 'demo-market-1' }, 'demo-regulator')
      await c.ok('complaint', 'complaint.staff.queue', { limit: 3, status: 'accepted' }, 'demo-admin')
      const l = await c.ok('complaint', 'complaint.list', { limit: 3 }, 'flood-owner')
      await c.ok('complaint', 'complaint.list', { limit: 3, cursor: l.nextCursor }, 'flood-owner')
      const b = await c.ok('loan', 'loan.bank.queue', { limit: 3 }, 'demo-bank')
      await c.ok('loan', 'loan.bank.queue', { limit: 3, cursor: b.nextCursor, status: 'submitted' }, 'demo-bank')
      const s = await c.ok('policy', 'policy.admin.list', { limit: 3 }, 'demo-regulator')
      await c.ok('policy', 'policy.admin.list', { limit: 3, cursor: s.nextCursor, status: 'published' }, 'demo-regulator')
    } finally {
      ;(c.ports as { db: Db }).db = real
    }
    const listed = queries.filter((x) => ['complaints', 'loanApplications', 'policies'].includes(x.coll))
    expect(listed.length).toBeGreaterThan(10)
    const unindexed = listed.filter(({ coll, where, orderBy }) => {
      const fields = Object.keys(where)
      // a count of the whole collection reads its size, not its documents
      if (!fields.length && !orderBy.length) return false
      return !(INDEXES[coll] ?? []).some((i) => {
        const f = Array.isArray(i.fields) ? i.fields : [i.fields]
        // the index starts with a field the query narrows by (or, with no filter, with its sort)
        // and holds every field it sorts by
        return (fields.length ? fields.includes(f[0]) : f[0] === orderBy[0]) && orderBy.every((o) => f.includes(o))
      })
    })
    expect(unindexed).toEqual([])
  })
})

describe('per-owner rate limits on creating actions', () => {
  const errorOf = (r: { body: unknown }) => (r.body as { error?: unknown }).error
  const submit = (openid: string, requestId: string, more: object = {}) => c.call<any>('complaint', { action: 'complaint.submit', payload: { ...FILING, ...more }, requestId }, openid)
  const filed = (openid: string) => db().collection('complaints').count({ openid })

  test('诉求: five in ten minutes, then RATE_LIMITED with when to try again in China time; let through from then', async () => {
    await onboard('rate-a')
    // Friday 20 November, 10:03 China
    setClock('2026-11-20T02:03:00Z')
    for (let i = 0; i < 5; i++) expect((await submit('rate-a', `rate-a-${i}-0000`)).body.ok).toBe(true)
    const sixth = await submit('rate-a', 'rate-a-5-0000')
    expect(sixth.status).toBe(429)
    expect(sixth.body).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: '提交太频繁了，请在10:10以后再试', retryAt: '2026-11-20T02:10:00.000Z' } })
    expect(await filed('rate-a')).toBe(5)
    // still refused a second before; the same request goes through at 10:10, counted once
    setClock('2026-11-20T02:09:59Z')
    expect((await submit('rate-a', 'rate-a-5-0000')).status).toBe(429)
    setClock('2026-11-20T02:10:00Z')
    const later = await submit('rate-a', 'rate-a-5-0000')
    expect(later.body.ok).toBe(true)
    expect(await filed('rate-a')).toBe(6)
    // a request already answered is answered again, limit or not, and never counts
    for (let i = 0; i < 6; i++) expect((await submit('rate-a', 'rate-a-5-0000')).body).toEqual(later.body)
    for (let i = 7; i < 11; i++) expect((await submit('rate-a', `rate-a-${i}-0000`)).body.ok).toBe(true)
    expect((await submit('rate-a', 'rate-a-11-0000')).status).toBe(429)
  })

  test('the window and the day are China time: 23:58 waits for 00:00 of the next China day, not UTC', async () => {
    await onboard('rate-b')
    // 23:58 on 20 November in China is 15:58 UTC
    setClock('2026-11-20T15:58:00Z')
    for (let i = 0; i < 5; i++) expect((await submit('rate-b', `rate-b-${i}-0000`)).body.ok).toBe(true)
    const refused = await submit('rate-b', 'rate-b-5-0000')
    expect(errorOf(refused)).toEqual({ code: 'RATE_LIMITED', message: '提交太频繁了，请在11月21日 00:00以后再试', retryAt: '2026-11-20T16:00:00.000Z' })
  })

  test('诉求: twenty a China day; the 21st waits for midnight China time', async () => {
    await onboard('rate-c')
    // from 08:00 China, one every 20 minutes (never five in a window)
    for (let i = 0; i < 20; i++) {
      c.clock.set(new Date(Date.parse('2026-11-23T00:00:00Z') + i * 20 * 60_000))
      expect((await submit('rate-c', `rate-c-${i}-0000`)).body.ok).toBe(true)
    }
    setClock('2026-11-23T15:59:59Z')
    const refused = await submit('rate-c', 'rate-c-20-0000')
    expect(errorOf(refused)).toEqual({ code: 'RATE_LIMITED', message: '今天已提交20条诉求，请在11月24日 00:00以后再试', retryAt: '2026-11-23T16:00:00.000Z' })
    // 00:00 in China, still 23 November in UTC: a new China day
    setClock('2026-11-23T16:00:00Z')
    expect((await submit('rate-c', 'rate-c-20-0000')).body.ok).toBe(true)
    expect(await filed('rate-c')).toBe(21)
  })

  test('what is sent back for a correction costs nothing; twenty at once let exactly five through', async () => {
    await onboard('rate-d')
    setClock('2026-11-24T02:00:00Z')
    for (let i = 0; i < 8; i++) {
      // refused by the contract (too short) or by the handler (a day not yet come): not counted
      expect((await submit('rate-d', `rate-d-bad-${i}-000`, { what: '乱收费' })).status).toBe(400)
      expect((await submit('rate-d', `rate-d-late-${i}-00`, { happenedOn: '2026-12-24' })).status).toBe(400)
    }
    const at = await Promise.all(Array.from({ length: 20 }, (_, i) => submit('rate-d', `rate-d-race-${i}-00`)))
    expect(at.filter((r) => r.body.ok)).toHaveLength(5)
    expect(at.filter((r) => r.status === 429)).toHaveLength(15)
    expect(await filed('rate-d')).toBe(5)
  })

  test('loan applications: three in ten minutes; the form is refused whole, nothing stored', async () => {
    await onboard('rate-loan')
    await c.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION }, 'rate-loan')
    setClock('2026-11-24T06:21:00Z')
    const apply = (n: number) => c.call<any>('loan', { action: 'loan.apply', payload: { bankId: 'wz-rcb', productId: 'code-credit', amount: 10000 + n, termMonths: 12, phone: '13800138000', idNumber: '11010519491231002X', confirmUnfit: true }, requestId: `rate-loan-${n}-000` }, 'rate-loan')
    for (let i = 0; i < 3; i++) expect((await apply(i)).body.ok).toBe(true)
    const fourth = await apply(3)
    expect(errorOf(fourth)).toEqual({ code: 'RATE_LIMITED', message: '提交太频繁了，请在14:30以后再试', retryAt: '2026-11-24T06:30:00.000Z' })
    expect(await db().collection('loanApplications').count({ openid: 'rate-loan' })).toBe(3)
  })

  test('photo uploads: thirty a China day, then told the next midnight', async () => {
    await onboard('rate-photo')
    setClock('2026-11-25T03:00:00Z')
    for (let i = 0; i < 30; i++) expect((await c.call<any>('complaint', { action: 'complaint.upload.prepare', payload: { contentType: 'image/png' } }, 'rate-photo')).body.ok).toBe(true)
    const more = await c.call<any>('complaint', { action: 'complaint.upload.prepare', payload: { contentType: 'image/png' } }, 'rate-photo')
    expect(errorOf(more)).toEqual({ code: 'RATE_LIMITED', message: '今天已上传30张照片，请在11月26日 00:00以后再试', retryAt: '2026-11-25T16:00:00.000Z' })
  })
})
