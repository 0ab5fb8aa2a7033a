import fc from 'fast-check'
import { dispatch } from '../../cloudfunctions/common/router'
import { FUNCTIONS } from '../../cloudfunctions/registry'
import { seedPolicies } from '../../cloudfunctions/policy/store'
import { seedDemo } from '../../scripts/local-cloud/demo'
import { encodeCursor } from '../../cloudfunctions/common/paging'
import { errorSchema, ERROR_CODES } from '../../src/core/common/envelope'
import { contracts, functionOf } from '../../src/core/contracts'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE } from '../helpers/fixtures'
import { localPorts } from '../helpers/ports'

/** A valid payload for every action: the fuzzer mutates these as well as inventing its own. */
const VALID: Record<string, Record<string, unknown>> = {
  'user.login': {},
  'user.profile.get': {},
  'user.profile.save': { ...PROFILE, stallCode: 'DMC4Q9' },
  'user.stall.resolve': { scene: 'DMC4Q9' },
  'user.stall.bind': { stallCode: 'DMA2K7', share: true },
  'user.stall.request': { stallCode: 'DMA2K7', note: '我已租下这个摊位' },
  'user.stall.cancel': { id: 'no-such-request' },
  'user.stall.requests': { status: 'open' },
  'user.stall.decide': { id: 'no-such-request', decision: 'decline', reason: '原经营者仍在经营' },
  'user.affairs': {},
  'user.verify.status': {},
  'user.verify.check': {},
  'user.verify.license': { authCode: '888888' },
  'user.verify.pending': { limit: 5 },
  'user.verify.inPerson': { id: PROFILE.creditCode, sawLicence: true },
  'user.claim.request': { profile: PROFILE, note: '店是我的' },
  'user.claim.list': { status: 'open' },
  'user.claim.decide': { id: 'no-such-claim', decision: 'decline', reason: '营业执照不符' },
  'user.coverage': {},
  'user.coverage.visits': { marketId: 'demo-market-1', limit: 5 },
  'user.rights.view': {},
  'user.rights.export': {},
  'user.rights.withdraw': { id: 'personalized' },
  'user.rights.delete': { confirm: '确认注销' },
  'user.settings.save': { careMode: true },
  'user.classification.get': {},
  'user.classification.object': { reason: '今年雇了两个人，营业额也上来了' },
  'user.classification.queue': { status: 'open', limit: 5 },
  'user.classification.decide': { id: '2026:no-such-owner', outcome: 'keep', reason: '核实后维持' },
  'user.consent.record': { kind: 'privacy', version: PRIVACY_VERSION, granted: true },
  'admin.market.create': { name: '新市场', region: '330302', address: '某路1号' },
  'admin.market.list': {},
  'admin.stall.create': { marketId: 'demo-market-1', numbers: ['Z-01'] },
  'admin.stall.list': { marketId: 'demo-market-1' },
  'admin.qr.sheet': { marketId: 'demo-market-2' },
  'admin.market.sharing': { marketId: 'demo-market-1', allowShared: true },
  'admin.stall.sharing': { stallId: 'demo-stall-1', allowShared: null },
  'admin.setup': {},
  'admin.invite.create': { role: 'regulator', name: '周科员', region: '330302', days: 7 },
  'admin.invite.list': { limit: 5 },
  'admin.invite.revoke': { id: 'no-such-invite' },
  'admin.invite.show': { code: 'K7QM-X3P9' },
  'admin.invite.accept': { code: 'K7QM-X3P9' },
  'admin.setupCode.use': { code: 'WRONG-CODE', name: '部署人' },
  'admin.staff.list': { limit: 5 },
  'admin.staff.update': { id: 'demo-regulator', region: '330302' },
  'admin.staff.remove': { id: 'no-such-staff' },
  'admin.audit.list': { limit: 5 },
  'admin.helper.mine': {},
  'admin.helper.invite': { name: '小王' },
  'admin.helper.remove': { id: 'no-such-invite' },
  'admin.helper.leave': {},
  'reminder.permit.list': {},
  'reminder.permit.save': { type: 'foodBusiness', number: 'JY13303020001', authority: '鹿城区市场监管局', issuedOn: '2022-01-10', expiresOn: '2027-01-09' },
  'reminder.permit.remove': { id: 'some-permit' },
  'reminder.obligation.list': {},
  'reminder.obligation.markFiled': { id: 'ar-demo-owner-1-2026', filed: true },
  'reminder.subscription.report': { results: { 'local-reminder': 'accept' } },
  'reminder.inbox.list': { limit: 20 },
  'reminder.inbox.read': { all: true },
  'reminder.settings.get': {},
  'reminder.settings.save': { topics: { policy: false }, dailyCap: 2 },
  'policy.feed': { cursor: encodeCursor('p', ['wz-04-code-loan']), limit: 20 },
  'policy.list': { category: 'finance', cursor: encodeCursor('p', ['wz-04-code-loan']), limit: 20 },
  'policy.search': { q: '贷款', cursor: encodeCursor('p', ['wz-04-code-loan']), limit: 20 },
  'policy.get': { id: 'wz-04-code-loan' },
  'policy.read': { id: 'wz-04-code-loan' },
  'policy.favorite': { id: 'wz-04-code-loan', favorite: true },
  'policy.admin.list': { status: 'published', cursor: encodeCursor('t', ['2026-11-20T02:00:00.000Z', 'wz-04-code-loan']), limit: 10 },
  'policy.admin.get': { id: 'wz-04-code-loan' },
  'policy.admin.save': {
    title: '测试政策',
    summary: { what: '内容', who: '对象', how: '办法', where: '地点' },
    department: '市市场监管局',
    category: 'finance',
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    source: { document: '某文件', number: null, clause: '第1条' },
    conditions: [{ fact: 'region', op: 'within', value: '330000' }, { fact: 'employees', op: 'gte', value: 1 }]
  },
  'policy.admin.preview': { conditions: [{ fact: 'groups', op: 'hasAny', value: ['veteran'] }] },
  'policy.admin.publish': { id: 'wz-04-code-loan' },
  'policy.admin.seed': {},
  'policy.admin.withdraw': { id: 'no-such-policy' },
  'policy.admin.reviewList': {},
  'policy.admin.review': { id: 'no-such-policy' },
  'policy.contact.list': { offset: 0, limit: 20 },
  'policy.contact.save': { department: 'hrss', region: '330302', office: '鹿城区人社窗口', phone: '0577-88000000', address: '某路1号', hours: null, online: null, note: null },
  'policy.contact.remove': { department: 'hrss', region: '330302' },
  'loan.products': {},
  'loan.consent.grant': { bankId: 'wz-rcb', version: '2026-11-01' },
  'loan.consent.revoke': { bankId: 'wz-rcb' },
  'loan.turnover.save': { months: [{ month: '2026-09', amount: 52000 }, { month: '2026-10', amount: 61000 }] },
  'loan.turnover.import': { csv: '2026-10-03,1280.00\n2026-10-05,300' },
  'loan.assess': {},
  'loan.apply': { bankId: 'wz-rcb', productId: 'code-credit', amount: 50000, termMonths: 12, phone: '13800138000', idNumber: '11010519491231002X', confirmUnfit: true },
  'loan.applications': {},
  'loan.bank.queue': { status: 'submitted', cursor: encodeCursor('t', ['2026-11-20T02:00:00.000Z', 'a']), limit: 10 },
  'loan.bank.update': { id: 'no-such-application', status: 'reviewing' },
  'complaint.upload.prepare': { contentType: 'image/png' },
  'complaint.upload.confirm': { uploadId: 'no-such-upload', fileId: 'local:complaint-uploads/x/no-such-upload.png' },
  'complaint.submit': { category: 'fee', party: '市场管理处', what: '每月另收卫生费200元，没有收据。', happenedOn: '2026-11-18', place: '东门农贸市场A-01', photos: [], disclose: false },
  'complaint.list': { cursor: encodeCursor('t', ['2026-11-20T02:00:00.000Z', 'SQ20261120K7M2QX']), limit: 10 },
  'complaint.get': { id: 'SQ20261120ABCDEF' },
  'complaint.rate': { id: 'SQ20261120ABCDEF', rating: 'unsatisfied', comment: '没有解决' },
  'complaint.withdraw': { id: 'SQ20261120ABCDEF', reason: '问题已经解决' },
  'complaint.supplement': { id: 'SQ20261120ABCDEF', text: '又收了一次', photos: [] },
  'complaint.urge': { id: 'SQ20261120ABCDEF' },
  'complaint.staff.queue': { status: 'submitted', overdue: true, cursor: encodeCursor('t', ['2026-11-20T02:00:00.000Z', 'SQ20261120K7M2QX']), limit: 10 },
  'complaint.staff.get': { id: 'SQ20261120ABCDEF' },
  'course.status': {},
  'course.catalog': {},
  'course.lesson.get': { lessonId: 'basics-licence' },
  'course.progress.save': { lessonId: 'basics-licence' },
  'course.exam.start': {},
  'course.exam.submit': { attemptId: 'abc123', answers: [0, 1, null, 2] },
  'course.certificate.get': {},
  'course.staff.stats': {},
  'course.staff.verify': { code: '4GWA-P7KF' },
  'complaint.staff.phone': { id: 'SQ20261120ABCDEF' },
  'complaint.staff.act': { id: 'SQ20261120ABCDEF', expected: 'submitted', event: { type: 'reject', reason: '不属于受理范围' } },
  'register.import.prepare': { ext: 'xlsx' },
  'register.import.preview': { fileId: 'local:register-uploads/abc/def.xlsx' },
  'register.import.errors': { jobId: 'abc123' },
  'register.import.run': { jobId: 'abc123' },
  'register.list': { q: '张记', marketId: 'demo-market-1' },
  'visit.list': { marketId: 'demo-market-1', cursor: encodeCursor('p', ['o', 'a']), limit: 10 },
  'visit.context': { scene: 'DMA2K7' },
  'visit.record': { scene: 'DMA2K7', needs: ['finance', 'premises'], needText: '想扩大摊位', help: '讲了码上贷', followups: [{ kind: 'finance', dueOn: '2026-11-30' }] },
  'visit.followup.list': { scope: 'mine', status: 'open', limit: 10 },
  'visit.followup.done': { id: 'no-such-followup', note: '已办' },
  'monitor.dashboard': { from: '2026-11-01', to: '2026-11-20', marketId: 'demo-market-1' },
  'monitor.list': { figure: 'complaintCategory:fee', from: '2026-11-01', to: '2026-11-20', limit: 20 },
  'monitor.export': { figure: 'households', from: '2026-11-01', to: '2026-11-20' },
  'monitor.serviceMonth': { from: '2026-11-01', to: '2026-11-20', xlsx: false },
  'survey.admin.list': { cursor: encodeCursor('t', ['2026-11-20T02:00:00.000Z', 'a']), limit: 10 },
  'survey.admin.get': { id: 'no-such-survey' },
  'survey.admin.save': {
    title: '经营状况调查',
    intro: '',
    organizer: '鹿城区市场监督管理局',
    anonymous: true,
    startOn: '2026-11-21',
    endOn: '2026-11-30',
    questions: [{ kind: 'single', title: '生意怎么样', required: true, options: ['好', '不好'] }],
    conditions: [{ fact: 'industry', op: 'in', value: ['catering'] }]
  },
  'survey.admin.preview': { conditions: [{ fact: 'industry', op: 'in', value: ['catering'] }] },
  'survey.admin.publish': { id: 'no-such-survey' },
  'survey.admin.close': { id: 'no-such-survey' },
  'survey.admin.results': { id: 'no-such-survey' },
  'survey.admin.texts': { id: 'no-such-survey', q: 0, cursor: encodeCursor('p', ['abc']), limit: 10 },
  'survey.admin.export': { id: 'no-such-survey' },
  'survey.get': { id: 'no-such-survey' },
  'survey.answer': { id: 'no-such-survey', answers: [{ choice: [0] }, { rating: 3 }, { text: '好' }, null] },
  'notice.list': { limit: 20 },
  'notice.inspection.get': { id: 'abc123' },
  'notice.hint.get': { id: 'abc123' },
  'notice.hint.correct': { id: 'abc123', photos: ['abc123'], note: '已整改' },
  'notice.repair.get': {},
  'notice.repair.check': { step: 'file', done: true },
  'notice.plan.create': { title: '双随机抽查', audience: { kind: 'markets', marketIds: ['demo-market-1'] }, checklist: [{ item: '亮照经营', rule: '测试依据' }], windowStart: '2027-01-10', windowEnd: '2027-01-12', hideDay: true },
  'notice.plan.list': { limit: 20 },
  'notice.plan.cancel': { id: 'abc123' },
  'notice.hint.send': { creditCode: '92330302MA2H7K3L1X', rule: '测试依据', what: '请补上标价签', dueDate: '2026-11-30', firstMinor: true },
  'notice.hint.queue': { view: 'todo' },
  'notice.hint.staffGet': { id: 'abc123' },
  'notice.hint.review': { id: 'abc123', decision: 'return', reason: '照片看不清', dueDate: '2026-12-01' },
  'notice.abnormal.list': { status: 'marked' },
  'notice.abnormal.mark': { creditCode: '92330302MA2H7K3L1X', cause: 'annualReport', causeText: '' },
  'notice.abnormal.clear': { creditCode: '92330302MA2H7K3L1X', note: '已补报' },
  'assistant.ask': { q: '年报不报会怎样' },
  'assistant.handoff': { id: 'no-such-question' },
  'assistant.staff.list': { view: 'waiting', limit: 10 },
  'assistant.staff.reply': { id: 'no-such-question', reply: '请带营业执照到所里办理' },
  'assistant.staff.publish': { id: 'no-such-question', question: '年报不报会怎样', answer: '会被列入经营异常名录' }
}
// 名特优新 (#18)
Object.assign(VALID, {
  'recognition.apply': { category: 'special', what: '本店1998年开业，手工拉面坚持传统做法二十多年，街坊都知道。', photos: [], links: ['https://example.com/shop'] },
  'recognition.resubmit': { id: 'no-such-application', what: '本店1998年开业，手工拉面坚持传统做法二十多年，街坊都知道。', photos: [], links: [] },
  'recognition.withdraw': { id: 'no-such-application' },
  'recognition.mine': {},
  'recognition.get': { id: 'no-such-application' },
  'recognition.public.list': { limit: 5 },
  'recognition.public.object': { id: 'no-such-application', reason: '这家店不是老字号，去年才开的', contact: '13800000000' },
  'recognition.staff.queue': { status: 'submitted', category: 'special', marketId: 'demo-market-1', limit: 5 },
  'recognition.staff.get': { id: 'no-such-application' },
  'recognition.staff.act': { id: 'no-such-application', expected: 'submitted', event: { type: 'return', reason: '请补充照片' } },
  'recognition.staff.answer': { id: 'no-such-application', objectionId: 'no-such-objection', reply: '经核实不成立' }
})
const ACTIONS = Object.keys(contracts)

