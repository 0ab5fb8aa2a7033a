import { cmd, patch, type Db } from '../../cloudfunctions/common/ports'
import { PENDING_TIMEOUT_MS } from '../../cloudfunctions/common/once'
import { interceptDb } from '../../scripts/intercept-db'
import { contracts } from '../../src/core/contracts'
import { LOAN_CONSENT_VERSION } from '../../src/core/loan/products'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { forgetRateLimits, testCloud, type TestCloud } from '../helpers/cloud'
import { codeFor, profileOf } from '../helpers/fixtures'
import { verifyOwner } from '../helpers/verify'
import { seedDecision, WUHAN } from '../helpers/classification'

/**
 * Exactly once for every action marked `creates` (common/once.ts): the call is crashed at each
 * of its writes in turn — before the write takes effect and after, with the process dying there
 * (every later database call fails, the pending claim stays) or with the handler throwing (the
 * claim is marked failed) — and retried with the same requestId. Each time: one record.
 */
class Crash extends Error {}
const WRITES = new Set(['add', 'set', 'update', 'updateWhere', 'remove', 'createCollection'])

const T0 = new Date('2026-11-21T02:00:00Z')
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)])

interface Case {
  action: string
  /** who calls (call k) */
  as: string | ((k: number) => string)
  payload: (k: number) => Promise<unknown> | unknown
  /** how many records call k created (must end at exactly `expect`) */
  count: (db: Db, k: number) => Promise<number>
  expect?: number
  /** the clock of the calls (default T0): an 异议 can only be filed in the third quarter */
  at?: Date
}

let c: TestCloud
const realDb = () => (c as unknown as { realDb: Db }).realDb

async function onboard(openid: string, extra: Record<string, unknown> = {}) {
  await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
  await c.ok('user', 'user.profile.save', profileOf(openid, extra), openid)
}

