import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LOAN_CONSENT_VERSION } from '../../src/core/loan/products'
import { rightsContract } from '../../src/core/rights/contract'
import { DELETE_PHRASE, KEPT } from '../../src/core/rights/kept'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { userContract } from '../../src/core/user/contract'
import { ERASE_PAGE, runErasure, startErasure } from '../../cloudfunctions/user/erasure'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { profileOf } from '../helpers/fixtures'
import { verifyOwner } from '../helpers/verify'

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const PHONE = '13987654321'
const ID_NUMBER = '11010519491231002X'
const NAME = '鹿城区注销测试小吃店'

/** Every document of every collection in the local store, as the text on disk (NeDB: one JSON line per write). */
function storeText(dataDir: string): Record<string, string> {
  const dir = join(dataDir, 'db')
  const out: Record<string, string> = {}
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.db'))) out[f.replace(/\.db$/, '')] = readFileSync(join(dir, f), 'utf8')
  return out
}

/** What the store holds now (the append-only file also keeps superseded lines: read live documents instead). */
async function liveDocs(c: TestCloud, dataDir: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const name of Object.keys(storeText(dataDir))) {
    const coll = c.ports.db.collection(name)
    const all: unknown[] = []
    for (let skip = 0; ; skip += 1000) {
      const page = await coll.find({}, { limit: 1000, skip })
      all.push(...page)
      if (page.length < 1000) break
    }
    out[name] = all
  }
  return out
}