const identity = fc.oneof(
  fc.constantFrom('demo-owner-1', 'demo-owner-2', 'demo-regulator', 'demo-bank', 'demo-admin', 'fuzz-owner', null),
  fc.string({ maxLength: 70 })
)

/** Values a real client might send: right types, other values (the handlers' own branches). */
const leaves = Object.values(VALID).flatMap((p) => Object.values(p).flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v])))
const plausible = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -5, max: 20000 }),
  fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom(...leaves),
  fc.stringMatching(/^[A-Z2-9]{6}$/)
)

/** Values of every kind, including the ones JSON can carry and the awkward ones it cannot. */
const weird = fc.oneof(
  { arbitrary: plausible, weight: 4 },
  fc.anything({ maxDepth: 2 }),
  fc.string({ maxLength: 3000 }),
  fc.constantFrom('', ' ', '\u0000', '<script>', '{"$gt":""}', '__proto__', '%E0%A4%A', 'a'.repeat(5000), '92330302MA7T3K9P2X'),
  fc.constantFrom(NaN, Infinity, -1, 1e308, -0, 0.5, 2 ** 53),
  fc.constant({ $gt: '' }),
  fc.constant({ $where: 'sleep(1000)' }),
  fc.constant([])
)

/** Payload generators: invented objects, and valid payloads with one field broken or one added. */
const payloadFor = (action: string) => {
  const valid = VALID[action]
  const keys = Object.keys(valid)
  return fc.oneof(
    weird,
    { arbitrary: keys.length ? fc.tuple(fc.constantFrom(...keys), plausible).map(([k, v]) => ({ ...valid, [k]: v })) : fc.constant(valid), weight: 3 },
    fc.dictionary(fc.constantFrom(...keys, 'openid', '_id', '__proto__', 'constructor'), weird, { maxKeys: 6 }),
    keys.length ? fc.tuple(fc.constantFrom(...keys), weird).map(([k, v]) => ({ ...valid, [k]: v })) : fc.constant(valid),
    fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), weird).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.constant(valid)
  )
}

