import { forgetRateLimits, testCloud, type TestCloud } from '../helpers/cloud'

// a real 1×1 PNG and the start of a real JPEG: the server reads the bytes, not the declared type
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]).toString('base64')

const FILING = {
  category: 'fee',
  party: '东门农贸市场管理处',
  what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。',
  happenedOn: '2026-11-18',
  place: '东门农贸市场A-01摊位',
  disclose: false,
  phone: '13912345678'
}

describe('complaint function over HTTP', () => {
  let c: TestCloud
  const setClock = (iso: string) => c.post('/api/local/clock', JSON.stringify({ now: iso }))
  const trigger = () => c.post('/api/local/trigger/scheduler', '')
  // a photo goes up in three steps, as the app sends it: prepare, store the bytes, confirm
  const prepare = (contentType = 'image/png', openid = 'demo-owner-1'): Promise<{ status: number; body: any }> => c.call('complaint', { action: 'complaint.upload.prepare', payload: { contentType } }, openid)
  const store = async (cloudPath: string, bytes: Uint8Array, openid: string | null = 'demo-owner-1') => {
    const res = await fetch(`${c.url}/api/local/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: bytes as unknown as BodyInit
    })
    return { status: res.status, body: (await res.json()) as any }
  }
  const confirm = (uploadId: string, fileId: string, openid = 'demo-owner-1', requestId?: string) =>
    c.call<any>('complaint', { action: 'complaint.upload.confirm', payload: { uploadId, fileId }, ...(requestId ? { requestId } : {}) }, openid)
  const upload = async (data: string | Uint8Array = PNG, contentType = 'image/png', openid = 'demo-owner-1') => {
    const p = await prepare(contentType, openid)
    if (!p.body.ok) return p
    const stored = await store(p.body.data.cloudPath, typeof data === 'string' ? Buffer.from(data, 'base64') : data, openid)
    return confirm(p.body.data.uploadId, stored.body.fileID, openid)
  }
  const uploadRecord = (id: string) => c.ports.db.collection<{ _id: string; state?: string; complaintId: string | null }>('complaintUploads').get(id)
  const inbox = async (openid: string) => (await c.ok('reminder', 'reminder.inbox.list', {}, openid)).messages as Array<{ title: string; body: string }>

  beforeAll(async () => {
    c = await testCloud({ blocklist: ['赌博'] })
    // Friday 20 Nov 2026, 10:00 in China
    await setClock('2026-11-20T02:00:00Z')
    await c.ports.db.collection('staff').set('reg-hz', { role: 'regulator', name: '赵科员', region: '330100', bankName: null, createdAt: '' } as never)
  })
  afterAll(() => c.stop())

  test('photos: real images only, bounded, served back; what is not is deleted at once', async () => {
    const ok = await upload()
    expect(ok.status).toBe(200)
    const url = (ok.body as any).data.url as string
    const served = await fetch(c.url + url)
    expect(Buffer.from(await served.arrayBuffer()).toString('base64')).toBe(PNG)

    // stored bytes that are not an image: refused, and file and record are gone
    const p = (await prepare()).body.data
    const stored = await store(p.cloudPath, Buffer.from('<script>alert(1)</script>'))
    expect(stored.status).toBe(200)
    expect(stored.body.fileID).toBe(`local:${p.cloudPath}`)
    expect((await fetch(`${c.url}/api/local/files/${p.cloudPath}`)).status).toBe(200)
    const text = await confirm(p.uploadId, stored.body.fileID)
    expect(text.status).toBe(400)
    expect(!text.body.ok && text.body.error.message).toContain('只能上传照片')
    expect((await fetch(`${c.url}/api/local/files/${p.cloudPath}`)).status).toBe(404)
    expect(await uploadRecord(p.uploadId)).toBeNull()

    const mismatch = await upload(JPEG, 'image/png')
    expect(!mismatch.body.ok && mismatch.body.error.message).toContain('不符')
    expect((await prepare('application/pdf')).status).toBe(400)
    // bigger than a compressed photo may be: refused by the function (the storage took it)
    const huge = new Uint8Array(700 * 1024)
    huge.set([0xff, 0xd8, 0xff, 0xe0])
    const big = await upload(huge, 'image/jpeg')
    expect(big.status).toBe(400)
    expect(!big.body.ok && big.body.error.details?.[0].message).toContain('图片太大')
    // the storage endpoint itself stops a runaway body
    const runaway = await store((await prepare()).body.data.cloudPath, new Uint8Array(2 * 1024 * 1024 + 1))
    expect(runaway.status).toBe(413)
    expect(runaway.body.error.message).toContain('文件太大')
    expect((await prepare('image/png', 'demo-regulator')).status).toBe(403)
  })

  test('photos: only into the owner’s own folder, only the file issued, confirmed once per requestId', async () => {
    const mine = (await prepare()).body.data
    expect(mine.cloudPath).toMatch(/^complaint-uploads\/[0-9a-f]{24}\/[0-9a-f]{32}\.png$/)
    expect(mine.cloudPath).not.toContain('demo-owner-1')
    // another owner cannot store into my folder, nor confirm my upload, nor claim my file for theirs
    const intrude = await store(mine.cloudPath, Buffer.from(PNG, 'base64'), 'demo-owner-2')
    expect(intrude.status).toBe(403)
    expect(intrude.body.error.message).toBe('只能上传到自己的文件夹')
    expect((await store(mine.cloudPath, Buffer.from(PNG, 'base64'), null)).status).toBe(401)
    expect((await store('complaint-uploads/../../db/owners.db', Buffer.from(PNG, 'base64'))).status).toBe(400)
    const stored = await store(mine.cloudPath, Buffer.from(PNG, 'base64'))
    expect((await confirm(mine.uploadId, stored.body.fileID, 'demo-owner-2')).status).toBe(404)
    const theirs = (await prepare('image/png', 'demo-owner-2')).body.data
    const claim = await confirm(theirs.uploadId, stored.body.fileID, 'demo-owner-2')
    expect(!claim.body.ok && claim.body.error.message).toBe('照片存放的位置不对，请重新选择')
    // a file never stored, and an upload never confirmed, cannot be filed
    const never = await confirm(theirs.uploadId, `local:${theirs.cloudPath}`, 'demo-owner-2')
    expect(!never.body.ok && never.body.error.message).toBe('照片没有传上去，请重新选择')
    const unconfirmed = await c.call('complaint', { action: 'complaint.submit', payload: { ...FILING, photos: [mine.uploadId] } })
    expect(!unconfirmed.body.ok && unconfirmed.body.error.message).toBe('有照片没有上传成功，请重新选择')

    // the same requestId gets the first answer; a second confirm of the same file the same upload
    const first = await confirm(mine.uploadId, stored.body.fileID, 'demo-owner-1', 'confirm-1')
    expect(first.status).toBe(200)
    expect(await confirm(mine.uploadId, stored.body.fileID, 'demo-owner-1', 'confirm-1')).toEqual(first)
    expect((await confirm(mine.uploadId, stored.body.fileID, 'demo-owner-1', 'confirm-2')).body).toEqual(first.body)
    expect(await c.ports.db.collection('complaintUploads').count({ _id: mine.uploadId })).toBe(1)
    expect((await uploadRecord(mine.uploadId))?.state).toBe('ready')
  })

  test('submit: a tracking number at once, the accept deadline in working days, one complaint per requestId', async () => {
    const photo = (await upload()).body as any
    const first = await c.ok('complaint', 'complaint.submit', { ...FILING, photos: [photo.data.uploadId] }, 'demo-owner-1', 'request-1')
    expect(first.id).toMatch(/^SQ20261120[2-9A-HJ-NP-Z]{6}$/)
    expect(first).toMatchObject({ status: 'submitted', statusLabel: '已提交', held: false, categoryLabel: '违规收费', phone: '13912345678' })
    // received Fri 20 Nov: the 7th working day after is Tue 1 Dec
    expect(first.deadline).toEqual({ step: 'accept', label: '受理期限', date: '2026-12-01', calendarKnown: true, overdue: false })
    expect(first.photos).toHaveLength(1)
    expect(first.timeline.map((t: any) => t.label)).toEqual(['已提交'])

    const again = await c.ok('complaint', 'complaint.submit', { ...FILING, photos: [photo.data.uploadId] }, 'demo-owner-1', 'request-1')
    expect(again.id).toBe(first.id)
    expect(await c.ports.db.collection('complaints').count({ openid: 'demo-owner-1' })).toBe(1)
    // even if the request record is gone (a crash after storing), the requestId on the complaint finds it
    await c.ports.db.collection('requests').remove('demo-owner-1:complaint.submit:request-1')
    const afterCrash = await c.ok('complaint', 'complaint.submit', { ...FILING, photos: [photo.data.uploadId] }, 'demo-owner-1', 'request-1')
    expect(afterCrash.id).toBe(first.id)

    // a photo belongs to one complaint, and to its owner only
    const reused = await c.call('complaint', { action: 'complaint.submit', payload: { ...FILING, photos: [photo.data.uploadId] }, requestId: 'request-2' })
    expect(!reused.body.ok && reused.body.error.message).toContain('另一条诉求')
    const other = await c.call('complaint', { action: 'complaint.submit', payload: { ...FILING, photos: [((await upload()).body as any).data.uploadId] }, requestId: 'request-3' }, 'demo-owner-2')
    expect(other.status).toBe(400)

    const future = await c.call('complaint', { action: 'complaint.submit', payload: { ...FILING, happenedOn: '2026-12-24' } })
    expect(!future.body.ok && future.body.error.details?.[0]).toEqual({ path: 'happenedOn', message: '发生日期不能晚于今天' })
    const seven = await c.call('complaint', { action: 'complaint.submit', payload: { ...FILING, photos: Array.from({ length: 7 }, (_, i) => `p${i}`) } })
    expect(!seven.body.ok && seven.body.error.details?.[0].message).toBe('最多6张照片')
    const short = await c.call('complaint', { action: 'complaint.submit', payload: { ...FILING, what: '乱收费' } })
    expect(short.status).toBe(400)

    const messages = await inbox('demo-owner-1')
    expect(messages.filter((m) => m.title === '诉求已提交')).toHaveLength(1)
    expect(messages[0].body).toContain(first.id)
  })

  test('flagged text is stored and held for a person, never dropped', async () => {
    const held = await c.ok('complaint', 'complaint.submit', { ...FILING, what: '隔壁摊位晚上聚众赌博，市场管理员收钱不管。' }, 'demo-owner-2')
    expect(held.held).toBe(true)
    expect((await c.ok('complaint', 'complaint.get', { id: held.id }, 'demo-owner-2')).what).toContain('赌博')
    expect((await inbox('demo-owner-2')).find((m) => m.body.includes(held.id))?.body).toContain('人工复核')
    const queue = await c.ok('complaint', 'complaint.staff.queue', {}, 'demo-regulator')
    expect(queue.items.find((i: any) => i.id === held.id).held).toBe(true)
    // accepting is the review: a person has read it
    const accepted = await c.ok('complaint', 'complaint.staff.act', { id: held.id, expected: 'submitted', event: { type: 'accept' } }, 'demo-regulator')
    expect(accepted.held).toBe(false)
  })

  test('owners see only their own; regulators only their region; staff views mask the phone and hide the reporter', async () => {
    const [mine] = (await c.ok('complaint', 'complaint.list', {}, 'demo-owner-1')).complaints
    expect((await c.ok('complaint', 'complaint.list', {}, 'demo-owner-2')).complaints.map((x: any) => x.id)).not.toContain(mine.id)
    const peek = await c.call('complaint', { action: 'complaint.get', payload: { id: mine.id } }, 'demo-owner-2')
    expect(peek.status).toBe(404)
    const rate = await c.call('complaint', { action: 'complaint.rate', payload: { id: mine.id, rating: 'satisfied' } }, 'demo-owner-2')
    expect(rate.status).toBe(404)

    const staff = await c.ok('complaint', 'complaint.staff.get', { id: mine.id }, 'demo-regulator')
    expect(staff.phone).toBe('139****5678')
    expect(staff.reporter).toBe('身份保密（举报人未同意公开）')
    expect(JSON.stringify(staff)).not.toContain('张记面馆')
    expect(staff).toMatchObject({ marketName: '东门农贸市场', region: '330302', actions: ['accept', 'reject'] })

    const named = await c.ok('complaint', 'complaint.submit', { ...FILING, disclose: true }, 'demo-owner-1')
    expect((await c.ok('complaint', 'complaint.staff.get', { id: named.id }, 'demo-regulator')).reporter).toBe('鹿城区张记面馆，东门农贸市场A-01摊位')

    const elsewhere = await c.ok('complaint', 'complaint.staff.queue', {}, 'reg-hz')
    expect(elsewhere.items).toEqual([])
    expect(elsewhere.markets).toEqual([])
    expect((await c.call('complaint', { action: 'complaint.staff.get', payload: { id: mine.id } }, 'reg-hz')).status).toBe(404)
    const act = await c.call('complaint', { action: 'complaint.staff.act', payload: { id: mine.id, expected: 'submitted', event: { type: 'accept' } } }, 'reg-hz')
    expect(act.status).toBe(404)
    expect((await c.ok('complaint', 'complaint.staff.queue', {}, 'demo-admin')).items.length).toBeGreaterThanOrEqual(3)

    // roles: owners cannot work the queue; staff cannot file
    expect((await c.call('complaint', { action: 'complaint.staff.queue', payload: {} }, 'demo-owner-1')).status).toBe(403)
    expect((await c.call('complaint', { action: 'complaint.submit', payload: FILING }, 'demo-regulator')).status).toBe(403)
    expect((await c.call('complaint', { action: 'complaint.list', payload: {} }, 'demo-bank')).status).toBe(403)

    const filtered = await c.ok('complaint', 'complaint.staff.queue', { category: 'fee', marketId: 'demo-market-1', status: 'submitted' }, 'demo-regulator')
    expect(filtered.items.length).toBeGreaterThan(0)
    expect(filtered.items.every((i: any) => i.status === 'submitted' && i.category === 'fee' && i.marketName === '东门农贸市场')).toBe(true)
    expect((await c.ok('complaint', 'complaint.staff.queue', { marketId: 'demo-market-2' }, 'demo-regulator')).items).toEqual([])
  })

  test('the whole phone only on an officer’s request inside the region, and every request audited', async () => {
    const filed = await c.ok('complaint', 'complaint.submit', FILING, 'demo-owner-1')
    expect(await c.ok('complaint', 'complaint.staff.phone', { id: filed.id }, 'demo-regulator')).toEqual({ phone: '13912345678' })
    // still masked in the case view; the request is on record
    const seen = await c.ok('complaint', 'complaint.staff.get', { id: filed.id }, 'demo-regulator')
    expect(seen.phone).toBe('139****5678')
    expect(seen.audit.map((a: any) => `${a.staff}:${a.action}`)).toEqual(['王科员:查看电话'])
    // outside the region, the owner themself, a bank: refused; no phone left: said so
    expect((await c.call('complaint', { action: 'complaint.staff.phone', payload: { id: filed.id } }, 'reg-hz')).status).toBe(404)
    expect((await c.call('complaint', { action: 'complaint.staff.phone', payload: { id: filed.id } }, 'demo-owner-1')).status).toBe(403)
    expect((await c.call('complaint', { action: 'complaint.staff.phone', payload: { id: filed.id } }, 'demo-bank')).status).toBe(403)
    const { phone: _none, ...noPhone } = FILING
    const quiet = await c.ok('complaint', 'complaint.submit', noPhone, 'demo-owner-1')
    const none = await c.call('complaint', { action: 'complaint.staff.phone', payload: { id: quiet.id } }, 'demo-regulator')
    expect(!none.body.ok && none.body.error.message).toBe('反映人没有留电话')
    expect((await c.ok('complaint', 'complaint.staff.get', { id: filed.id }, 'demo-regulator')).audit).toHaveLength(1)
  })

  test('the closed loop: accept, assign, reply; 不满意 reopens once; every step messaged and audited', async () => {
    // one owner files many here at a frozen clock; rate limits have their own tests (lists.test.ts)
    await forgetRateLimits(c.ports.db, 'demo-owner-1')
    const filed = await c.ok('complaint', 'complaint.submit', { ...FILING, category: 'fine' }, 'demo-owner-1')
    const id = filed.id
    const act = (expected: string, event: object, who = 'demo-regulator') => c.call('complaint', { action: 'complaint.staff.act', payload: { id, expected, event } }, who)

    expect((await c.call('complaint', { action: 'complaint.rate', payload: { id, rating: 'satisfied' } })).status).toBe(409)
    expect((await act('submitted', { type: 'reply', reply: '已处理' })).status).toBe(409)
    const noReason = await act('submitted', { type: 'reject', reason: ' ' })
    expect(noReason.status).toBe(400)

    const accepted = await c.ok('complaint', 'complaint.staff.act', { id, expected: 'submitted', event: { type: 'accept' } }, 'demo-regulator')
    // accepted Fri 20 Nov with the default 15 working days: Fri 11 Dec
    expect(accepted.deadline).toMatchObject({ step: 'reply', date: '2026-12-11' })
    // a second officer on a stale screen
    const stale = await act('submitted', { type: 'accept' }, 'demo-supervisor')
    expect(stale.status).toBe(409)
    expect(!stale.body.ok && stale.body.error.message).toContain('已受理')

    await c.ok('complaint', 'complaint.staff.act', { id, expected: 'accepted', event: { type: 'assign', office: '综合行政执法队' } }, 'demo-regulator')
    const replied = await c.ok('complaint', 'complaint.staff.act', { id, expected: 'handling', event: { type: 'reply', reply: '经核查，罚款依据不足，已撤销。' } }, 'demo-regulator')
    expect(replied).toMatchObject({ status: 'replied', deadline: null, actions: ['close'] })

    const owner = await c.ok('complaint', 'complaint.get', { id })
    expect(owner).toMatchObject({ canRate: true, canReopen: true, office: '综合行政执法队', reply: '经核查，罚款依据不足，已撤销。' })
    const noComment = await c.call('complaint', { action: 'complaint.rate', payload: { id, rating: 'unsatisfied' } })
    expect(!noComment.body.ok && noComment.body.error.details?.[0]).toEqual({ path: 'comment', message: '请说说哪里不满意' })

    const reopened = await c.ok('complaint', 'complaint.rate', { id, rating: 'unsatisfied', comment: '罚款还没有退回' })
    expect(reopened).toMatchObject({ status: 'handling', canRate: false, canReopen: false })
    expect(reopened.deadline.step).toBe('reply')
    expect(reopened.ratings.map((r: any) => r.label)).toEqual(['不满意'])

    await c.ok('complaint', 'complaint.staff.act', { id, expected: 'handling', event: { type: 'reply', reply: '罚款已退回至您的账户。' } }, 'demo-regulator')
    expect((await c.ok('complaint', 'complaint.get', { id })).canReopen).toBe(false)
    // a second 不满意 is recorded and the case closes: it does not reopen forever
    const closed = await c.ok('complaint', 'complaint.rate', { id, rating: 'unsatisfied', comment: '退得太慢' })
    expect(closed.status).toBe('closed')
    expect(closed.timeline.map((t: any) => t.label)).toEqual(['已提交', '已受理', '办理中', '已答复', '办理中', '已答复', '已办结'])

    const titles = (await inbox('demo-owner-1')).filter((m) => m.body.includes(id)).map((m) => m.title)
    expect(titles.sort()).toEqual(['诉求重新办理', '诉求办理中', '诉求已办结', '诉求已受理', '诉求已提交', '诉求已答复', '诉求已答复'].sort())

    const staff = await c.ok('complaint', 'complaint.staff.get', { id }, 'demo-regulator')
    expect(staff.audit.map((a: any) => `${a.staff}:${a.action}`)).toEqual(['王科员:受理', '王科员:交办', '王科员:答复', '王科员:答复'])
    expect(staff.audit[1].detail).toBe('综合行政执法队')
  })

  test('the overdue sweep marks a missed step and tells the supervisors once', async () => {
    const filed = await c.ok('complaint', 'complaint.submit', { ...FILING, category: 'market' }, 'demo-owner-2')
    expect(filed.deadline.date).toBe('2026-12-01')
    // the last day to accept is still on time
    await setClock('2026-12-01T15:59:00Z')
    expect((await trigger()).status).toBe(200)
    expect((await c.ok('complaint', 'complaint.get', { id: filed.id }, 'demo-owner-2')).deadline.overdue).toBe(false)

    await setClock('2026-12-01T16:01:00Z')
    await trigger()
    expect((await c.ok('complaint', 'complaint.get', { id: filed.id }, 'demo-owner-2')).deadline.overdue).toBe(true)
    const overdue = await c.ok('complaint', 'complaint.staff.queue', { overdue: true }, 'demo-regulator')
    expect(overdue.items.map((i: any) => i.id)).toContain(filed.id)

    const heard = async (openid: string) => (await inbox(openid)).filter((m) => m.body.includes(filed.id))
    expect((await heard('demo-supervisor')).map((m) => m.title)).toEqual(['诉求受理超期'])
    expect(await heard('demo-admin')).toHaveLength(1)
    // an officer who is not a supervisor, and a supervisor of another city, hear nothing
    expect(await heard('demo-regulator')).toHaveLength(0)
    await trigger()
    expect(await heard('demo-supervisor')).toHaveLength(1)

    // accepting starts the reply deadline afresh; closed and replied steps are never overdue
    const accepted = await c.ok('complaint', 'complaint.staff.act', { id: filed.id, expected: 'submitted', event: { type: 'accept' } }, 'demo-regulator')
    expect(accepted.deadline).toMatchObject({ step: 'reply', overdue: false })
    await setClock(null as never)
  })

  test('photos never filed are refused after a day and deleted after two; a filed photo that lost its link is linked, not deleted', async () => {
    // one owner files many here at a frozen clock; rate limits have their own tests (lists.test.ts)
    await forgetRateLimits(c.ports.db, 'demo-owner-1')
    const record = (id: string) => c.ports.db.collection<{ _id: string; complaintId: string | null }>('complaintUploads').get(id)
    const served = async (url: string) => (await fetch(`${c.url}${url}`)).status
    await setClock('2026-12-10T02:00:00Z')
    const kept = ((await upload()).body as any).data
    const abandoned = ((await upload(JPEG, 'image/jpeg')).body as any).data
    // the phone stored this one, then never confirmed it (closed, lost the network)
    const unconfirmed = (await prepare()).body.data
    expect((await store(unconfirmed.cloudPath, Buffer.from(PNG, 'base64'))).status).toBe(200)
    const filed = await c.ok('complaint', 'complaint.submit', { ...FILING, photos: [kept.uploadId] }, 'demo-owner-1')
    // a filing that stopped after storing the complaint but before linking its photo
    await c.ports.db.collection('complaintUploads').update(kept.uploadId, { complaintId: null })

    // a day and an hour later: too old to file, still stored
    await setClock('2026-12-11T03:00:00Z')
    const late = await c.call('complaint', { action: 'complaint.submit', payload: { ...FILING, photos: [abandoned.uploadId] } }, 'demo-owner-1')
    expect(!late.body.ok && late.body.error.details).toEqual([{ path: 'photos.0', message: '第1张照片上传已超过一天，请删掉后重新选择' }])
    await trigger()
    expect(await record(abandoned.uploadId)).not.toBeNull()
    expect(await served(abandoned.url)).toBe(200)

    // two days on: the abandoned photo is gone, file and record; the filed one is linked and kept
    await setClock('2026-12-12T02:00:01Z')
    const run = (await trigger()).body
    expect(run.data.sweeps.find((s: { name: string }) => s.name === 'complaint-upload-cleanup')!.handled).toBeGreaterThanOrEqual(3)
    expect(await record(abandoned.uploadId)).toBeNull()
    expect(await served(abandoned.url)).toBe(404)
    expect(await record(unconfirmed.uploadId)).toBeNull()
    expect(await served(`/api/local/files/${unconfirmed.cloudPath}`)).toBe(404)
    expect((await record(kept.uploadId))!.complaintId).toBe(filed.id)
    const photos = (await c.ok('complaint', 'complaint.get', { id: filed.id }, 'demo-owner-1')).photos
    expect(await served(photos[0])).toBe(200)
    // nothing left to do
    const again = (await trigger()).body
    expect(again.data.sweeps.find((s: { name: string }) => s.name === 'complaint-upload-cleanup')!.handled).toBe(0)
    await setClock(null as never)
  })
})
