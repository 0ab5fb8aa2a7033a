import { forgetRateLimits, testCloud, type TestCloud } from '../helpers/cloud'

/**
 * The owner's side of the loop over HTTP: 撤回 before 受理, 补充材料 (text and photos) while the case
 * is open, 催办 once its deadline has passed and at most once per working day; who may do each,
 * in which states, who hears about it, and that each happens once.
 */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const FILING = {
  category: 'fee',
  party: '东门农贸市场管理处',
  what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。',
  happenedOn: '2026-11-18',
  place: '东门农贸市场A-01摊位',
  disclose: false
}
const OWNER = 'demo-owner-1'
const OTHER = 'demo-owner-2'

describe('撤回, 补充材料 and 催办 over HTTP', () => {
  let c: TestCloud
  let n = 0
  const setClock = (iso: string | null) => c.post('/api/local/clock', JSON.stringify({ now: iso }))
  const trigger = () => c.post('/api/local/trigger/scheduler', '')
  const call = (action: string, payload: unknown, openid = OWNER, requestId?: string) => c.call<any>('complaint', { action, payload, ...(requestId ? { requestId } : {}) }, openid)
  // these tests file many at one frozen instant: the rate limit has its own tests (lists.test.ts)
  const file = async (openid = OWNER, more: object = {}) => {
    await forgetRateLimits(c.ports.db, openid)
    return c.ok('complaint', 'complaint.submit', { ...FILING, ...more }, openid, `loop-file-${++n}`)
  }
  const act = (id: string, expected: string, event: object, who = 'demo-regulator') => c.ok('complaint', 'complaint.staff.act', { id, expected, event }, who)
  /** a photo through the owner's upload path: prepare, store the bytes, confirm */
  const photo = async (openid = OWNER, bytes: Uint8Array = Buffer.from(PNG, 'base64')) => {
    const p = await c.ok('complaint', 'complaint.upload.prepare', { contentType: 'image/png' }, openid, `loop-prep-${++n}`)
    const res = await fetch(`${c.url}/api/local/storage/upload?cloudPath=${encodeURIComponent(p.cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': openid },
      body: bytes as unknown as BodyInit
    })
    const fileId = ((await res.json()) as { fileID: string }).fileID
    return { uploadId: p.uploadId as string, fileId, confirm: () => call('complaint.upload.confirm', { uploadId: p.uploadId, fileId }, openid) }
  }
  const readyPhoto = async (openid = OWNER) => {
    const p = await photo(openid)
    const r = await p.confirm()
    expect(r.status).toBe(200)
    return p.uploadId
  }
  const inbox = async (openid: string) => (await c.ok('reminder', 'reminder.inbox.list', { limit: 50 }, openid)).messages as Array<{ title: string; body: string; page: string | null }>
  const heard = async (openid: string, id: string, title: string) => (await inbox(openid)).filter((m) => m.title === title && m.body.includes(id))

  beforeAll(async () => {
    c = await testCloud()
    // Friday 20 Nov 2026, 10:00 in China: the accept deadline is Tue 1 Dec
    await setClock('2026-11-20T02:00:00Z')
    await c.ports.db.collection('staff').set('reg-hz', { role: 'regulator', name: '赵科员', region: '330100', bankName: null, createdAt: '' } as never)
  })
  afterAll(() => c.stop())

  describe('撤回', () => {
    test('before 受理, with an optional reason: 已撤回 for the owner and in the regulator’s queue, and nothing more can happen to it', async () => {
      const filed = await file()
      expect(filed).toMatchObject({ canWithdraw: true })
      const withdrawn = await c.ok('complaint', 'complaint.withdraw', { id: filed.id, reason: '管理处已经退钱了' })
      expect(withdrawn).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回', deadline: null, canWithdraw: false, supplementsLeft: 0, urge: null })
      expect(withdrawn.timeline.map((t: any) => [t.label, t.note])).toEqual([['已提交', null], ['已撤回', '撤回原因：管理处已经退钱了']])
      expect((await heard(OWNER, filed.id, '诉求已撤回'))).toHaveLength(1)

      // the queue shows it, also under its own filter, and the workbench offers no action
      const queue = await c.ok('complaint', 'complaint.staff.queue', {}, 'demo-regulator')
      expect(queue.items.find((i: any) => i.id === filed.id)).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回', deadline: null })
      expect((await c.ok('complaint', 'complaint.staff.queue', { status: 'withdrawn' }, 'demo-regulator')).items.map((i: any) => i.id)).toEqual([filed.id])
      const staff = await c.ok('complaint', 'complaint.staff.get', { id: filed.id }, 'demo-regulator')
      expect(staff).toMatchObject({ status: 'withdrawn', actions: [] })
      expect(staff.timeline[1].note).toBe('撤回原因：管理处已经退钱了')
      const accept = await call('complaint.staff.act', { id: filed.id, expected: 'submitted', event: { type: 'accept' } }, 'demo-regulator')
      expect(accept.status).toBe(409)
      expect(!accept.body.ok && accept.body.error.message).toBe('这条诉求已是“已撤回”，请刷新后再操作')
      const again = await call('complaint.withdraw', { id: filed.id })
      expect(!again.body.ok && again.body.error.message).toBe('这条诉求已经撤回了')
      expect((await call('complaint.supplement', { id: filed.id, text: '还有一张收据' }, OWNER, 'loop-late-1')).status).toBe(409)

      // its deadline no longer runs: the overdue sweep says nothing about it
      await setClock('2026-12-05T02:00:00Z')
      await trigger()
      expect(await heard('demo-supervisor', filed.id, '诉求受理超期')).toHaveLength(0)
      await setClock('2026-11-20T02:00:00Z')
    })

    test('without a reason; never once accepted; only by the owner who filed it', async () => {
      const quiet = await file()
      expect((await c.ok('complaint', 'complaint.withdraw', { id: quiet.id })).timeline[1]).toMatchObject({ label: '已撤回', note: null })

      const filed = await file()
      expect((await call('complaint.withdraw', { id: filed.id }, OTHER)).status).toBe(404)
      expect((await call('complaint.withdraw', { id: filed.id }, 'demo-regulator')).status).toBe(403)
      await act(filed.id, 'submitted', { type: 'accept' })
      const late = await call('complaint.withdraw', { id: filed.id, reason: '不想办了' })
      expect(late.status).toBe(409)
      expect(!late.body.ok && late.body.error.message).toBe('诉求已受理，不能撤回了。如果问题已经解决，可以补充材料告诉办理人员')
      expect((await c.ok('complaint', 'complaint.get', { id: filed.id })).status).toBe('accepted')
      const tooLong = await call('complaint.withdraw', { id: filed.id, reason: '长'.repeat(201) })
      expect(tooLong.status).toBe(400)
    })

    test('an officer accepting and the owner withdrawing at the same moment: one wins, the other is told plainly', async () => {
      for (let round = 0; round < 5; round++) {
        const filed = await file()
        const [w, a] = await Promise.all([
          call('complaint.withdraw', { id: filed.id }),
          call('complaint.staff.act', { id: filed.id, expected: 'submitted', event: { type: 'accept' } }, 'demo-regulator')
        ])
        expect([w.body.ok, a.body.ok].filter(Boolean)).toHaveLength(1)
        const stored = await c.ok('complaint', 'complaint.get', { id: filed.id })
        expect(stored.status).toBe(w.body.ok ? 'withdrawn' : 'accepted')
        expect(stored.timeline).toHaveLength(2)
        if (!w.body.ok) expect(w.body.error.message).toContain('诉求已受理，不能撤回了')
        else expect(!a.body.ok && a.body.error.message).toContain('已撤回')
      }
    })
  })

  describe('补充材料', () => {
    test('text and photos while open; the handler sees them in the workbench timeline and is told; once per requestId', async () => {
      const filed = await file()
      expect(filed.supplementsLeft).toBe(10)
      // before anyone has acted: the officers of the region are told (not another city's, not the supervisor)
      const photoId = await readyPhoto()
      const first = await c.ok('complaint', 'complaint.supplement', { id: filed.id, text: '11月19日又收了一次，这次给了收据，照片附上。', photos: [photoId] }, OWNER, 'loop-sup-1')
      expect(first.status).toBe('submitted')
      expect(first.supplementsLeft).toBe(9)
      const entry = first.timeline[1]
      expect(entry).toMatchObject({ kind: 'supplement', label: '补充材料', note: '11月19日又收了一次，这次给了收据，照片附上。', held: false })
      expect(entry.photos).toHaveLength(1)
      expect((await fetch(c.url + entry.photos[0])).status).toBe(200)
      expect((await heard('demo-regulator', filed.id, '诉求有补充材料')).map((m) => m.body)).toEqual([`东门农贸市场的诉求${filed.id}（已提交）有反映人补充的材料（含照片1张），请查看。`])
      expect((await heard('demo-regulator', filed.id, '诉求有补充材料'))[0].page).toBe(`staff/pages/complaint/index?id=${filed.id}`)
      expect(await heard('reg-hz', filed.id, '诉求有补充材料')).toHaveLength(0)
      expect(await heard('demo-supervisor', filed.id, '诉求有补充材料')).toHaveLength(0)

      // the same request again (a lost answer): the same entry, not a second
      const retried = await c.ok('complaint', 'complaint.supplement', { id: filed.id, text: '11月19日又收了一次，这次给了收据，照片附上。', photos: [photoId] }, OWNER, 'loop-sup-1')
      expect(retried.timeline).toHaveLength(2)
      expect(await heard('demo-regulator', filed.id, '诉求有补充材料')).toHaveLength(1)

      // the workbench: the entry with its photo, and the queue flags it
      const staff = await c.ok('complaint', 'complaint.staff.get', { id: filed.id }, 'demo-regulator')
      expect(staff.supplemented).toBe(true)
      expect(staff.timeline[1]).toMatchObject({ kind: 'supplement', label: '补充材料' })
      expect(staff.timeline[1].photos).toHaveLength(1)
      expect((await c.ok('complaint', 'complaint.staff.queue', {}, 'demo-regulator')).items.find((i: any) => i.id === filed.id)).toMatchObject({ supplemented: true, urged: false })

      // once an officer has acted, that officer is the one told; after 受理 the flag clears until the next one
      await act(filed.id, 'submitted', { type: 'accept' }, 'demo-supervisor')
      expect((await c.ok('complaint', 'complaint.staff.get', { id: filed.id }, 'demo-regulator')).supplemented).toBe(false)
      await c.ok('complaint', 'complaint.supplement', { id: filed.id, text: '管理处说下个月还要收。' }, OWNER, 'loop-sup-2')
      expect(await heard('demo-supervisor', filed.id, '诉求有补充材料')).toHaveLength(1)
      expect(await heard('demo-regulator', filed.id, '诉求有补充材料')).toHaveLength(1)

      // a photo alone is enough; nothing at all is not
      const onlyPhoto = await c.ok('complaint', 'complaint.supplement', { id: filed.id, photos: [await readyPhoto()] }, OWNER, 'loop-sup-3')
      expect(onlyPhoto.timeline.at(-1)).toMatchObject({ kind: 'supplement', note: null })
      const empty = await call('complaint.supplement', { id: filed.id, text: '   ' }, OWNER, 'loop-sup-4')
      expect(empty.status).toBe(400)
      expect(!empty.body.ok && empty.body.error.details?.[0]).toEqual({ path: 'text', message: '请写下要补充的内容，或加一张照片' })
    })

    test('photos: the same limits and checks as filing; only the owner’s own, each used once', async () => {
      const filed = await file()
      const other = await file(OTHER)
      // more than six at once
      const seven = await call('complaint.supplement', { id: filed.id, photos: Array.from({ length: 7 }, (_, i) => `p${i}`) }, OWNER, 'loop-ph-1')
      expect(!seven.body.ok && seven.body.error.details?.[0].message).toBe('一次最多6张照片')
      // not confirmed (the bytes were never checked)
      const pending = await photo()
      const unconfirmed = await call('complaint.supplement', { id: filed.id, photos: [pending.uploadId] }, OWNER, 'loop-ph-2')
      expect(!unconfirmed.body.ok && unconfirmed.body.error.details?.[0]).toEqual({ path: 'photos.0', message: '有照片没有上传成功，请重新选择' })
      // what is not an image never becomes usable: the confirm step deletes it
      const fake = await photo(OWNER, Buffer.from('<html>not a photo</html>'))
      expect((await fake.confirm()).status).toBe(400)
      expect((await call('complaint.supplement', { id: filed.id, photos: [fake.uploadId] }, OWNER, 'loop-ph-3')).status).toBe(400)
      // another owner's photo, and a photo already filed with another complaint
      const theirs = await readyPhoto(OTHER)
      expect((await call('complaint.supplement', { id: filed.id, photos: [theirs] }, OWNER, 'loop-ph-4')).status).toBe(400)
      const used = await readyPhoto()
      await c.ok('complaint', 'complaint.supplement', { id: filed.id, photos: [used] }, OWNER, 'loop-ph-5')
      const reused = await call('complaint.supplement', { id: (await file()).id, photos: [used] }, OWNER, 'loop-ph-6')
      expect(!reused.body.ok && reused.body.error.details?.[0].message).toBe('这张照片已用在另一条诉求里，请重新选择')
      // roles and ownership
      expect((await call('complaint.supplement', { id: other.id, text: '我也看到了' }, OWNER, 'loop-ph-7')).status).toBe(404)
      expect((await call('complaint.supplement', { id: filed.id, text: '补充' }, 'demo-regulator', 'loop-ph-8')).status).toBe(403)
    })

    test('flagged text is kept and marked for a person; not once the case is answered or over; at most ten', async () => {
      const filed = await file()
      // the local content check flags this word (as WeChat's msgSecCheck would)
      const held = await c.ok('complaint', 'complaint.supplement', { id: filed.id, text: '他们还说要找人收拾我，涉及赌博的事。' }, OWNER, 'loop-held-1')
      expect(held.timeline.at(-1).held).toBe(true)
      expect((await c.ok('complaint', 'complaint.staff.get', { id: filed.id }, 'demo-regulator')).timeline.at(-1)).toMatchObject({ held: true, note: '他们还说要找人收拾我，涉及赌博的事。' })

      await act(filed.id, 'submitted', { type: 'accept' })
      await act(filed.id, 'accepted', { type: 'assign', office: '市场监管所' })
      await act(filed.id, 'handling', { type: 'reply', reply: '已责令退还。' })
      const answered = await call('complaint.supplement', { id: filed.id, text: '还没退' }, OWNER, 'loop-held-2')
      expect(answered.status).toBe(409)
      expect(!answered.body.ok && answered.body.error.message).toBe('已经答复了；如不满意，请在评价里说明')
      expect((await c.ok('complaint', 'complaint.get', { id: filed.id })).supplementsLeft).toBe(0)

      const many = await file()
      for (let i = 0; i < 10; i++) await c.ok('complaint', 'complaint.supplement', { id: many.id, text: `第${i + 1}次补充` }, OWNER, `loop-many-${i}`)
      const eleventh = await call('complaint.supplement', { id: many.id, text: '第11次补充' }, OWNER, 'loop-many-10')
      expect(!eleventh.body.ok && eleventh.body.error.message).toBe('补充材料已有10次，不能再加了；可以在答复后的评价里说明')
    })

    test('the cleanup sweep keeps a supplement’s photos (and links one that lost its link)', async () => {
      await setClock('2026-12-10T02:00:00Z')
      const filed = await file()
      const kept = await readyPhoto()
      await c.ok('complaint', 'complaint.supplement', { id: filed.id, photos: [kept] }, OWNER, 'loop-sweep-1')
      // a supplement that stopped after writing the complaint, before linking its photo
      await c.ports.db.collection('complaintUploads').update(kept, { complaintId: null })
      await setClock('2026-12-13T02:00:00Z')
      await trigger()
      expect(((await c.ports.db.collection('complaintUploads').get(kept)) as { complaintId: string | null } | null)?.complaintId).toBe(filed.id)
      const url = (await c.ok('complaint', 'complaint.get', { id: filed.id })).timeline[1].photos[0]
      expect((await fetch(c.url + url)).status).toBe(200)
      await setClock('2026-11-20T02:00:00Z')
    })
  })

  describe('催办', () => {
    test('not before the deadline has passed; then the handler and the supervisors are told; once per working day', async () => {
      await setClock('2026-11-20T02:00:00Z')
      const filed = await file()
      expect(filed.urge).toEqual({ can: false, from: '2026-12-02', reason: '还在受理期限内（12月1日），12月2日起可以催办', lastAt: null })
      const early = await call('complaint.urge', { id: filed.id }, OWNER, 'loop-urge-0')
      expect(early.status).toBe(412)
      expect(!early.body.ok && early.body.error.message).toBe('还在受理期限内（12月1日），12月2日起可以催办')
      // the last day to accept is still on time
      await setClock('2026-12-01T15:59:00Z')
      expect((await call('complaint.urge', { id: filed.id }, OWNER, 'loop-urge-1')).status).toBe(412)

      // Wed 2 Dec, 09:30 China time
      await setClock('2026-12-02T01:30:00Z')
      expect((await c.ok('complaint', 'complaint.get', { id: filed.id })).urge).toMatchObject({ can: true, lastAt: null })
      const urged = await c.ok('complaint', 'complaint.urge', { id: filed.id }, OWNER, 'loop-urge-2')
      expect(urged.urge).toEqual({ can: false, from: '2026-12-03', reason: '每个工作日可以催办一次，12月3日起可以再次催办', lastAt: expect.stringMatching(/^2026-12-02T01:30/) })
      expect(urged.timeline.at(-1)).toMatchObject({ kind: 'urge', label: '催办' })
      // not yet accepted: the region's officers (who would accept it) and the supervisors
      const body = `反映人催办东门农贸市场的诉求${filed.id}（已提交）已超过受理期限（12月1日），请尽快办理。`
      for (const who of ['demo-regulator', 'demo-supervisor', 'demo-admin']) expect([who, (await heard(who, filed.id, '诉求催办')).map((m) => m.body)]).toEqual([who, [body]])
      expect(await heard('reg-hz', filed.id, '诉求催办')).toHaveLength(0)
      expect((await c.ok('complaint', 'complaint.staff.queue', {}, 'demo-regulator')).items.find((i: any) => i.id === filed.id)).toMatchObject({ urged: true })

      // the same request again: the first answer; a new one the same day: refused, saying when
      expect((await call('complaint.urge', { id: filed.id }, OWNER, 'loop-urge-2')).body).toEqual({ ok: true, data: urged })
      const twice = await call('complaint.urge', { id: filed.id }, OWNER, 'loop-urge-3')
      expect(twice.status).toBe(412)
      expect(!twice.body.ok && twice.body.error.message).toBe('每个工作日可以催办一次，12月3日起可以再次催办')
      expect(await heard('demo-supervisor', filed.id, '诉求催办')).toHaveLength(1)

      // the next working day: again, and the officer who accepted is then the one told
      await setClock('2026-12-03T01:00:00Z')
      await act(filed.id, 'submitted', { type: 'accept' }, 'demo-admin')
      const replyDeadline = (await c.ok('complaint', 'complaint.get', { id: filed.id })).deadline
      expect(replyDeadline.step).toBe('reply')
      // a fresh deadline runs: no urge until it has passed too
      expect((await call('complaint.urge', { id: filed.id }, OWNER, 'loop-urge-4')).status).toBe(412)
      expect(await heard('demo-regulator', filed.id, '诉求催办')).toHaveLength(1)
    })

    test('a Friday urge opens again on Monday; twenty urges at once send one', async () => {
      await setClock('2026-11-20T02:00:00Z')
      const filed = await file()
      // Fri 4 Dec, after the 1 Dec accept deadline
      await setClock('2026-12-04T03:00:00Z')
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call('complaint.urge', { id: filed.id }, OWNER, `loop-burst-${i}`)))
      expect(results.filter((r) => r.body.ok)).toHaveLength(1)
      for (const r of results) if (!r.body.ok) expect([r.status, r.body.error.message]).toEqual([expect.any(Number), expect.stringContaining('12月7日起可以再次催办')])
      const stored = await c.ok('complaint', 'complaint.get', { id: filed.id })
      expect(stored.timeline.filter((t: any) => t.kind === 'urge')).toHaveLength(1)
      expect(await heard('demo-supervisor', filed.id, '诉求催办')).toHaveLength(1)
      // Saturday: still refused; Monday 7 Dec: open
      await setClock('2026-12-05T03:00:00Z')
      expect((await call('complaint.urge', { id: filed.id }, OWNER, 'loop-sat')).status).toBe(412)
      await setClock('2026-12-07T00:00:00Z')
      expect((await call('complaint.urge', { id: filed.id }, OWNER, 'loop-mon')).body.ok).toBe(true)
      expect(await heard('demo-supervisor', filed.id, '诉求催办')).toHaveLength(2)
    })

    test('only the owner, only while open; the overdue mark made by the sweep is never lost to a concurrent write', async () => {
      await setClock('2026-11-20T02:00:00Z')
      const filed = await file()
      await setClock('2026-12-02T02:00:00Z')
      expect((await call('complaint.urge', { id: filed.id }, OTHER, 'loop-o-1')).status).toBe(404)
      expect((await call('complaint.urge', { id: filed.id }, 'demo-regulator', 'loop-o-2')).status).toBe(403)
      // the sweep marks it overdue while the owner adds material: both stay
      await Promise.all([trigger(), c.ok('complaint', 'complaint.supplement', { id: filed.id, text: '已经过了期限还没有人联系我。' }, OWNER, 'loop-o-3')])
      const now = await c.ok('complaint', 'complaint.get', { id: filed.id })
      expect(now.deadline.overdue).toBe(true)
      expect(now.timeline.at(-1).kind).toBe('supplement')
      await c.ok('complaint', 'complaint.urge', { id: filed.id }, OWNER, 'loop-o-4')
      await c.ok('complaint', 'complaint.withdraw', { id: (await file()).id })
      const rejected = await file()
      await act(rejected.id, 'submitted', { type: 'reject', reason: '不属于市场监管职责' })
      const over = await call('complaint.urge', { id: rejected.id }, OWNER, 'loop-o-5')
      expect(!over.body.ok && over.body.error.message).toBe('这条诉求已经结束，不需要催办')
      await setClock(null)
    })
  })
})