const hasChinese = (s: string) => /[\u4e00-\u9fa5]/.test(s)

test('every action has a valid sample for the fuzzer', () => {
  expect(ACTIONS.filter((a) => !VALID[a])).toEqual([])
})

describe('malformed payloads at every action find only error envelopes', () => {
  const env = localPorts()
  beforeAll(async () => {
    await seedDemo(env.ports.db, env.ports.clock.now())
    await seedPolicies(env.ports.db, env.ports.clock.now())
  })
  afterAll(() => env.cleanup())

  test.each(ACTIONS)('%s', async (action) => {
    const contract = contracts[action as keyof typeof contracts]
    const fn = FUNCTIONS[functionOf(action)]
    await fc.assert(
      fc.asyncProperty(payloadFor(action), identity, fc.option(fc.string({ maxLength: 80 })), async (payload, openid, requestId) => {
        const event = { action, payload, ...(requestId !== null ? { requestId } : {}) }
        const r = await dispatch(fn, event, { openid }, env.ports)
        if (r.ok) {
          // success is allowed only with a result that satisfies the contract
          expect(contract.output.safeParse(r.data).success).toBe(true)
        } else {
          const error = errorSchema.parse(r.error)
          expect(ERROR_CODES).toContain(error.code)
          // a crash would show as INTERNAL: malformed input must never get that far
          expect(error.code).not.toBe('INTERNAL')
          expect(hasChinese(error.message)).toBe(true)
          expect(JSON.stringify(r)).not.toMatch(/\bat \S+:\d+|Error:|node_modules/)
        }
      }),
      { numRuns: 200 }
    )
    expect(env.errors).toEqual([])
  })
})

