import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { surveyContract } from '../../src/core/survey/contract'
import { recount, type Answer, type Question } from '../../src/core/survey/rules'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { profileOf } from '../helpers/fixtures'

const OUHAI = '330304'

const QUESTIONS: Question[] = [
  { kind: 'single', title: '今年生意比去年怎么样？', required: true, options: ['好一些', '差不多', '差一些'] },
  { kind: 'multi', title: '您最需要哪些帮助？', required: false, options: ['融资', '招工', '场地', '证照'] },
  { kind: 'rating', title: '您对市场管理服务打几分？', required: true, options: [] },
  { kind: 'text', title: '还有什么想说的？', required: false, options: [] }
]

const form = (extra: Record<string, unknown> = {}) => ({
  title: '个体户经营状况调查',
  intro: '几分钟就能答完。',
  organizer: '鹿城区市场监督管理局（测试）',
  anonymous: true,
  startOn: '2026-11-21',
  endOn: '2026-11-30',
  questions: QUESTIONS,
  conditions: [],
  ...extra
})

describe('survey function over HTTP', () => {
  let c: TestCloud
  const owners: string[] = []
  const trigger = () => c.post('/api/local/trigger/scheduler', '')
  const errorOf = async (fn: string, action: string, payload: unknown, openid: string, requestId?: string) => {
    const r = await c.call(fn, { action, payload, ...(requestId ? { requestId } : {}) }, openid)
    if (r.body.ok) throw new Error(`${action} should have been refused`)
    return r.body.error
  }
  /** the export, fetched as the phone would and opened with exceljs: each sheet's rows as arrays of cell values */
  const exported = async (id: string, who = 'demo-regulator') => {
    const file = await c.ok('survey', 'survey.admin.export', { id }, who)
    expect(file.fileName).toMatch(/^问卷-.*-\d{8}\.xlsx$/)
    const res = await fetch(c.url + file.url)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    return Object.fromEntries(
      wb.worksheets.map((ws) => {
        const rows: unknown[][] = []
        ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
        return [ws.name, rows]
      })
    )
  }
  const onboard = async (openid: string, extra: Record<string, unknown> = {}) => {
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
    await c.ok('user', 'user.profile.save', profileOf(openid, { businessName: `测试户${openid.slice(-2)}号店`, ...extra }), openid)
  }
  /** saves and publishes as `who`, runs the push; returns the survey */
  const publish = async (extra: Record<string, unknown> = {}, who = 'demo-regulator', rid = `s-${Math.random().toString(36).slice(2)}`) => {
    const s = await c.ok('survey', 'survey.admin.save', form(extra), who, rid)
    await c.ok('survey', 'survey.admin.publish', { id: s.id }, who)
    await trigger()
    return c.ok('survey', 'survey.admin.get', { id: s.id }, who)
  }

  beforeAll(async () => {
    c = await testCloud()
    c.clock.set(new Date('2026-11-21T02:00:00Z'))
    await c.ports.db.collection('staff').set('reg-ouhai', { role: 'regulator', name: '周科员', region: OUHAI, bankName: null, createdAt: '' } as never)
    for (let i = 0; i < 8; i++) {
      const id = `sv-owner-${i}`
      owners.push(id)
      await onboard(id, { industry: i % 2 ? 'catering' : 'foodRetail' })
    }
    await onboard('sv-ouhai', { region: OUHAI })
  })
  afterAll(() => c.stop())

  test('a questionnaire is checked with a Chinese message at each field', async () => {
    const bad = form({
      title: '',
      organizer: '',
      endOn: '2026-11-20',
      startOn: '2026-11-25',
      questions: [
        { kind: 'single', title: '只有一个选项', required: true, options: ['是'] },
        { kind: 'text', title: '', required: false, options: ['不该有'] },
        { kind: 'multi', title: '重复', required: false, options: ['甲', '甲'] }
      ]
    })
    const e = await errorOf('survey', 'survey.admin.save', bad, 'demo-regulator', 'req-id-bad-1')
    expect(e.code).toBe('INVALID_INPUT')
    const byPath = Object.fromEntries(e.details!.map((d: { path: string; message: string }) => [d.path, d.message]))
    expect(byPath).toMatchObject({
      title: '请填写问卷标题',
      organizer: '请填写发起单位，个体户要知道是谁在调查',
      endOn: '截止日期不能早于开始日期',
      'questions.0.options': '第1题：至少要有2个选项',
      'questions.1.title': '第2题：请填写题目',
      'questions.2.options': '第3题：有两个选项一样'
    })
    const many = Array.from({ length: 21 }, (_, i) => ({ kind: 'rating', title: `题${i}`, required: false, options: [] }))
    const e2 = await errorOf('survey', 'survey.admin.save', form({ questions: many }), 'demo-regulator', 'req-id-bad-2')
    expect(e2.details).toContainEqual({ path: 'questions', message: '最多20道题' })
    const e3 = await errorOf('survey', 'survey.admin.save', form({ questions: [] }), 'demo-regulator', 'req-id-bad-3')
    expect(e3.details).toContainEqual({ path: 'questions', message: '请至少添加一道题' })
    // a regulator's audience stays in their region
    const e4 = await errorOf('survey', 'survey.admin.save', form({ conditions: [{ fact: 'region', op: 'within', value: OUHAI }] }), 'demo-regulator', 'req-id-bad-4')
    expect(e4.details).toContainEqual({ path: 'conditions.0', message: expect.stringContaining('只能选') })
    // bank officers have no part in surveys
    expect((await errorOf('survey', 'survey.admin.list', {}, 'demo-bank')).code).toBe('FORBIDDEN')
  })

  test('the preview count is who receives it in 消息, inside the regulator region only', async () => {
    const rules = [{ fact: 'industry', op: 'in', value: ['catering'] }]
    const preview = await c.ok('survey', 'survey.admin.preview', { conditions: rules }, 'demo-regulator')
    expect(surveyContract['survey.admin.preview'].output.parse(preview)).toBeTruthy()
    const s = await publish({ conditions: rules })
    expect(s.status).toBe('published')
    expect(s.push).toBe('done')
    expect(s.audience).toBe(preview.count)
    expect(s.delivered).toBe(preview.count)
    // every catering owner of 鹿城 got it; the 瓯海 one and the others did not
    const inbox = async (openid: string) => (await c.ok('reminder', 'reminder.inbox.list', { limit: 20 }, openid)).messages.map((m: { title: string; page: string | null }) => m)
    for (const [i, o] of owners.entries()) {
      const got = (await inbox(o)).some((m: { page: string | null }) => m.page === `survey/pages/answer/index?id=${s.id}`)
      expect([o, got]).toEqual([o, i % 2 === 1])
    }
    expect((await inbox('sv-ouhai')).some((m: { title: string }) => m.title.startsWith('问卷调查'))).toBe(false)
    expect((await errorOf('survey', 'survey.get', { id: s.id }, 'sv-ouhai')).code).toBe('NOT_FOUND')
    expect((await errorOf('survey', 'survey.get', { id: s.id }, owners[0])).code).toBe('NOT_FOUND')
  })

  test('an owner answers once: the same requestId replays, another is refused kindly', async () => {
    const s = await publish()
    const o = owners[1]
    const before = await c.ok('survey', 'survey.get', { id: s.id }, o)
    expect(before).toMatchObject({ state: 'open', answered: false, anonymous: true, organizer: '鹿城区市场监督管理局（测试）' })
    expect(before.anonymity).toContain('不记录您是谁')
    const answers = [{ choice: [0] }, { choice: [1, 2] }, { rating: 4 }, { text: '希望多办培训' }]
    // a required question left blank is sent back with its number
    const blank = await errorOf('survey', 'survey.answer', { id: s.id, answers: [null, null, { rating: 4 }, null] }, o, 'req-id-ans-0')
    expect(blank.details).toContainEqual({ path: 'answers.0', message: '第1题是必答题，请选择' })
    await c.ok('survey', 'survey.answer', { id: s.id, answers }, o, 'req-id-ans-1')
    await c.ok('survey', 'survey.answer', { id: s.id, answers }, o, 'req-id-ans-1')
    const again = await errorOf('survey', 'survey.answer', { id: s.id, answers }, o, 'req-id-ans-2')
    expect(again).toMatchObject({ code: 'CONFLICT', message: '您已经提交过这份问卷，每户只能答一次，谢谢参与' })
    expect((await c.ok('survey', 'survey.get', { id: s.id }, o)).answered).toBe(true)
    const r = await c.ok('survey', 'survey.admin.results', { id: s.id }, 'demo-regulator')
    expect(r.responses).toBe(1)
    expect(r.questions[0].counts).toEqual([{ label: '好一些', value: 1 }, { label: '差不多', value: 0 }, { label: '差一些', value: 0 }])
    expect(r.questions[2]).toMatchObject({ answered: 1, average: 4 })
    const texts = await c.ok('survey', 'survey.admin.texts', { id: s.id, q: 3 }, 'demo-regulator')
    expect(texts.items).toEqual([expect.objectContaining({ text: '希望多办培训', who: null })])
    // the export: counts, the text answers, every response; nothing about who answered
    const x = await exported(s.id)
    expect(Object.keys(x)).toEqual(['统计', '简答', '全部回答'])
    expect(x['统计']).toContainEqual(['第1题 今年生意比去年怎么样？', '好一些', 1, '100%'])
    expect(x['统计'].find((r) => r[1] === '平均分')?.slice(0, 3)).toEqual(['第3题 您对市场管理服务打几分？', '平均分', 4])
    expect(x['简答']).toContainEqual(['第4题 还有什么想说的？', '希望多办培训'])
    const all = x['全部回答']
    expect(all.find((r) => r[0] === '序号')).toEqual(['序号', '1. 今年生意比去年怎么样？', '2. 您最需要哪些帮助？', '3. 您对市场管理服务打几分？', '4. 还有什么想说的？'])
    expect(all).toContainEqual([1, '好一些', '招工、场地', '4分', '希望多办培训'])
    expect(JSON.stringify(x)).not.toContain('测试户')
    // another region's regulator gets no file
    expect((await errorOf('survey', 'survey.admin.export', { id: s.id }, 'reg-ouhai')).code).toBe('NOT_FOUND')
  })

  test('anonymous answers carry nothing that leads back to the owner', async () => {
    const s = await publish()
    const names = new Map<string, string>()
    for (const o of owners) names.set(o, (await c.ports.db.collection<{ _id: string; profile: { businessName: string } }>('owners').get(o))!.profile.businessName)
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...owners), fc.string({ maxLength: 30 }), async (o, text) => {
        const got = await c.ok('survey', 'survey.get', { id: s.id }, o)
        if (!got.answered) await c.ok('survey', 'survey.answer', { id: s.id, answers: [{ choice: [1] }, null, { rating: 3 }, text.trim() ? { text } : null] }, o, `anon-${o}`)
        const docs = await c.ports.db.collection<Record<string, unknown> & { _id: string }>('surveyAnswers').find({ surveyId: s.id }, { limit: 1000 })
        const marks = await c.ports.db.collection<Record<string, unknown> & { _id: string }>('surveyMarks').find({ surveyId: s.id }, { limit: 1000 })
        for (const d of docs) {
          expect(Object.keys(d).sort()).toEqual(['_id', 'answers', 'surveyId', 'tallied', 'texts'])
          const flat = JSON.stringify(d)
          for (const [openid, name] of names) {
            expect(flat).not.toContain(openid)
            expect(flat).not.toContain(name)
          }
        }
        // the markers say who answered, but no longer which answer
        for (const m of marks) expect(m).toMatchObject({ state: 'done', answerId: null })
        expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length)
        expect(docs.some((d) => marks.some((m) => JSON.stringify(m).includes(d._id)))).toBe(false)
      }),
      { numRuns: 12 }
    )
  })

  test('tallies equal a recount of the stored answers (random answers)', async () => {
    const answer = (q: Question): fc.Arbitrary<Answer | null> =>
      q.kind === 'single'
        ? fc.integer({ min: 0, max: q.options.length - 1 }).map((i) => ({ choice: [i] }))
        : q.kind === 'multi'
          ? fc.option(fc.uniqueArray(fc.integer({ min: 0, max: q.options.length - 1 }), { minLength: 1, maxLength: q.options.length }).map((choice) => ({ choice })), { nil: null })
          : q.kind === 'rating'
            ? fc.integer({ min: 1, max: 5 }).map((rating) => ({ rating }))
            : fc.option(fc.string({ minLength: 1, maxLength: 20 }).filter((t) => !!t.trim()).map((text) => ({ text })), { nil: null })
    const sheet = fc.tuple(...QUESTIONS.map(answer))
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(sheet, { minLength: owners.length, maxLength: owners.length }), fc.boolean(), async (sheets, anonymous) => {
        run++
        const s = await publish({ anonymous, title: `随机问卷${run}` })
        for (const [i, o] of owners.entries()) await c.ok('survey', 'survey.answer', { id: s.id, answers: sheets[i] }, o, `tally-${run}-${o}`)
        const stored = await c.ports.db.collection<{ _id: string; answers: Array<Answer | null> }>('surveyAnswers').find({ surveyId: s.id }, { limit: 1000 })
        const doc = await c.ports.db.collection<{ _id: string; tally: unknown; responses: number }>('surveys').get(s.id)
        const trimmed = sheets.map((a) => a.map((x) => (x && 'text' in x ? { text: x.text!.trim() } : x)))
        expect(doc!.tally).toEqual(recount(QUESTIONS, stored.map((d) => d.answers)))
        expect(doc!.tally).toEqual(recount(QUESTIONS, trimmed))
        expect(doc!.responses).toBe(owners.length)
      }),
      { numRuns: 3 }
    )
  })

  test('the survey closes on its end date: answers after it are refused, the sweep ends it', async () => {
    const s = await publish({ endOn: '2026-11-22' })
    // the last day, China time, still takes answers
    c.clock.set(new Date('2026-11-22T15:59:00Z'))
    await c.ok('survey', 'survey.answer', { id: s.id, answers: [{ choice: [0] }, null, { rating: 5 }, null] }, owners[2], 'req-id-end-1')
    c.clock.set(new Date('2026-11-22T16:00:00Z'))
    expect((await c.ok('survey', 'survey.get', { id: s.id }, owners[3])).state).toBe('closed')
    const late = await errorOf('survey', 'survey.answer', { id: s.id, answers: [{ choice: [0] }, null, { rating: 5 }, null] }, owners[3], 'req-id-end-2')
    expect(late).toMatchObject({ code: 'PRECONDITION_FAILED', message: '这份问卷已于11月22日截止，不能再提交了' })
    await trigger()
    expect(await c.ok('survey', 'survey.admin.get', { id: s.id }, 'demo-regulator')).toMatchObject({ status: 'closed', closedReason: 'ended', responses: 1 })
    // a closed survey cannot be edited
    expect((await errorOf('survey', 'survey.admin.save', { id: s.id, ...form({ endOn: '2026-12-30' }) }, 'demo-regulator')).code).toBe('PRECONDITION_FAILED')
    c.clock.set(new Date('2026-11-21T02:00:00Z'))
  })

  test('after publishing only the intro and end date change; staff may close early', async () => {
    const s = await publish({ anonymous: false })
    const e = await errorOf('survey', 'survey.admin.save', { id: s.id, ...form({ anonymous: false, title: '改了标题' }) }, 'demo-regulator')
    expect(e).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('只能修改说明和截止日期') })
    const edited = await c.ok('survey', 'survey.admin.save', { id: s.id, ...form({ anonymous: false, intro: '补充说明', endOn: '2026-12-05' }) }, 'demo-regulator')
    expect(edited).toMatchObject({ intro: '补充说明', endOn: '2026-12-05', status: 'published' })
    // named: staff see which household, masked
    await c.ok('survey', 'survey.answer', { id: s.id, answers: [{ choice: [2] }, null, { rating: 2 }, { text: '摊位费太贵' }] }, owners[5], 'req-id-named-1')
    const texts = await c.ok('survey', 'survey.admin.texts', { id: s.id, q: 3 }, 'demo-regulator')
    expect(texts.items[0].who).toBe('测试户***店')
    const stored = await c.ports.db.collection<Record<string, unknown> & { _id: string }>('surveyAnswers').find({ surveyId: s.id })
    expect(stored[0]).toMatchObject({ openid: owners[5], name: '测试户-5号店' })
    const x = await exported(s.id)
    expect(x['全部回答']).toContainEqual([1, '测试户***店', '差一些', '', '2分', '摊位费太贵'])
    expect(x['简答']).toContainEqual(['第4题 还有什么想说的？', '摊位费太贵', '测试户***店'])
    const closed = await c.ok('survey', 'survey.admin.close', { id: s.id }, 'demo-regulator')
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'staff' })
    expect((await errorOf('survey', 'survey.answer', { id: s.id, answers: [{ choice: [0] }, null, { rating: 5 }, null] }, owners[7], 'req-id-named-2')).code).toBe('PRECONDITION_FAILED')
  })

  test('region scoping: another region’s regulator never sees the survey or its results; an admin does', async () => {
    const s = await publish()
    for (const action of ['survey.admin.get', 'survey.admin.results']) {
      expect((await errorOf('survey', action, { id: s.id }, 'reg-ouhai')).code).toBe('NOT_FOUND')
    }
    expect((await errorOf('survey', 'survey.admin.texts', { id: s.id, q: 3 }, 'reg-ouhai')).code).toBe('NOT_FOUND')
    const theirs = await c.ok('survey', 'survey.admin.list', {}, 'reg-ouhai')
    expect(theirs.total).toBe(0)
    const ours = await c.ok('survey', 'survey.admin.list', {}, 'demo-regulator')
    expect(ours.items.map((i: { id: string }) => i.id)).toContain(s.id)
    // the city supervisor's region holds 鹿城
    expect((await c.ok('survey', 'survey.admin.list', {}, 'demo-supervisor')).items.map((i: { id: string }) => i.id)).toContain(s.id)
    expect((await c.ok('survey', 'survey.admin.results', { id: s.id }, 'demo-admin')).id).toBe(s.id)
  })
})
