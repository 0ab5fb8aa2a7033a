import { INDEXES } from '../../cloudfunctions/common/indexes'
import type { Db, FindOptions, Where } from '../../cloudfunctions/common/ports'
import { visitContract } from '../../src/core/visit/contract'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { codeFor, profileOf } from '../helpers/fixtures'

/** 走访问需 (#17): the visit list and its reasons, region scoping, visits, 诉求 and follow-ups, reminders. */
describe('visits', () => {
  let c: TestCloud
  const REG = 'demo-regulator'
  const OTHER = 'reg-longwan'
  const db = () => c.ports.db
  const setClock = (iso: string) => c.clock.set(new Date(iso))
  const trigger = () => c.post('/api/local/trigger/scheduler', '')
  const outbox = async (openid: string) =>
    ((await (await fetch(`${c.url}/api/local/outbox?openid=${openid}&limit=200`)).json()) as { data: { messages: Array<{ title: string; body: string }> } }).data.messages
  const owner = async (o: string, extra: Record<string, unknown> = {}) => {
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, o)
    await c.ok('user', 'user.profile.save', profileOf(o, extra), o)
  }
  const row = (code: string, patch: Record<string, unknown> = {}) =>
    db().collection('register').set(code, {
      creditCode: code, name: '鹿城区未加入小店', operatorName: '赵钱孙', address: '鹿城区测试路2号', registeredOn: '2020-01-02', status: 'active', statusText: '存续',
      region: '330302', marketId: 'demo-market-2', importId: 't', importedAt: '', updatedAt: '', ...patch
    } as never)
  const permit = (openid: string, expiresOn: string) =>
    db().collection('permits').set(`p-${openid}`, {
      openid, type: 'other', name: '卫生许可证', number: 'X1', authority: '某局', issuedOn: '2020-01-01', expiresOn, nextDueAt: null, sentRungs: [], leaseUntil: '', createdAt: '', updatedAt: ''
    } as never)
  const overdueReport = (openid: string, year: number) =>
    db().collection('obligations').set(`ar-${openid}-${year}`, { openid, kind: 'annualReport', reportYear: year, filedAt: null, nextDueAt: null, sentRungs: [], leaseUntil: '', createdAt: '', updatedAt: '' } as never)
  const allRows = async (who: string, payload: Record<string, unknown> = {}, limit = 2) => {
    const rows: any[] = []
    let cursor: string | undefined
    for (let i = 0; i < 200; i++) {
      const p = await c.ok('visit', 'visit.list', { ...payload, limit, ...(cursor ? { cursor } : {}) }, who)
      expect(visitContract['visit.list'].output.parse(p)).toBeTruthy()
      rows.push(...p.items)
      if (!p.nextCursor) return rows
      cursor = p.nextCursor
    }
    throw new Error('the list never ended')
  }
  const kinds = (r: any) => r.reasons.map((x: any) => x.kind)

  beforeAll(async () => {
    c = await testCloud()
    // Saturday 21 November 2026, 12:00 China
    setClock('2026-11-21T04:00:00Z')
    await db().collection('staff').set(OTHER, { role: 'regulator', name: '龙湾科员', region: '330303', bankName: null, createdAt: '2026-01-01T00:00:00Z' } as never)
    await owner('vs-surv')
    await db().collection('owners').update('vs-surv', { classType: 'survival' })
    await owner('vs-both')
    await permit('vs-both', '2026-10-01')
    await overdueReport('vs-both', 2024)
    await owner('vs-fine')
    await permit('vs-fine', '2027-10-01')
    // 2025's report was due by 30 June 2026, and it is filed
    await overdueReport('vs-fine', 2025)
    await db().collection('obligations').update('ar-vs-fine-2025', { filedAt: '2026-03-01T00:00:00Z' })
    await owner('vs-help')
    await owner('lw-surv', { region: '330303' })
    await db().collection('owners').update('lw-surv', { classType: 'survival' })
    await permit('lw-surv', '2026-01-01')
    await row('91330302NJ0000001X')
    await row('91330302NJ0000002X', { marketId: null })
    await row('91330303NJ0000003X', { region: '330303', marketId: null })
  })
  afterAll(() => c.stop())

  test('the list: every reason merged per household, paged with a cursor, never another region', async () => {
    // an overdue 诉求 of vs-help
    const filed = await c.ok('complaint', 'complaint.submit', { category: 'fee', party: '市场管理处', what: '每月另收卫生费200元，没有收据。', happenedOn: '2026-11-18', place: '东门', photos: [], disclose: false }, 'vs-help', 'vs-help-c1')
    await db().collection('complaints').update(filed.id, { overdue: true })
    const rows = await allRows(REG)
    const byCode = new Map(rows.map((r) => [r.code, r]))
    expect(rows.length).toBe(byCode.size) // no household twice across pages
    expect(kinds(byCode.get(codeFor('vs-surv')))).toEqual(['survival'])
    expect(kinds(byCode.get(codeFor('vs-both')))).toEqual(['annualOverdue', 'permitExpired'])
    expect(byCode.get(codeFor('vs-both')).reasons[0].detail).toBe('2024年度')
    expect(byCode.get(codeFor('vs-both')).reasons[1].detail).toBe('卫生许可证（2026-10-01到期）')
    expect(kinds(byCode.get(codeFor('vs-help')))).toEqual(['help'])
    expect(byCode.get(codeFor('vs-help')).reasons[0].detail).toBe(`${filed.id}（超期）`)
    expect(byCode.has(codeFor('vs-fine'))).toBe(false)
    expect(byCode.get('91330302NJ0000001X')).toMatchObject({ joined: false, operator: '赵*孙', businessName: '鹿城区未加入小店', reasons: [{ kind: 'neverJoined' }], lastVisitedOn: null })
    expect(byCode.has('91330302NJ0000002X')).toBe(true)
    // another region's households never appear, whatever their reasons
    expect(byCode.has(codeFor('lw-surv'))).toBe(false)
    expect(byCode.has('91330303NJ0000003X')).toBe(false)
    // joined households come first, then the register's never-joined
    const firstNever = rows.findIndex((r) => !r.joined)
    expect(rows.slice(firstNever).every((r) => !r.joined)).toBe(true)
    // the same list in one page
    expect((await allRows(REG, {}, 50)).map((r) => r.code)).toEqual(rows.map((r) => r.code))
    // a market filter; 'none' = outside any market
    const m2 = await allRows(REG, { marketId: 'demo-market-2' })
    expect(m2.map((r) => r.code)).toContain('91330302NJ0000001X')
    expect(m2.map((r) => r.code)).not.toContain('91330302NJ0000002X')
    expect((await allRows(REG, { marketId: 'none' })).map((r) => r.code)).toContain('91330302NJ0000002X')
    // the other region's regulator sees theirs and none of ours
    const lw = new Map((await allRows(OTHER)).map((r) => [r.code, r]))
    expect(kinds(lw.get(codeFor('lw-surv')))).toEqual(['permitExpired', 'survival'])
    expect(lw.has('91330303NJ0000003X')).toBe(true)
    expect(lw.has(codeFor('vs-surv'))).toBe(false)
    const refused = await c.call<any>('visit', { action: 'visit.list', payload: { marketId: 'demo-market-1' } }, OTHER)
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // counts by region: 生存型 and never joined are counted by the database
    const p = await c.ok('visit', 'visit.list', {}, OTHER)
    expect(p.counts.find((x: any) => x.kind === 'survival').count).toBe(1)
    expect(p.counts.find((x: any) => x.kind === 'neverJoined').count).toBe(1)
    // bank officers and owners are refused
    expect((await c.call<any>('visit', { action: 'visit.list', payload: {} }, 'demo-bank')).body.ok).toBe(false)
    expect((await c.call<any>('visit', { action: 'visit.list', payload: {} }, 'demo-owner-1')).body.ok).toBe(false)
  })

  test('every query of the list and the follow-ups is on an index', async () => {
    const real = c.ports.db
    const queries: Array<{ coll: string; where: Where; orderBy: string[] }> = []
    const watched: Db = {
      ...real,
      collection: <T extends { _id: string }>(name: string) => {
        const target = real.collection<T>(name)
        return new Proxy(target, {
          get(t, prop) {
            if (prop === 'find') return (w: Where, o: FindOptions = {}) => (queries.push({ coll: name, where: w, orderBy: (o.orderBy ?? []).map(([f]) => f) }), t.find(w, o))
            return (t as unknown as Record<string | symbol, unknown>)[prop]
          }
        })
      }
    } as Db
    ;(c.ports as { db: Db }).db = watched
    try {
      const p = await c.ok('visit', 'visit.list', { limit: 2 }, REG)
      await c.ok('visit', 'visit.list', { limit: 2, cursor: p.nextCursor }, REG)
      await c.ok('visit', 'visit.followup.list', { scope: 'region', status: 'overdue', limit: 2 }, REG)
      await c.ok('visit', 'visit.followup.list', { scope: 'mine', status: 'open', limit: 2 }, REG)
    } finally {
      ;(c.ports as { db: Db }).db = real
    }
    const mine = queries.filter((q) => ['visits', 'followups', 'permits', 'obligations', 'complaints', 'owners'].includes(q.coll) && q.orderBy.length)
    expect(mine.length).toBeGreaterThan(4)
    const unindexed = mine.filter(({ coll, where, orderBy }) => {
      const fields = Object.keys(where)
      return !(INDEXES[coll] ?? []).some((i) => {
        const f = Array.isArray(i.fields) ? i.fields : [i.fields]
        return (fields.length ? fields.includes(f[0]) : f[0] === orderBy[0]) && orderBy.every((o) => f.includes(o))
      })
    })
    expect(unindexed).toEqual([])
  })

  test('a stall code opens its household for the regulator; another region is refused', async () => {
    const ctx = await c.ok('visit', 'visit.context', { scene: 'DMA2K7' }, REG)
    expect(visitContract['visit.context'].output.parse(ctx)).toBeTruthy()
    expect(ctx).toMatchObject({ stall: { number: 'A-01', marketName: '东门农贸市场' }, household: { businessName: '鹿城区张记面馆', joined: true }, canFileComplaint: true })
    expect(ctx.household.verification).toMatch(/核验/)
    const refused = await c.call<any>('visit', { action: 'visit.context', payload: { scene: 'DMA2K7' } }, OTHER)
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const rec = await c.call<any>('visit', { action: 'visit.record', payload: { code: codeFor('vs-surv'), needs: ['finance'] }, requestId: 'lw-try-0001' }, OTHER)
    expect(rec.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await db().collection('visits').count({ creditCode: codeFor('vs-surv') })).toBe(0)
    // a never-joined row: household from the register, no 诉求 on its behalf
    const nj = await c.ok('visit', 'visit.context', { code: '91330302NJ0000001X' }, REG)
    expect(nj).toMatchObject({ household: { joined: false, operator: '赵*孙', verification: '未加入小程序' }, reasons: [{ kind: 'neverJoined' }], canFileComplaint: false })
    const noCase = await c.call<any>('visit', { action: 'visit.record', payload: { code: '91330302NJ0000001X', needs: ['complaint'], complaint: { category: 'fee', what: '市场多收管理费' } }, requestId: 'nj-case-0001' }, REG)
    expect(noCase.body).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } })
  })

  test('a visit is recorded once per requestId; the list shows when it was; an empty form is refused in words', async () => {
    const empty = await c.call<any>('visit', { action: 'visit.record', payload: { code: codeFor('vs-surv') }, requestId: 'empty-0001' }, REG)
    expect(empty.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: 'needs', message: '请至少选一项需求，或写下走访情况' }] } })
    const past = await c.call<any>('visit', { action: 'visit.record', payload: { code: codeFor('vs-surv'), needs: ['finance'], followups: [{ kind: 'finance', dueOn: '2026-11-20' }] }, requestId: 'past-0001' }, REG)
    expect(past.body).toMatchObject({ ok: false, error: { details: [{ path: 'followups.0.dueOn', message: '跟进日期不能早于今天' }] } })
    const payload = { code: codeFor('vs-surv'), needs: ['finance', 'premises'], needText: '想多租一个摊位', help: '介绍了码上贷', followups: [{ kind: 'premises', dueOn: '2026-11-30' }] }
    // a double tap: the second is told the first is under way (or gets its answer), never a second visit
    const both = await Promise.all([0, 1].map(() => c.call<any>('visit', { action: 'visit.record', payload, requestId: 'twice-0001' }, REG)))
    expect(both.filter((x) => x.body.ok)).not.toHaveLength(0)
    const a = await c.ok('visit', 'visit.record', payload, REG, 'twice-0001')
    const b = await c.ok('visit', 'visit.record', payload, REG, 'twice-0001')
    expect(b.id).toBe(a.id)
    expect(await db().collection('visits').count({ creditCode: codeFor('vs-surv') })).toBe(1)
    expect(await db().collection('followups').count({ visitId: a.id })).toBe(1)
    const v = await db().collection<any>('visits').get(a.id)
    expect(v).toMatchObject({ region: '330302', creditCode: codeFor('vs-surv'), ownerOpenid: 'vs-surv', visitedOn: '2026-11-21', month: '2026-11', by: REG, needs: ['finance', 'premises'], followupIds: [a.followups[0].id] })
    const rows = await allRows(REG, {}, 50)
    expect(rows.find((r) => r.code === codeFor('vs-surv')).lastVisitedOn).toBe('2026-11-21')
    const ctx = await c.ok('visit', 'visit.context', { code: codeFor('vs-surv') }, REG)
    expect(ctx.past).toEqual([{ id: a.id, visitedOn: '2026-11-21', byName: '王科员', needs: ['融资', '场地'], needText: '想多租一个摊位', help: '介绍了码上贷' }])
  })

  test('need → 诉求: a case with a tracking number in the workbench queue and the owner’s list; the owner is told', async () => {
    const r = await c.ok('visit', 'visit.record', { scene: 'DMA2K7', needs: ['complaint'], needText: '反映市场多收卫生费', complaint: { category: 'fee', what: '市场管理方每月多收卫生费200元，没有收据。' } }, REG, 'case-0001')
    expect(r.complaintId).toMatch(/^SQ20261121[2-9A-HJ-NP-Z]{6}$/)
    const queue = await c.ok('complaint', 'complaint.staff.queue', { limit: 50 }, REG)
    expect(queue.items.map((x: any) => x.id)).toContain(r.complaintId)
    const mine = await c.ok('complaint', 'complaint.list', {}, 'demo-owner-1')
    expect(mine.complaints.map((x: any) => x.id)).toContain(r.complaintId)
    const doc = await db().collection<any>('complaints').get(r.complaintId)
    expect(doc).toMatchObject({ openid: 'demo-owner-1', source: 'visit', status: 'submitted', deadline: { step: 'accept' }, timeline: [{ note: '走访时由王科员代为登记' }] })
    expect((await outbox('demo-owner-1')).filter((m) => m.body.includes(r.complaintId))).toHaveLength(1)
    // the retry finds the same case
    const again = await c.ok('visit', 'visit.record', { scene: 'DMA2K7', needs: ['complaint'], needText: '反映市场多收卫生费', complaint: { category: 'fee', what: '市场管理方每月多收卫生费200元，没有收据。' } }, REG, 'case-0001')
    expect(again.complaintId).toBe(r.complaintId)
    expect(await db().collection('complaints').count({ source: 'visit' })).toBe(1)
  })

  test('follow-ups: listed mine / region, reminded the day before and when overdue, once each; done with a note', async () => {
    setClock('2026-11-21T04:00:00Z')
    const r = await c.ok('visit', 'visit.record', { code: codeFor('vs-both'), needs: ['permits'], followups: [{ kind: 'permits', title: '帮办卫生许可证延续', dueOn: '2026-11-25' }] }, REG, 'followup-0001')
    const id = r.followups[0].id
    const lwFollow = await c.ok('visit', 'visit.record', { code: codeFor('lw-surv'), needs: ['finance'], followups: [{ kind: 'finance', dueOn: '2026-11-24' }] }, OTHER, 'followup-lw-0001')
    const mineOpen = await c.ok('visit', 'visit.followup.list', { scope: 'mine', status: 'open' }, REG)
    expect(mineOpen.items.map((f: any) => f.id)).toContain(id)
    expect(mineOpen.items.find((f: any) => f.id === id)).toMatchObject({ title: '帮办卫生许可证延续', kindLabel: '证照', dueOn: '2026-11-25', overdue: false, assigneeName: '王科员', mine: true })
    const region = await c.ok('visit', 'visit.followup.list', { scope: 'region', status: 'open' }, REG)
    expect(region.items.map((f: any) => f.id)).not.toContain(lwFollow.followups[0].id)
    const lwDone = await c.call<any>('visit', { action: 'visit.followup.done', payload: { id: lwFollow.followups[0].id } }, REG)
    expect(lwDone.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const titles = async () => (await outbox(REG)).filter((m) => m.body.includes('帮办卫生许可证延续')).map((m) => m.title)
    await trigger()
    expect(await titles()).toEqual([])
    // 24 November 08:00 China: the day before, not yet 09:00
    setClock('2026-11-24T00:00:00Z')
    await trigger()
    expect(await titles()).toEqual([])
    setClock('2026-11-24T01:30:00Z')
    await trigger()
    await trigger()
    expect(await titles()).toEqual(['跟进事项明天到期'])
    // due day: nothing; 26 November: overdue, once
    setClock('2026-11-25T10:00:00Z')
    await trigger()
    expect(await titles()).toEqual(['跟进事项明天到期'])
    setClock('2026-11-26T01:00:00Z')
    await trigger()
    await trigger()
    expect((await titles()).sort()).toEqual(['跟进事项已超期', '跟进事项明天到期'])
    const overdue = await c.ok('visit', 'visit.followup.list', { scope: 'region', status: 'overdue' }, REG)
    expect(overdue.items.find((f: any) => f.id === id)).toMatchObject({ overdue: true })
    setClock('2026-11-30T01:00:00Z')
    await trigger()
    expect(await titles()).toHaveLength(2)

    const done = await c.ok('visit', 'visit.followup.done', { id, note: '已陪同办理延续' }, REG)
    expect(done).toMatchObject({ status: 'done', doneNote: '已陪同办理延续', overdue: false })
    expect((await c.ok('visit', 'visit.followup.list', { scope: 'mine', status: 'open' }, REG)).items.map((f: any) => f.id)).not.toContain(id)
    expect((await c.ok('visit', 'visit.followup.list', { scope: 'mine', status: 'done' }, REG)).items.map((f: any) => f.id)).toContain(id)
    // done twice is the same answer
    expect((await c.ok('visit', 'visit.followup.done', { id }, REG)).doneNote).toBe('已陪同办理延续')
  })

  test('a late run sends only the overdue reminder, never the day-before one after the day', async () => {
    setClock('2026-12-01T02:00:00Z')
    const r = await c.ok('visit', 'visit.record', { code: codeFor('vs-help'), needs: ['hiring'], followups: [{ kind: 'hiring', title: '联系人社局招工', dueOn: '2026-12-03' }] }, REG, 'late-0001')
    expect(r.followups[0].title).toBe('联系人社局招工')
    setClock('2026-12-05T02:00:00Z')
    await trigger()
    await trigger()
    expect((await outbox(REG)).filter((m) => m.body.includes('联系人社局招工')).map((m) => m.title)).toEqual(['跟进事项已超期'])
  })
})