describe('the owner’s rights over their data (#16)', () => {
  let c: TestCloud
  const me = 'rights-owner-1'
  let complaintId = ''
  const other = 'rights-owner-2'
  const consent = (o: string) => c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, o)
  const upload = async (openid: string) => {
    const p = await c.ok('complaint', 'complaint.upload.prepare', { contentType: 'image/png' }, openid)
    const res = await fetch(`${c.url}/api/local/storage/upload?cloudPath=${encodeURIComponent(p.cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': openid },
      body: Buffer.from(PNG, 'base64') as unknown as BodyInit
    })
    const fileId = ((await res.json()) as { fileID: string }).fileID
    return c.ok('complaint', 'complaint.upload.confirm', { uploadId: p.uploadId, fileId }, openid)
  }

  beforeAll(async () => {
    c = await testCloud()
    c.clock.set(new Date('2026-11-21T04:00:00Z'))
  })
  afterAll(() => c.stop())

  test('bank consent needs a saved profile: refused with a clear message, accepted once there is one', async () => {
    const r = await c.call<any>('loan', { action: 'loan.consent.grant', payload: { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION } }, 'rights-no-profile')
    expect(r.body.ok).toBe(false)
    if (r.body.ok) return
    expect(r.body.error.code).toBe('PRECONDITION_FAILED')
    expect(r.body.error.message).toContain('请先建立经营档案')
    // nothing was recorded
    expect(await c.ports.db.collection('loanConsentLog').count({ openid: 'rights-no-profile' })).toBe(0)
    await consent('rights-no-profile')
    await c.ok('user', 'user.profile.save', profileOf('rights-no-profile'), 'rights-no-profile')
    expect(await c.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION }, 'rights-no-profile')).toMatchObject({ granted: true })
  })

  test('不同意 is recorded and told at login; the notice names the (demo) operator and a contact', async () => {
    const who = 'rights-decliner'
    let login = await c.ok('user', 'user.login', {}, who)
    expect(login.privacy).toMatchObject({ acceptedVersion: null, currentVersion: PRIVACY_VERSION, declined: false })
    expect(login.privacy.operator).toMatchObject({ configured: true, demo: true, name: '本地演示运营方' })
    expect(login.privacy.operator.contact).toContain('演示')
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: false }, who)
    login = await c.ok('user', 'user.login', {}, who)
    expect(login.privacy).toMatchObject({ acceptedVersion: null, declined: true })
    // without a profile the policies and the lessons are still there
    expect((await c.ok('policy', 'policy.list', { limit: 3 }, who)).items.length).toBeGreaterThan(0)
    const catalog = await c.ok('course', 'course.catalog', {}, who)
    expect(catalog.guest).toBe(true)
    const lesson = await c.ok('course', 'course.lesson.get', { lessonId: catalog.modules[0].lessons[0].id }, who)
    expect(lesson.points.length).toBeGreaterThan(0)
    // what needs a profile says so
    const save = await c.call<any>('course', { action: 'course.progress.save', payload: { lessonId: lesson.id } }, who)
    expect(save.body.ok).toBe(false)
    expect(JSON.stringify(save.body)).toContain('建立经营档案')
    const profile = await c.call<any>('user', { action: 'user.profile.save', payload: profileOf(who) }, who)
    expect(profile.body.ok ? '' : profile.body.error.message).toContain('同意《个人信息保护告知书》')
  })

  test('an owner with everything: 个人信息 shows it grouped, and the export holds all of it', async () => {
    await consent(me)
    await c.ok('user', 'user.profile.save', { ...profileOf(me), businessName: NAME, stallCode: 'DMC4Q9' }, me)
    // a loan application needs a verified business (#16)
    await verifyOwner(c, me)
    await c.ok('reminder', 'reminder.permit.save', { type: 'healthCert', number: 'JK-RIGHTS-1', authority: '鹿城区疾控', issuedOn: '2026-06-01', expiresOn: '2027-05-31' }, me, 'rights-p-1')
    const { templates } = await c.ok('user', 'user.login', {}, me)
    await c.ok('reminder', 'reminder.subscription.report', { results: { [templates.reminder]: 'accept' } }, me)
    const photo = await upload(me)
    await upload(me) // never filed
    complaintId = (await c.ok('complaint', 'complaint.submit', { category: 'fee', party: '东门农贸市场管理处', what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。', happenedOn: '2026-11-18', place: '东门农贸市场', photos: [photo.uploadId], disclose: false, phone: PHONE }, me, 'rights-c-1')).id
    await c.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION }, me)
    await c.ok('loan', 'loan.turnover.save', { months: [{ month: '2026-10', amount: 12000 }] }, me)
    await c.ok('loan', 'loan.apply', { bankId: 'wz-rcb', productId: 'code-credit', amount: 30000, termMonths: 12, phone: PHONE, idNumber: ID_NUMBER, confirmUnfit: true }, me, 'rights-l-1')
    const catalog = await c.ok('course', 'course.catalog', {}, me)
    expect(catalog.guest).toBe(false)
    await c.ok('course', 'course.progress.save', { lessonId: catalog.modules[0].lessons[0].id }, me)
    await c.ok('policy', 'policy.favorite', { id: 'wz-04-code-loan', favorite: true }, me)
    await c.ok('user', 'user.stall.request', { stallCode: 'DMA2K7' }, me, 'rights-s-1')
    await c.ok('user', 'user.settings.save', { careMode: true }, me)
    // the scheduler's sweeps deliver what is due (the annual report's broadcast, permit rungs)
    await c.post('/api/local/trigger/scheduler', '')

    const view = await c.ok('user', 'user.rights.view', {}, me)
    expect(rightsContract['user.rights.view'].output.parse(view)).toBeTruthy()
    const g = Object.fromEntries(view.groups.map((x: { key: string }) => [x.key, x]))
    expect(Object.keys(g)).toEqual(expect.arrayContaining(['profile', 'consents', 'permits', 'complaints', 'loans', 'course', 'messages', 'other']))
    expect(JSON.stringify(g.profile.items)).toContain(NAME)
    expect(JSON.stringify(g.profile.items)).toContain('关怀模式：开')
    expect(JSON.stringify(g.consents.items)).toContain(`同意 · ${PRIVACY_VERSION}版`)
    expect(JSON.stringify(g.consents.items)).toContain('向温州示范农商银行提供信息')
    expect(JSON.stringify(g.permits.items)).toContain('JK-RIGHTS-1')
    expect(g.complaints.total).toBe(1)
    expect(JSON.stringify(g.complaints.items)).toContain(PHONE)
    expect(g.loans.items[0].title).toContain('温州示范农商银行')
    expect(JSON.stringify(g.course.items)).toContain('已学1课')
    expect(g.messages.total).toBeGreaterThan(0)
    expect(JSON.stringify(g.messages.items)).toContain('建档成功')
    // no English field names or ids reach the page
    for (const grp of view.groups) expect(JSON.stringify(grp.items)).not.toMatch(/openid|createdAt|undefined|null|\[object/)

    const exp = await c.ok('user', 'user.rights.export', {}, me)
    const json = JSON.parse(exp.json)
    expect(exp.fileBase).toBe('个人信息-20261121-1200')
    expect(json.记录.owners[0].profile.businessName).toBe(NAME)
    expect(json.记录.loanApplications[0]).toMatchObject({ phone: PHONE, idNumber: ID_NUMBER })
    expect(json.记录.complaints).toHaveLength(1)
    expect(json.记录.inbox.length).toBe(g.messages.total)
    expect(json.记录.permits[0].number).toBe('JK-RIGHTS-1')
    expect(json.记录.courseProgress).toHaveLength(1)
    expect(json.记录.consents).toEqual([expect.objectContaining({ kind: 'privacy', version: PRIVACY_VERSION, granted: true })])
    expect(json.运营单位).toContain('演示')
    // the readable text names every group and the messages in full
    for (const t of ['【资料】', '【同意记录】', '【证照】', '【诉求】', '【贷款申请】', '【学习记录】', '【消息】', NAME, '建档成功']) expect(exp.text).toContain(t)
    // someone else's data is not in mine
    expect(exp.json).not.toContain(other)
  })

  test('each consent is withdrawn on its own, with its effect, recorded with time and version', async () => {
    const view = await c.ok('user', 'user.rights.view', {}, me)
    const ids = view.consents.map((x: { id: string }) => x.id)
    expect(ids).toEqual(['privacy', 'personalized', 'bank:wz-rcb'])
    expect(view.consents.every((x: { granted: boolean }) => x.granted)).toBe(true)

    // the bank: no new data, no new application; what it has is said
    c.clock.set(new Date('2026-11-21T05:00:00Z'))
    const bank = await c.ok('user', 'user.rights.withdraw', { id: 'bank:wz-rcb' }, me)
    expect(bank.effect).toContain('不再向温州示范农商银行提供新的信息')
    expect(bank.effect).toContain('已经收到您的1份申请')
    expect(bank.consents.find((x: { id: string }) => x.id === 'bank:wz-rcb')).toMatchObject({ granted: false, version: LOAN_CONSENT_VERSION, at: expect.stringMatching(/^2026-11-21T05:00/) })
    const again = await c.call<any>('loan', { action: 'loan.apply', payload: { bankId: 'wz-rcb', productId: 'code-credit', amount: 30000, termMonths: 12, phone: PHONE, idNumber: ID_NUMBER, confirmUnfit: true }, requestId: 'rights-l-2' }, me)
    expect(again.body.ok).toBe(false)
    expect((await c.ok('loan', 'loan.products', {}, me)).banks.find((b: { id: string }) => b.id === 'wz-rcb').consented).toBe(false)
    // the other consents are untouched
    let login = await c.ok('user', 'user.login', {}, me)
    expect(login.settings.personalized).toBe(true)
    expect(login.privacy.acceptedVersion).toBe(PRIVACY_VERSION)

    // personalised recommendation: off, recorded
    c.clock.set(new Date('2026-11-21T05:10:00Z'))
    const pers = await c.ok('user', 'user.rights.withdraw', { id: 'personalized' }, me)
    expect(pers.effect).toContain('按发布时间排列')
    login = await c.ok('user', 'user.login', {}, me)
    expect(login.settings.personalized).toBe(false)
    expect(login.privacy.acceptedVersion).toBe(PRIVACY_VERSION)

    // the notice: the profile can no longer be changed until agreed again
    c.clock.set(new Date('2026-11-21T05:20:00Z'))
    const priv = await c.ok('user', 'user.rights.withdraw', { id: 'privacy' }, me)
    expect(priv.effect).toContain('不能再修改经营档案')
    login = await c.ok('user', 'user.login', {}, me)
    expect(login.privacy).toMatchObject({ acceptedVersion: null, declined: true })
    const save = await c.call<any>('user', { action: 'user.profile.save', payload: { ...profileOf(me), businessName: NAME } }, me)
    expect(save.body.ok).toBe(false)

    // every decision is in the history, with its version and time
    const log = await c.ports.db.collection<{ _id: string; kind: string; granted: boolean; version: string; at: string }>('consents').find({ openid: me }, { limit: 50 })
    expect(log.filter((x) => !x.granted).map((x) => [x.kind, x.version, x.at])).toEqual(
      expect.arrayContaining([
        ['personalized', PRIVACY_VERSION, expect.stringMatching(/^2026-11-21T05:10/)],
        ['privacy', PRIVACY_VERSION, expect.stringMatching(/^2026-11-21T05:20/)]
      ])
    )
    const bankLog = await c.ports.db.collection<{ _id: string; granted: boolean; at: string }>('loanConsentLog').find({ openid: me }, { limit: 50 })
    expect(bankLog.map((x) => [x.granted, x.at])).toEqual(expect.arrayContaining([[false, expect.stringMatching(/^2026-11-21T05:00/)]]))
    // and 个人信息 shows it
    const v = await c.ok('user', 'user.rights.view', {}, me)
    expect(JSON.stringify(v.groups.find((x: { key: string }) => x.key === 'consents').items)).toContain('不同意或撤回')
  })

  test('deleting the account: refused without the typed phrase; afterwards no collection holds the owner except the anonymised records named', async () => {
    // someone else's data must survive untouched
    await consent(other)
    await c.ok('user', 'user.profile.save', { ...profileOf(other), businessName: '别人的店' }, other)
    const before = await liveDocs(c, c.dataDir)
    const otherCount = JSON.stringify(before).split(other).length

    const wrong = await c.call<any>('user', { action: 'user.rights.delete', payload: { confirm: '注销' } }, me)
    expect(wrong.body.ok).toBe(false)
    expect(wrong.body.ok ? '' : wrong.body.error.message).toContain(DELETE_PHRASE)
    expect(await c.ports.db.collection('owners').get(me)).not.toBeNull()

    const done = await c.ok('user', 'user.rights.delete', { confirm: DELETE_PHRASE }, me)
    expect(done.finished).toBe(true)
    // a second call (a retry) is harmless
    expect((await c.ok('user', 'user.rights.delete', { confirm: DELETE_PHRASE }, me)).finished).toBe(true)

    const after = await liveDocs(c, c.dataDir)
    // every collection of the local store, scanned: the openid, phone, ID number and name are gone
    const holding = Object.entries(after).filter(([, docs]) => JSON.stringify(docs).includes(me)).map(([n]) => n)
    expect(holding).toEqual([])
    for (const secret of [PHONE, ID_NUMBER, NAME]) {
      // the register is the registration authority's record of the business, imported by staff,
      // not something the owner left with us (erasure.ts: notPersonal); it names the business
      const allowed = secret === NAME ? ['register'] : []
      expect(Object.entries(after).filter(([n, docs]) => !allowed.includes(n) && JSON.stringify(docs).includes(secret)).map(([n]) => n)).toEqual([])
    }
    // what is kept is exactly what KEPT names, under one random tombstone id
    const complaints = after.complaints as Array<{ openid: string; phone: string | null; what: string }>
    const loans = after.loanApplications as Array<{ openid: string; phone: string; idNumber: string; amount: number }>
    const mine = complaints.filter((x) => x.what.includes('卫生费200元') && x.openid.startsWith('deleted-'))
    expect(mine).toHaveLength(1)
    const tomb = mine[0].openid
    expect(loans.filter((x) => x.openid === tomb)).toEqual([expect.objectContaining({ phone: '', idNumber: '', amount: 30000 })])
    expect((after.loanConsentLog as Array<{ openid: string }>).filter((x) => x.openid === tomb).length).toBeGreaterThan(0)
    const tombHolders = Object.entries(after).filter(([, docs]) => JSON.stringify(docs).includes(tomb)).map(([n]) => n).sort()
    expect(tombHolders).toEqual(['complaintUploads', 'complaints', 'loanApplications', 'loanConsentLog'])
    for (const n of tombHolders) expect(['complaintUploads', ...Object.keys(KEPT)]).toContain(n)
    // the stall is free again; the other owner's data is all there
    expect((after.stalls as Array<{ code: string; holder?: string }>).find((s) => s.code === 'DMC4Q9')?.holder).toBe('')
    expect(JSON.stringify(after).split(other).length).toBe(otherCount)
    // the regulator's workbench still has the case, without the person
    const queue = await c.ok('complaint', 'complaint.staff.queue', {}, 'demo-regulator')
    expect(JSON.stringify(queue)).toContain(complaintId)
    const detail = await c.ok('complaint', 'complaint.staff.get', { id: complaintId }, 'demo-regulator')
    expect(JSON.stringify(detail)).toContain('卫生费200元')
    expect(JSON.stringify(detail)).not.toContain(PHONE)
    expect(JSON.stringify(queue)).not.toContain(PHONE)
    // the bank's queue still has the application, without the person
    const bank = await c.ok('loan', 'loan.bank.queue', {}, 'demo-bank')
    expect(JSON.stringify(bank)).not.toContain(NAME)
    // the photo never filed is gone from storage too
    expect(c.errors).toEqual([])
  })

  test('a large account is erased in pages: a call stops at its time budget and the next one goes on', async () => {
    const big = 'rights-big-owner'
    await consent(big)
    await c.ok('user', 'user.profile.save', profileOf(big), big)
    const inbox = c.ports.db.collection('inbox')
    const n = ERASE_PAGE * 3 + 7
    for (let i = 0; i < n; i++) await inbox.add({ _id: `big-${i}`, openid: big, topic: 'account', title: `第${i}条`, body: '', read: false, createdAt: '2026-11-20T00:00:00.000Z', page: null, pushState: 'none', pushTemplateId: null, pushData: null, pushAttempts: 0, pushNextAt: '' } as never)
    // a clock that moves 0.5 s on every reading: each page costs time, so the 3 s budget runs out
    // (a collection is finished within one call, all its finders: the most it has is 3)
    let t = new Date('2026-11-22T00:00:00Z').getTime()
    const ticking = { now: () => new Date((t += 500)) }
    const ctx = { openid: big, now: new Date(t), db: c.ports.db, ports: c.ports } as never
    const state = await startErasure(ctx)
    expect(state.tombstone).toMatch(/^deleted-[0-9a-f]{24}$/)
    expect((await startErasure(ctx)).tombstone).toBe(state.tombstone)
    const ports = { ...c.ports, clock: ticking }
    let calls = 0
    let r = { finished: false, done: 0, total: 0 }
    while (!r.finished && calls < 400) {
      r = await runErasure(ports, big, 3000)
      calls++
    }
    expect(r.finished).toBe(true)
    expect(calls).toBeGreaterThan(3)
    expect(await inbox.count({ openid: big })).toBe(0)
    expect(await c.ports.db.collection('owners').get(big)).toBeNull()
  })

  test('an erasure a call left unfinished is finished by the scheduler', async () => {
    const left = 'rights-left-owner'
    await consent(left)
    await c.ok('user', 'user.profile.save', profileOf(left), left)
    const ctx = { openid: left, now: c.clock.now(), db: c.ports.db, ports: c.ports } as never
    await startErasure(ctx)
    const login = await c.ok('user', 'user.login', {}, left)
    expect(login.erasing).toBe(true)
    expect(userContract['user.login'].output.parse(login)).toBeTruthy()
    // a minute later the scheduler takes it over
    c.clock.set(new Date(c.clock.now().getTime() + 120_000))
    await c.post('/api/local/trigger/scheduler', '')
    expect(await c.ports.db.collection('owners').get(left)).toBeNull()
    expect(await c.ports.db.collection('consents').count({ openid: left })).toBe(0)
  })
})