describe('raw bytes over HTTP find only JSON error envelopes', () => {
  let c: TestCloud
  beforeAll(async () => {
    c = await testCloud()
  })
  afterAll(() => c.stop())

  test('any body, any function name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 500 }), fc.json({ maxDepth: 3 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1'))),
        fc.constantFrom('user', 'admin', 'scheduler', 'nope'),
        async (body, fn) => {
          const res = await fetch(`${c.url}/api/functions/${fn}`, { method: 'POST', headers: { 'x-wx-openid': 'fuzz-owner' }, body })
          const json = (await res.json()) as { ok: boolean; error?: unknown }
          if (json.ok) return
          expect(res.status).toBeGreaterThanOrEqual(400)
          expect(res.status).toBeLessThan(500)
          errorSchema.parse(json.error)
        }
      ),
      { numRuns: 300 }
    )
    expect(c.errors).toEqual([])
  })

  test('any path, escapes broken or not, any Host: never a 500, always nosniff', async () => {
    const { request } = await import('node:http')
    const get = (path: string, host?: string) =>
      new Promise<{ status: number; nosniff: unknown }>((ok, fail) => {
        const req = request({ host: '127.0.0.1', port: c.port, path, method: 'GET', headers: host ? { host } : {}, agent: false }, (res) => {
          res.resume()
          res.on('end', () => ok({ status: res.statusCode ?? 0, nosniff: res.headers['x-content-type-options'] }))
        })
        req.on('error', fail)
        req.end()
      })
    const segment = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9._-]{0,12}$/),
      fc.constantFrom('%', '%z', '%zz', '%E0%A4%A', '%ff%fe', '%2e%2e', '..', '%00', '%C0%AF', 'api', 'local', 'files', 'functions', 'js')
    )
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 5 }), fc.option(fc.constantFrom('evil.example', `localhost:${c.port}`, 'x'.repeat(300))), async (parts, host) => {
        const r = await get(`/${parts.join('/')}`, host ?? undefined)
        expect(r.status).toBeLessThan(500)
        expect(r.nosniff).toBe('nosniff')
      }),
      { numRuns: 300 }
    )
    expect(c.errors).toEqual([])
  })
})