/** a photo prepared and stored for `openid`, ready to confirm */
async function storedPhoto(openid: string) {
  await forgetRateLimits(realDb(), openid)
  const p = await c.ok('complaint', 'complaint.upload.prepare', { contentType: 'image/png' }, openid)
  const res = await fetch(`${c.url}/api/local/storage/upload?cloudPath=${encodeURIComponent(p.cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': openid },
    body: PNG
  })
  return { uploadId: p.uploadId as string, fileId: ((await res.json()) as { fileID: string }).fileID }
}

async function confirmedPhoto(openid: string) {
  const p = await storedPhoto(openid)
  await c.ok('complaint', 'complaint.upload.confirm', p, openid)
  return p.uploadId
}

/** call k's upload, for complaint.upload.confirm */
const confirming = new Map<number, string>()
/** call k's complaint, for complaint.supplement and complaint.urge */
const complaintOf = new Map<number, string>()

async function fileFor(openid: string, k: number, overdue = false) {
  await forgetRateLimits(realDb(), openid)
  const filed = await c.ok('complaint', 'complaint.submit', { category: 'fee', party: `补充测试对象${k}`, what: '市场管理处每月另收卫生费200元，没有收据。', happenedOn: '2026-11-20', place: '东门农贸市场', photos: [], disclose: false }, openid, `file-for-${openid}-${k}`)
  // its accept deadline long gone, so the owner may urge
  if (overdue) await realDb().collection('complaints').update(filed.id, { deadline: { step: 'accept', date: '2026-11-10', calendarKnown: true }, overdueAt: '2026-11-10T16:00:00.000Z' })
  complaintOf.set(k, filed.id)
  return filed.id as string
}
const entries = async (db: Db, k: number, kind: string) =>
  ((await db.collection<{ _id: string; timeline: Array<{ kind?: string }> }>('complaints').get(complaintOf.get(k) ?? '-'))?.timeline ?? []).filter((t) => t.kind === kind).length

const surveyForm = (title: string) => ({
  title,
  intro: '',
  organizer: '测试单位',
  anonymous: false,
  startOn: '2026-11-21',
  endOn: '2026-11-30',
  questions: [
    { kind: 'single', title: '生意怎么样', required: true, options: ['好', '不好'] },
    { kind: 'rating', title: '打个分', required: true, options: [] }
  ],
  conditions: []
})
let surveyId: string | null = null
/** one published survey the answering cases use */
async function onceSurvey() {
  if (surveyId) return surveyId
  const s = await c.ok('survey', 'survey.admin.save', surveyForm('故障测试作答用问卷'), 'demo-regulator', 'once-survey-request')
  await c.ok('survey', 'survey.admin.publish', { id: s.id }, 'demo-regulator')
  return (surveyId = s.id as string)
}
/** call k's 违规提示, for notice.hint.correct */
const hintOf = new Map<number, string>()
const NOTICE_PLAN = (k: number) => ({
  title: `故障测试计划${k}`,
  audience: { kind: 'markets', marketIds: ['demo-market-1'] },
  checklist: [{ item: '营业执照放在显眼位置', rule: '测试用依据' }],
  windowStart: '2026-12-20',
  windowEnd: '2026-12-22',
  hideDay: true
})
const RECOGNITION_WHAT = '本店1998年开业，手工拉面坚持传统做法二十多年，街坊都知道。'
/** call k's application sent back, for recognition.resubmit; the one in 公示, for recognition.public.object */
const resubmitted = new Map<number, string>()
let publicApplication = ''

const who = (k: Case, i: number) => (typeof k.as === 'function' ? k.as(i) : k.as)

const CASES: Case[] = [
  {
    action: 'admin.invite.create',
    as: 'demo-admin',
    payload: (k) => ({ role: 'regulator', name: `故障邀请${k}`, region: '330302' }),
    count: (db, k) => db.collection('invitations').count({ name: `故障邀请${k}` })
  },
  {
    action: 'admin.helper.invite',
    as: 'once-owner',
    // an owner keeps at most 5 helpers and open invitations: earlier calls' invitations are revoked first
    payload: async (k) => (await realDb().collection('invitations').updateWhere({ ownerOpenid: 'once-owner', status: 'open' }, { status: 'revoked' }), { name: `故障帮手${k}` }),
    count: (db, k) => db.collection('invitations').count({ name: `故障帮手${k}` })
  },
  {
    action: 'admin.market.create',
    as: 'demo-regulator',
    payload: (k) => ({ name: `故障市场${k}`, region: '330302', address: '测试路1号' }),
    count: (db, k) => db.collection('markets').count({ name: `故障市场${k}` })
  },
  {
    action: 'admin.stall.create',
    as: 'demo-regulator',
    payload: (k) => ({ marketId: 'demo-market-2', numbers: [`F${k}-1`, `F${k}-2`] }),
    count: (db, k) => db.collection('stalls').count({ number: cmd.in([`F${k}-1`, `F${k}-2`]) }),
    expect: 2
  },
  {
    action: 'reminder.permit.save',
    as: 'once-owner',
    payload: (k) => ({ type: 'healthCert', number: `JK-${k}`, authority: '鹿城区疾控', issuedOn: '2026-03-01', expiresOn: '2027-02-28' }),
    count: (db, k) => db.collection('permits').count({ number: `JK-${k}` })
  },
  {
    action: 'loan.apply',
    as: 'once-owner',
    // no turnover: the credit loan does not fit this owner, who applies having seen why; each call
    // starts with the rate limit's counts cleared (crashes inside the counting are crashed here too)
    payload: async (k) => (await forgetRateLimits(realDb(), 'once-owner'), { bankId: 'wz-rcb', productId: 'code-credit', amount: 10000 + k, termMonths: 12, phone: '13800138000', idNumber: '11010519491231002X', confirmUnfit: true }),
    count: (db, k) => db.collection('loanApplications').count({ amount: 10000 + k })
  },
  {
    action: 'policy.admin.save',
    as: 'demo-regulator',
    payload: (k) => ({
      title: `故障测试政策${k}`,
      summary: { what: '测试用的政策，用来检查重复提交。', who: '所有个体工商户', how: '向市场监管局咨询', where: '市市场监管局' },
      department: '市市场监管局',
      category: 'finance',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      source: { document: '测试文件', number: null, clause: '第1条' },
      conditions: []
    }),
    count: (db, k) => db.collection('policies').count({ title: `故障测试政策${k}` })
  },
  {
    action: 'complaint.upload.prepare',
    as: 'once-uploader',
    payload: async () => (await forgetRateLimits(realDb(), 'once-uploader'), { contentType: 'image/png' }),
    // each k runs with its own requestId: one upload record more per k
    count: (db) => db.collection('complaintUploads').count({ openid: 'once-uploader' })
  },
  {
    action: 'complaint.upload.confirm',
    as: 'once-confirmer',
    payload: async (k) => {
      const p = await storedPhoto('once-confirmer')
      confirming.set(k, p.uploadId)
      return p
    },
    count: (db, k) => db.collection('complaintUploads').count({ _id: confirming.get(k) ?? '-', state: 'ready' })
  },
  {
    action: 'complaint.submit',
    // four owners in turn: each may upload 30 photos a day
    as: (k) => `once-filer-${k % 4}`,
    payload: async (k) => {
      await forgetRateLimits(realDb(), `once-filer-${k % 4}`)
      return {
        category: 'fee',
        party: `故障测试对象${k}`,
        what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。',
        happenedOn: '2026-11-20',
        place: '东门农贸市场',
        photos: [await confirmedPhoto(`once-filer-${k % 4}`)],
        disclose: false
      }
    },
    count: (db, k) => db.collection('complaints').count({ party: `故障测试对象${k}` })
  },
  {
    action: 'complaint.supplement',
    as: (k) => `once-supplier-${k % 4}`,
    payload: async (k) => ({ id: await fileFor(`once-supplier-${k % 4}`, k), text: `第${k}次补充：又收了一次。`, photos: [await confirmedPhoto(`once-supplier-${k % 4}`)] }),
    count: (db, k) => entries(db, k, 'supplement')
  },
  {
    action: 'complaint.urge',
    as: 'once-urger',
    payload: async (k) => ({ id: await fileFor('once-urger', k, true) }),
    count: (db, k) => entries(db, k, 'urge')
  },
  {
    action: 'visit.record',
    as: 'demo-regulator',
    payload: (k) => ({ scene: 'DMA2K7', needs: ['complaint'], needText: `故障测试${k}`, followups: [{ kind: 'other', title: `故障跟进${k}`, dueOn: '2027-01-10' }], complaint: { category: 'fee', what: `故障诉求${k}，多收卫生费` } }),
    // the visit, its follow-up and its 诉求: one each
    count: async (db, k) => {
      const [v, f, cp] = await Promise.all([db.collection('visits').count({ needText: `故障测试${k}` }), db.collection('followups').count({ title: `故障跟进${k}` }), db.collection('complaints').count({ what: `故障诉求${k}，多收卫生费` })])
      return v === 1 && f === 1 && cp === 1 ? 1 : v + 10 * f + 100 * cp
    }
  },
  {
    action: 'survey.admin.save',
    as: 'demo-regulator',
    payload: (k) => surveyForm(`故障测试问卷${k}`),
    count: (db, k) => db.collection('surveys').count({ title: `故障测试问卷${k}` })
  },
  {
    action: 'survey.answer',
    // a new owner each time (one answer per owner), the survey delivered to them; a named survey,
    // so an answer can be counted per owner (an anonymous one carries no openid)
    as: (k) => `once-answerer-${k}`,
    payload: async (k) => {
      await onboard(`once-answerer-${k}`)
      await realDb().collection('owners').update(`once-answerer-${k}`, { broadcasts: patch.addToSet([`survey:${await onceSurvey()}`]) })
      return { id: await onceSurvey(), answers: [{ choice: [1] }, { rating: 4 }] }
    },
    count: (db, k) => db.collection('surveyAnswers').count({ openid: `once-answerer-${k}` })
  },
  {
    action: 'user.stall.request',
    // a new owner each time: one open request per owner and stall is the rule
    as: (k) => `once-asker-${k}`,
    payload: async (k) => {
      await onboard(`once-asker-${k}`)
      return { stallCode: 'DMA2K7', note: `故障测试${k}` }
    },
    count: (db, k) => db.collection('stallRequests').count({ openid: `once-asker-${k}` })
  },
  {
    action: 'recognition.apply',
    as: 'once-applicant',
    // one open application per owner and category: earlier calls' applications are closed first
    payload: async (k) => {
      await realDb().collection('recognitionApplications').updateWhere({ openid: 'once-applicant', status: 'submitted' }, { status: 'withdrawn', openKey: `closed:${k}` })
      return { category: 'special', what: `${RECOGNITION_WHAT}（第${k}次）` }
    },
    count: (db, k) => db.collection('recognitionApplications').count({ what: `${RECOGNITION_WHAT}（第${k}次）` })
  },
  {
    action: 'recognition.resubmit',
    as: 'once-resubmitter',
    payload: async (k) => {
      await realDb().collection('recognitionApplications').updateWhere({ openid: 'once-resubmitter', status: cmd.in(['submitted', 'returned']) }, { status: 'withdrawn', openKey: `closed:r${k}` })
      const a = await c.ok('recognition', 'recognition.apply', { category: 'quality', what: RECOGNITION_WHAT }, 'once-resubmitter', `resubmit-setup-${k}`)
      await c.ok('recognition', 'recognition.staff.act', { id: a.id, expected: 'submitted', event: { type: 'return', reason: '请补充' } }, 'demo-regulator')
      resubmitted.set(k, a.id)
      return { id: a.id, what: `${RECOGNITION_WHAT}补充${k}`, links: [] }
    },
    count: async (db, k) => ((await db.collection<{ _id: string; resubmits?: string[] }>('recognitionApplications').get(resubmitted.get(k) ?? '-'))?.resubmits ?? []).length
  },
  {
    action: 'recognition.public.object',
    // a new person each time: one 异议 per person and household
    as: (k) => `once-objector-${k}`,
    payload: () => ({ id: publicApplication, reason: '这家店不是老字号，去年才开的' }),
    count: (db, k) => db.collection('recognitionObjections').count({ openid: `once-objector-${k}` })
  },
  {
    action: 'user.claim.request',
    // a new claimant each time for the business once-holder holds: one open request per owner and business
    as: (k) => `once-claimer-${k}`,
    payload: async (k) => {
      await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, `once-claimer-${k}`)
      return { profile: profileOf('once-holder'), note: `故障测试${k}` }
    },
    count: (db, k) => db.collection('claimTransfers').count({ openid: `once-claimer-${k}` })
  },
  {
    action: 'notice.plan.create',
    as: 'demo-regulator',
    payload: (k) => NOTICE_PLAN(k),
    count: (db, k) => db.collection('inspectionPlans').count({ title: `故障测试计划${k}` })
  },
  {
    action: 'notice.hint.send',
    as: 'demo-regulator',
    payload: (k) => ({ creditCode: codeFor('once-owner'), rule: '测试用依据', what: `故障测试提示${k}`, dueDate: '2026-11-30', firstMinor: true }),
    count: (db, k) => db.collection('complianceHints').count({ what: `故障测试提示${k}` })
  },
  {
    action: 'notice.hint.correct',
    as: 'once-owner',
    payload: async (k) => {
      const h = await c.ok('notice', 'notice.hint.send', { creditCode: codeFor('once-owner'), rule: '测试用依据', what: `整改测试${k}`, dueDate: '2026-11-30', firstMinor: false }, 'demo-regulator', `hint-for-correct-${k}`)
      hintOf.set(k, h.id)
      return { id: h.id, photos: [await confirmedPhoto('once-owner')], note: `已整改${k}` }
    },
    count: async (db, k) => ((await db.collection<{ _id: string; timeline: Array<{ status: string }> }>('complianceHints').get(hintOf.get(k) ?? '-'))?.timeline ?? []).filter((t) => t.status === 'corrected').length
  },
  {
    action: 'user.classification.object',
    // a new 武汉 household each time, with its 2026 decision: one 异议 per household and year
    as: (k) => `once-objector-${k}`,
    at: new Date('2026-08-10T02:00:00Z'),
    payload: async (k) => {
      await onboard(`once-objector-${k}`, { region: WUHAN })
      await seedDecision(realDb(), `once-objector-${k}`, 2026)
      return { reason: `故障测试${k}：今年雇了两个人` }
    },
    count: (db, k) => db.collection('classificationObjections').count({ openid: `once-objector-${k}` })
  }
]

beforeAll(async () => {
  c = await testCloud()
  ;(c as unknown as { realDb: Db }).realDb = c.ports.db
  c.clock.set(T0)
  // invitations draw a QR picture (slow PNG encoding on a busy machine); writes are what this test is about
  const pixel = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  c.ports.qr = { png: async (scene, page) => ({ bytes: pixel, target: `${page}?scene=${scene}` }) }
  for (const o of ['once-owner', 'once-uploader', 'once-confirmer', 'once-filer-0', 'once-filer-1', 'once-filer-2', 'once-filer-3', 'once-urger']) await onboard(o)
  for (let i = 0; i < 4; i++) await onboard(`once-supplier-${i}`)
  await onboard('once-holder')
  // 名特优新 needs a verified business; one application in 公示 for the 异议
  for (const o of ['once-applicant', 'once-resubmitter', 'once-gongshi']) {
    await onboard(o)
    await verifyOwner(c, o)
  }
  publicApplication = (await c.ok('recognition', 'recognition.apply', { category: 'famous', what: RECOGNITION_WHAT }, 'once-gongshi', 'gongshi-setup')).id
  await c.ok('recognition', 'recognition.staff.act', { id: publicApplication, expected: 'submitted', event: { type: 'recommend', reason: '老字号' } }, 'demo-regulator')
  // a loan application needs a verified business (#16)
  await verifyOwner(c, 'once-owner')
  await c.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION }, 'once-owner')
})
afterAll(() => c.stop())

/** Calls `action` with the database crashing at write `at` (1-based) in the given way. */
async function crashedCall(k: Case, i: number, payload: unknown, requestId: string, at: number, mode: { after: boolean; kill: boolean }) {
  let writes = 0
  let dead = false
  let fired = false
  ;(c.ports as { db: Db }).db = interceptDb(realDb(), async (run, name) => {
    if (dead) throw new Crash('the process is gone')
    if (!WRITES.has(name)) return run()
    writes++
    if (writes === at && !mode.after) {
      dead = mode.kill
      fired = true
      throw new Crash('crash before the write')
    }
    const r = await run()
    if (writes === at && mode.after) {
      dead = mode.kill
      fired = true
      throw new Crash('crash after the write')
    }
    return r
  })
  try {
    const res = await c.call(k.action.split('.')[0], { action: k.action, payload, requestId }, who(k, i))
    return { ...res, fired }
  } finally {
    ;(c.ports as { db: Db }).db = realDb()
  }
}

/** How many writes one successful call makes. */
async function writesOf(k: Case, i: number, payload: unknown, requestId: string) {
  let writes = 0
  ;(c.ports as { db: Db }).db = interceptDb(realDb(), (run, name) => {
    if (WRITES.has(name)) writes++
    return run()
  })
  try {
    const r = await c.call(k.action.split('.')[0], { action: k.action, payload, requestId }, who(k, i))
    expect(r.body).toMatchObject({ ok: true })
  } finally {
    ;(c.ports as { db: Db }).db = realDb()
  }
  return writes
}

describe('creating actions: exactly one record whatever write the first attempt died at', () => {
  test('every action marked creates is crashed here', () => {
    const creating = Object.entries(contracts).filter(([, a]) => (a as { creates?: boolean }).creates).map(([name]) => name)
    expect(CASES.map((k) => k.action).sort()).toEqual(creating.sort())
  })

  let n = 0
  test.each(CASES.map((k) => [k.action, k]))('%s', async (_name, k) => {
    const base = n
    const T = k.at ?? T0
    c.clock.set(T)
    const total = await writesOf(k, base, await k.payload(base), `probe-request-${base}`)
    expect(total).toBeGreaterThan(0)
    n++
    let runs = 0
    let fired = 0
    for (let at = 1; at <= total; at++) {
      for (const after of [false, true]) {
        for (const kill of [true, false]) {
          const i = ++n
          const payload = await k.payload(i)
          const before = await k.count(realDb(), i)
          const requestId = `crash-request-${i}`
          c.clock.set(T)
          const crashed = await crashedCall(k, i, payload, requestId, at, { after, kill })
          // a later call can make fewer writes than the probe (a counter created once): no crash then
          expect([k.action, at, after, kill, crashed.body.ok]).toEqual([k.action, at, after, kill, !crashed.fired])
          if (crashed.fired) fired++
          // the retry comes after the pending claim's timeout, as a client retrying later would
          c.clock.set(new Date(T.getTime() + PENDING_TIMEOUT_MS + 1000))
          const retried = await c.call(k.action.split('.')[0], { action: k.action, payload, requestId }, who(k, i))
          expect([k.action, at, after, kill, retried.body.ok]).toEqual([k.action, at, after, kill, true])
          const again = await c.call(k.action.split('.')[0], { action: k.action, payload, requestId }, who(k, i))
          expect(again.body).toEqual(retried.body)
          const made = (await k.count(realDb(), i)) - before
          expect([k.action, at, after, kill, made]).toEqual([k.action, at, after, kill, k.expect ?? 1])
          runs++
        }
      }
    }
    expect(runs).toBe(total * 4)
    // nearly every write point was really crashed at, both ways
    expect(fired).toBeGreaterThanOrEqual((total - 1) * 4)
  })
})
