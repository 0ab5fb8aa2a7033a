import { migrateFeaturedTicks } from '../../cloudfunctions/recognition/migrate'
import { testCloud, type TestCloud } from '../helpers/cloud'

// a real 1×1 PNG: photos go through the 诉求 upload path (prepare, store, confirm)
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const OWNER = 'demo-owner-1'
const OTHER = 'demo-owner-2'
const REG = 'demo-regulator'
const WHAT = '本店1998年开业，手工拉面坚持传统做法二十多年，是东门一带的老字号，街坊都知道。'
const FEATURED_SPECIAL = [{ fact: 'featured', op: 'in', value: ['special'] }]

describe('名特优新 over HTTP: 申报, 审核, 公示 with 异议, 认定, lapse', () => {
  let c: TestCloud
  let n = 0
  const setClock = (iso: string) => c.post('/api/local/clock', JSON.stringify({ now: iso }))
  const trigger = () => c.post('/api/local/trigger/scheduler', '')
  const inbox = async (openid: string) => (await c.ok('reminder', 'reminder.inbox.list', {}, openid)).messages as Array<{ title: string; body: string }>
  const titles = async (openid: string) => (await inbox(openid)).map((m) => m.title)
  const act = (id: string, expected: string, type: string, reason: string, as = REG) => c.call<any>('recognition', { action: 'recognition.staff.act', payload: { id, expected, event: { type, reason } } }, as)
  const upload = async (openid = OWNER) => {
    const p = await c.ok('complaint', 'complaint.upload.prepare', { contentType: 'image/png' }, openid, `recog-up-${++n}`)
    const res = await fetch(`${c.url}/api/local/storage/upload?cloudPath=${encodeURIComponent(p.cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': openid },
      body: Buffer.from(PNG, 'base64') as unknown as BodyInit
    })
    const fileId = ((await res.json()) as { fileID: string }).fileID
    return (await c.ok('complaint', 'complaint.upload.confirm', { uploadId: p.uploadId, fileId }, openid, `recog-cf-${++n}`)).uploadId as string
  }
  const previewCount = async () => (await c.ok('policy', 'policy.admin.preview', { conditions: FEATURED_SPECIAL }, 'demo-admin')).count as number

  beforeAll(async () => {
    c = await testCloud()
    // Tuesday 1 December 2026, 10:00 in China
    await setClock('2026-12-01T02:00:00Z')
    await c.ports.db.collection('staff').set('reg-hz', { role: 'regulator', name: '赵科员', region: '330100', bankName: null, createdAt: '' } as never)
  })
  afterAll(() => c.stop())

  let id = ''
  test('申报 with text, a photo and a link; one open per owner and category; bad links say why', async () => {
    const photo = await upload()
    const bad = await c.call<any>('recognition', { action: 'recognition.apply', payload: { category: 'special', what: WHAT, links: ['javascript:alert(1)'] }, requestId: 'recog-apply-bad' }, OWNER)
    expect(bad.status).toBe(400)
    expect(!bad.body.ok && bad.body.error.details?.[0]).toMatchObject({ path: 'links.0', message: expect.stringContaining('链接格式不对') })
    const short = await c.call<any>('recognition', { action: 'recognition.apply', payload: { category: 'special', what: '很好' }, requestId: 'recog-apply-short' }, OWNER)
    expect(!short.body.ok && short.body.error.details?.[0].path).toBe('what')

    const a = await c.ok('recognition', 'recognition.apply', { category: 'special', what: WHAT, photos: [photo], links: ['https://example.com/zhangji'] }, OWNER, 'recog-apply-1')
    id = a.id
    expect(a).toMatchObject({ status: 'submitted', statusLabel: '待审核', categoryLabel: '特色', businessName: '鹿城区张记面馆', links: ['https://example.com/zhangji'], canWithdraw: true })
    expect(a.photos).toHaveLength(1)
    // the same request again: the same application, not a second
    expect((await c.ok('recognition', 'recognition.apply', { category: 'special', what: WHAT, photos: [photo] }, OWNER, 'recog-apply-1')).id).toBe(id)
    const again = await c.call<any>('recognition', { action: 'recognition.apply', payload: { category: 'special', what: WHAT }, requestId: 'recog-apply-2' }, OWNER)
    expect(again.status).toBe(409)
    expect(!again.body.ok && again.body.error.message).toContain('已有一份“特色”类申报在办理中')
    expect(await titles(OWNER)).toContain('名特优新申报已提交')
    expect(await titles(REG)).toContain('新的名特优新申报')
    // the photo is the application's now: the 诉求 cleanup leaves it alone
    const up = await c.ports.db.collection<{ _id: string; complaintId: string | null }>('complaintUploads').get(photo)
    expect(up?.complaintId).toBe(`recognition:${id}`)
  })

  test('region scoping: another region’s regulator neither lists nor opens it; the queue masks names and filters', async () => {
    const other = await c.ok('recognition', 'recognition.staff.queue', {}, 'reg-hz')
    expect(other.total).toBe(0)
    expect((await c.call('recognition', { action: 'recognition.staff.get', payload: { id } }, 'reg-hz')).status).toBe(404)
    expect((await act(id, 'submitted', 'recommend', '老字号', 'reg-hz')).status).toBe(404)
    const mine = await c.ok('recognition', 'recognition.staff.queue', { status: 'submitted', category: 'special', marketId: 'demo-market-1' }, REG)
    expect(mine.total).toBe(1)
    expect(mine.items[0].businessName).not.toBe('鹿城区张记面馆')
    expect(mine.items[0].businessName).toContain('*')
    expect((await c.ok('recognition', 'recognition.staff.queue', { category: 'famous' }, REG)).total).toBe(0)
    expect(mine.markets.map((m: { name: string }) => m.name)).toContain('东门农贸市场')
  })

  test('退回补充 with a reason; the owner edits and sends it again; a step without a reason is refused', async () => {
    expect((await act(id, 'submitted', 'return', ' ')).status).toBe(400)
    const back = await act(id, 'submitted', 'return', '请补充获得过的荣誉')
    expect(back.body).toMatchObject({ ok: true, data: { status: 'returned', reason: '请补充获得过的荣誉' } })
    const owner = await c.ok('recognition', 'recognition.get', { id }, OWNER)
    expect(owner).toMatchObject({ status: 'returned', canResubmit: true, reason: '请补充获得过的荣誉' })
    expect((await inbox(OWNER)).find((m) => m.title === '名特优新申报退回补充')?.body).toContain('请补充获得过的荣誉')
    // a stale screen cannot move it
    expect((await act(id, 'submitted', 'recommend', '好')).status).toBe(409)
    const re = await c.ok('recognition', 'recognition.resubmit', { id, what: `${WHAT}2019年获评区级“放心餐饮店”。`, links: [] }, OWNER, 'resubmit-1')
    expect(re).toMatchObject({ status: 'submitted', photos: [expect.any(String)] })
    expect(re.timeline.map((t: { label: string }) => t.label)).toEqual(['待审核', '退回补充', '待审核'])
  })

  test('推荐 opens the 公示; the public list shows the business, never a person; anyone may lodge an 异议 once', async () => {
    const rec = await act(id, 'submitted', 'recommend', '传统手工拉面二十余年，街坊口碑好')
    expect(rec.body).toMatchObject({ ok: true, data: { status: 'publicizing', publicFrom: '2026-12-01', publicUntil: '2026-12-07' } })
    expect(await titles(OWNER)).toContain('名特优新申报已推荐，进入公示')
    const list = await c.ok('recognition', 'recognition.public.list', {}, 'someone-new')
    expect(list.items).toEqual([{ id, businessName: '鹿城区张记面馆', categoryLabel: '特色', place: expect.stringContaining('东门农贸市场'), reason: '传统手工拉面二十余年，街坊口碑好', publicFrom: '2026-12-01', publicUntil: '2026-12-07' }])
    expect(JSON.stringify(list)).not.toMatch(/demo-owner|creditCode|张三|operator/)

    const own = await c.call<any>('recognition', { action: 'recognition.public.object', payload: { id, reason: '我自己对自己有意见吗不可能的' }, requestId: 'recog-obj-own' }, OWNER)
    expect(own.status).toBe(400)
    const short = await c.call<any>('recognition', { action: 'recognition.public.object', payload: { id, reason: '不好' }, requestId: 'recog-obj-short' }, OTHER)
    expect(!short.body.ok && short.body.error.details?.[0]).toMatchObject({ path: 'reason', message: '至少 10 个字' })
    expect(await c.ok('recognition', 'recognition.public.object', { id, reason: '这家店去年才换了老板，不是老字号传承', contact: '13800000000' }, OTHER, 'recog-obj-1')).toMatchObject({ lodged: true })
    // the same request again answers the same; a second 异议 from the same person is refused
    expect((await c.call<any>('recognition', { action: 'recognition.public.object', payload: { id, reason: '这家店去年才换了老板，不是老字号传承' }, requestId: 'recog-obj-1' }, OTHER)).body.ok).toBe(true)
    const twice = await c.call<any>('recognition', { action: 'recognition.public.object', payload: { id, reason: '再说一遍这家店不是老字号的' }, requestId: 'recog-obj-2' }, OTHER)
    expect(twice.status).toBe(409)
    expect(await c.ok('recognition', 'recognition.public.object', { id, reason: '门口占道经营，不应评为特色' }, 'someone-new', 'recog-obj-3')).toMatchObject({ lodged: true })
    expect((await inbox(OWNER)).filter((m) => m.title === '公示期间收到异议')).toHaveLength(2)
    // the owner learns that there are 异议, not who lodged them or how to reach them
    const seen = await c.ok('recognition', 'recognition.get', { id }, OWNER)
    expect(seen.objections).toEqual({ count: 2, answers: [] })
    expect(JSON.stringify(seen)).not.toContain('13800000000')
    // no decision while the 公示 runs
    expect((await act(id, 'publicizing', 'recognise', '符合')).status).toBe(409)
  })

  test('公示期满 (sweep): 待认定, owner and regulator told; 异议 closed; 认定 waits for every answer', async () => {
    // 8 December, 00:00:30 China: the 公示's last day (7 December) is over
    await setClock('2026-12-07T16:00:30Z')
    await trigger()
    const a = await c.ok('recognition', 'recognition.get', { id }, OWNER)
    expect(a.status).toBe('decision')
    expect(await titles(OWNER)).toContain('名特优新公示期满')
    expect(await titles(REG)).toContain('名特优新公示期满，待认定')
    const late = await c.call<any>('recognition', { action: 'recognition.public.object', payload: { id, reason: '公示结束以后再提的异议行不行' }, requestId: 'recog-obj-late' }, 'late-person')
    expect(late.status).toBe(412)
    expect((await c.ok('recognition', 'recognition.public.list', {}, 'someone-new')).total).toBe(0)

    const staff = await c.ok('recognition', 'recognition.staff.get', { id }, REG)
    expect(staff.unanswered).toBe(2)
    expect(staff.objections[0]).toMatchObject({ reason: '这家店去年才换了老板，不是老字号传承', contact: '13800000000', reply: null })
    const early = await act(id, 'decision', 'recognise', '符合')
    expect(early.status).toBe(409)
    expect(!early.body.ok && early.body.error.message).toContain('还有2条异议没有答复')
    for (const o of staff.objections) await c.ok('recognition', 'recognition.staff.answer', { id, objectionId: o.id, reply: '经核实，经营者未变更，异议不成立' }, REG)
    expect((await inbox(OTHER)).find((m) => m.title === '您提出的异议已答复')?.body).toContain('异议不成立')
  })

  test('认定: the category counts for matching from then on, never the owner’s own tick', async () => {
    // before: an owner's old tick in the profile is not believed
    await c.ports.db.collection('owners').update(OTHER, { 'profile.featured': 'special' })
    expect(await previewCount()).toBe(0)
    const done = await act(id, 'decision', 'recognise', '符合特色类条件，异议经核实不成立')
    expect(done.body).toMatchObject({ ok: true, data: { status: 'recognised', recognisedOn: '2026-12-08', validUntil: '2029-12-07' } })
    expect((await inbox(OWNER)).find((m) => m.title === '已认定为名特优新')?.body).toContain('有效至2029-12-07')
    expect(await previewCount()).toBe(1)
    const me = await c.ok('user', 'user.profile.get', {}, OWNER)
    expect(me.recognition).toEqual({ category: 'special', label: '特色', until: '2029-12-07' })
    const mine = await c.ok('recognition', 'recognition.mine', {}, OWNER)
    expect(mine.recognition).toMatchObject({ category: 'special', inForce: true })
    expect(mine.applications[0].objections.answers).toHaveLength(2)
    // the migration turns the old tick into a wish the 申报 page offers
    await migrateFeaturedTicks(c.ports.db)
    const other = await c.ports.db.collection<any>('owners').get(OTHER)
    expect(other.profile.featured).toBeUndefined()
    expect(other.featuredWish).toBe('special')
    expect((await c.ok('recognition', 'recognition.mine', {}, OTHER)).wish).toBe('special')
    expect(await previewCount()).toBe(1)
  })

  test('lapse: one reminder before the last day (clock moved), then the category stops counting', async () => {
    // 8 October 2029, 09:30 China: 60 days before 7 December
    await setClock('2029-10-08T01:30:00Z')
    await trigger()
    await trigger()
    expect((await titles(OWNER)).filter((t) => t === '名特优新认定即将到期')).toHaveLength(1)
    expect(await previewCount()).toBe(1)
    // 8 December 2029, 00:10 China: lapsed
    await setClock('2029-12-07T16:10:00Z')
    expect(await previewCount()).toBe(0)
    await trigger()
    await trigger()
    expect((await titles(OWNER)).filter((t) => t === '名特优新认定已到期')).toHaveLength(1)
    expect((await c.ok('recognition', 'recognition.get', { id }, OWNER)).status).toBe('lapsed')
    expect((await c.ports.db.collection<any>('owners').get(OWNER)).recognised).toBeNull()
    expect((await c.ok('user', 'user.profile.get', {}, OWNER)).recognition).toBeNull()
  })

  test('a late run after the lapse sends the lapse only, not a stale reminder', async () => {
    await setClock('2029-12-08T02:00:00Z')
    const a = await c.ok('recognition', 'recognition.apply', { category: 'quality', what: WHAT }, OWNER, 'recog-apply-q')
    await act(a.id, 'submitted', 'recommend', '质量好')
    await setClock('2029-12-16T02:00:00Z')
    await c.ok('recognition', 'recognition.staff.act', { id: a.id, expected: 'decision', event: { type: 'recognise', reason: '符合' } }, REG)
    // the scheduler was down for three years
    await setClock('2032-12-20T02:00:00Z')
    await trigger()
    const msgs = (await inbox(OWNER)).filter((m) => /优质/.test(m.body) && /到期/.test(m.title))
    expect(msgs.map((m) => m.title)).toEqual(['名特优新认定已到期'])
  })

  test('withdraw before 推荐; not after', async () => {
    const a = await c.ok('recognition', 'recognition.apply', { category: 'emerging', what: WHAT }, OWNER, 'recog-apply-e')
    expect((await c.ok('recognition', 'recognition.withdraw', { id: a.id }, OWNER)).status).toBe('withdrawn')
    // the slot is free again
    expect((await c.ok('recognition', 'recognition.apply', { category: 'emerging', what: WHAT }, OWNER, 'recog-apply-e2')).status).toBe('submitted')
    expect(c.errors).toEqual([])
  })
})
