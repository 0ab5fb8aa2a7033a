import { contactId, DEPARTMENTS, enclosingRegions, noContactText, resolveContacts, shortIssuer, sourceLine, type Contact } from '../../src/core/policy/act'
import { POLICY_LIBRARY } from '../../src/core/policy/library'
import { checkCondition, describeCondition, factsOf, fitOf, isAimedAt, match, matchPolicy, type MatchProfile } from '../../src/core/policy/match'
import { compareListed, compareRecommended, scopeOf, type Listed, type Recommended } from '../../src/core/policy/rank'
import type { Condition } from '../../src/core/policy/rules'
import { policyAge } from '../../src/core/policy/age'

const TODAY = '2026-11-21'
const policy = (id: string) => POLICY_LIBRARY.find((p) => p.id === id)!

/** 小李水果店 (the demo's fruit stall): 鹿城区, opened September 2026, on its own, small turnover. */
const FRUIT_STALL: MatchProfile = {
  region: '330302',
  industry: 'foodRetail',
  openedOn: '2026-09-10',
  employees: 0,
  revenueBand: 'lt10w',
  taxPaid: false,
  socialInsurance: false,
  groups: ['graduate']
}
/** 张记面馆: a veteran's noodle shop with three staff, open since 2019. */
const NOODLE_SHOP: MatchProfile = { ...FRUIT_STALL, industry: 'catering', openedOn: '2019-05-01', employees: 3, revenueBand: '50w_100w', taxPaid: true, socialInsurance: true, groups: ['veteran'] }

/** 为您推荐 as the policy function builds it: in force, may fit, in the ranking's order. */
function recommend(profile: MatchProfile, today = TODAY): string[] {
  const facts = factsOf(profile, today)
  return POLICY_LIBRARY.filter((p) => policyAge(p, today).state !== 'expired')
    .map((p) => ({ p, m: matchPolicy(p, facts, today) }))
    .filter(({ m }) => m.status !== 'no')
    .map(({ p, m }): Recommended => ({ id: p.id, status: m.status, conditions: p.conditions, reasons: m.reasons, act: p.act, publishedAt: `${p.effectiveFrom}T00:00:00.000Z` }))
    .sort(compareRecommended)
    .map((r) => r.id)
}

describe('recommendations rank what a small stall can act on first', () => {
  test('a fruit stall does not open on a 10千伏 power approval: measures for bigger businesses come last', () => {
    const order = recommend(FRUIT_STALL)
    expect(order[0]).not.toBe('wz-03-power-connection')
    const larger = order.filter((id) => policy(id).act.scale === 'larger')
    expect(larger).toEqual(expect.arrayContaining(['wz-03-power-connection', 'wz-10-to-enterprise-bookkeeping']))
    expect(order.slice(-larger.length)).toEqual(larger)
  })

  test('…it opens on what was written for it (开业第一课 for a shop open two months), then what it can start in the app (码上贷)', () => {
    const order = recommend(FRUIT_STALL)
    expect(order[0]).toBe('wz-06-first-lesson')
    expect(order.slice(1, 3).sort()).toEqual(['wz-04-code-loan', 'wz-12-credit-loans'])
  })

  test('the noodle shop (open since 2019) is not offered the new-shop lesson at all, and still gets the loan before the power approval', () => {
    const order = recommend(NOODLE_SHOP)
    expect(order).not.toContain('wz-06-first-lesson')
    expect(order.indexOf('wz-04-code-loan')).toBeLessThan(order.indexOf('wz-03-power-connection'))
  })

  test('the rule, step by step, on made-up policies', () => {
    const region: Condition = { fact: 'region', op: 'within', value: '330300' }
    const veteran: Condition = { fact: 'groups', op: 'hasAny', value: ['veteran'] }
    const ok = { met: true, text: '' }
    const r = (id: string, over: Partial<Recommended>): Recommended => ({ id, status: 'match', conditions: [region], reasons: [ok], act: { actions: [], scale: 'any' }, publishedAt: '2024-01-01', ...over })
    const sorted = (...xs: Recommended[]) => xs.sort(compareRecommended).map((x) => x.id)
    // 1. a match before an almost
    expect(sorted(r('almost', { status: 'almost' }), r('match', {}))).toEqual(['match', 'almost'])
    // 2. for a stall before for a bigger business, even when the bigger one is newer and has a button
    expect(sorted(r('big', { act: { actions: ['loan'], scale: 'larger' }, publishedAt: '2026-01-01' }), r('stall', {}))).toEqual(['stall', 'big'])
    // 3. written for the owner (veteran) before written for everyone
    expect(sorted(r('everyone', { act: { actions: ['loan'], scale: 'any' } }), r('veterans', { conditions: [region, veteran], reasons: [ok, ok] }))).toEqual(['veterans', 'everyone'])
    // 4. an in-app step before a visit
    expect(sorted(r('visit', { publishedAt: '2026-01-01' }), r('button', { act: { actions: ['course'], scale: 'any' } }))).toEqual(['button', 'visit'])
    // 5. newest, then id
    expect(sorted(r('b', {}), r('old', { publishedAt: '2020-01-01' }), r('a', {}))).toEqual(['a', 'b', 'old'])
  })
})

describe('全部 and search put the owner’s own region first', () => {
  test('scope: own city or county, province, national, elsewhere, unknown', () => {
    expect(scopeOf(policy('wz-04-code-loan'), '330302')).toBe('local')
    expect(scopeOf({ conditions: [{ fact: 'region', op: 'within', value: '330000' }] }, '330302')).toBe('province')
    expect(scopeOf({ conditions: [] }, '330302')).toBe('national')
    expect(scopeOf(policy('wh-survival'), '330302')).toBe('elsewhere')
    expect(scopeOf(policy('sm-3-3-flexible-insurance'), '330302')).toBe('unknown')
  })

  test('the order: scope, then what may fit, then newest', () => {
    const l = (id: string, scope: Listed['scope'], fit: Listed['fit'], publishedAt = '2024-01-01'): Listed => ({ id, scope, fit, publishedAt })
    const xs = [l('other', 'elsewhere', 'elsewhere', '2026-01-01'), l('unknown', 'unknown', 'expired'), l('nation', 'national', 'match'), l('mine-no', 'local', 'no', '2026-01-01'), l('prov', 'province', 'match'), l('mine', 'local', 'match')]
    expect(xs.sort(compareListed).map((x) => x.id)).toEqual(['mine', 'mine-no', 'prov', 'nation', 'other', 'unknown'])
  })

  test('each result carries its status: 不适用本地区, 已过期, 地区不明, or the match', () => {
    const facts = factsOf(FRUIT_STALL, TODAY)
    expect(fitOf(policy('wz-04-code-loan'), facts, TODAY)).toBe('match')
    expect(fitOf(policy('wh-survival'), facts, TODAY)).toBe('elsewhere')
    expect(fitOf(policy('gz-05-startup-subsidy'), facts, TODAY)).toBe('expired')
    expect(fitOf(policy('sm-3-3-flexible-insurance'), facts, '2023-09-15')).toBe('regionUnknown')
    expect(fitOf(policy('wz-19-credit-repair'), facts, TODAY)).toBe('no')
  })
})

describe('conditions read naturally for “must not be” and “aimed at”', () => {
  const f = factsOf(FRUIT_STALL, TODAY)
  const text = (c: Condition, facts = f) => checkCondition(c, facts).text

  test('being listed as 经营异常 is never something missing', () => {
    expect(text({ fact: 'abnormal', op: 'is', value: true })).toBe('这项面向已被列入经营异常名录、需要信用修复的个体户；您没有被列入，用不上')
    expect(text({ fact: 'abnormal', op: 'is', value: false }, { ...f, abnormal: true })).toBe('这项面向没有被列入经营异常名录的个体户；档案显示您已被列入，暂时用不上')
    expect(text({ fact: 'abnormal', op: 'is', value: false })).toBe('您没有被列入经营异常名录')
  })

  test('aimed-at conditions say whom the measure is for and that the owner is not one', () => {
    expect(text({ fact: 'groups', op: 'hasAny', value: ['veteran'] })).toBe('这项面向退役军人；您的经营档案里没有填这个身份，用不上；如果是，可以在档案里补上')
    expect(text({ fact: 'industry', op: 'in', value: ['catering'] })).toBe('这项面向餐饮服务行业；您是食品销售，用不上')
    expect(text({ fact: 'taxPaid', op: 'is', value: false }, { ...f, taxPaid: true })).toBe('这项面向尚未纳税的个体户；您已纳税，用不上')
    expect(text({ fact: 'socialInsurance', op: 'is', value: false }, { ...f, socialInsurance: true })).toBe('这项面向未参加社保的个体户；您已参加社保，用不上')
    expect(text({ fact: 'employees', op: 'lte', value: 2 }, { ...f, employees: 5 })).toBe('这项面向雇员2人以下的个体户；您有5人，用不上')
    expect(text({ fact: 'monthsInBusiness', op: 'lte', value: 1 })).toBe('这项面向开业1个月以内的新开办个体户；您已经营2个月，用不上')
  })

  test('reachable conditions keep saying what is still needed', () => {
    expect(text({ fact: 'monthsInBusiness', op: 'gte', value: 12 })).toBe('需正常经营满1年，您已经营2个月')
    expect(text({ fact: 'employees', op: 'gte', value: 1 })).toBe('需有雇员，您有0人')
    expect(text({ fact: 'socialInsurance', op: 'is', value: true })).toBe('需参加社保，您的档案中为未参加')
  })

  test('one unmet aimed-at condition is never 差一项; one reachable one is', () => {
    const region: Condition = { fact: 'region', op: 'within', value: '330300' }
    expect(match([region, { fact: 'abnormal', op: 'is', value: true }], f)).toMatchObject({ status: 'no', missing: null })
    expect(match([region, { fact: 'groups', op: 'hasAny', value: ['veteran'] }], f)).toMatchObject({ status: 'no', missing: null })
    expect(match([region, { fact: 'employees', op: 'gte', value: 1 }], f)).toMatchObject({ status: 'almost', missing: '需有雇员，您有0人' })
    const aimed = (['region', 'industry', 'groups', 'abnormal'] as const).map((fact) => isAimedAt({ fact, op: 'in', value: [] } as unknown as Condition))
    expect(aimed).toEqual([true, true, true, true])
    expect(isAimedAt({ fact: 'featured', op: 'in', value: ['famous'] })).toBe(false)
    expect(isAimedAt({ fact: 'type', op: 'in', value: ['growth'] })).toBe(false)
  })

  test('a condition alone (no profile) is stated without the owner’s value', () => {
    expect(describeCondition({ fact: 'abnormal', op: 'is', value: true })).toBe('面向已被列入经营异常名录、需要信用修复的个体户')
    expect(describeCondition({ fact: 'region', op: 'within', value: '330300' })).toBe('限浙江省温州市的个体户')
    expect(describeCondition({ fact: 'monthsInBusiness', op: 'gte', value: 12 })).toBe('正常经营满1年')
  })
})

describe('whom to ask: contacts staff keep per department and region', () => {
  const c = (department: Contact['department'], region: string, office: string): Contact => ({ department, region, office, phone: '0577-00000000', address: null, hours: null, online: null, note: null, updatedAt: '2026-11-01T00:00:00Z' })
  const kept = [c('market', '330000', '省局'), c('market', '330300', '市局'), c('market', '330302', '鹿城所'), c('hrss', '330300', '市人社'), c('tax', '420100', '武汉税务')]

  test('the most specific region that contains the owner wins, per department', () => {
    const r = resolveContacts(['market', 'hrss', 'tax'], '330302', kept)
    expect(r.map((x) => [x.department, x.contact?.office ?? null])).toEqual([['market', '鹿城所'], ['hrss', '市人社'], ['tax', null]])
    expect(resolveContacts(['market'], '330304', kept)[0].contact!.office).toBe('市局')
    expect(resolveContacts(['market'], '331002', kept)[0].contact!.office).toBe('省局')
    expect(resolveContacts(['market'], null, kept)[0].contact).toBeNull()
  })

  test('the ids to read: the place and the regions above it', () => {
    expect(enclosingRegions('330302')).toEqual(['330302', '330300', '330000'])
    expect(enclosingRegions('330300')).toEqual(['330300', '330000'])
    expect(enclosingRegions('110000')).toEqual(['110000'])
    expect(enclosingRegions(null)).toEqual([])
    expect(contactId('market', '330302')).toBe('market:330302')
  })

  test('with nothing kept: the department named, where to ask, and never a number', () => {
    for (const d of Object.keys(DEPARTMENTS) as Array<keyof typeof DEPARTMENTS>) {
      const t = noContactText(d, '浙江省温州市鹿城区')
      expect([d, /\d/.test(t)]).toEqual([d, false])
      expect(t).toMatch(/问/)
    }
    expect(noContactText('hrss', '浙江省温州市鹿城区')).toBe('本平台还没有收到浙江省温州市鹿城区人力资源和社会保障部门的电话和地址。可以到人力资源和社会保障部门的办事窗口问；不清楚该找谁时，可以先到当地市场监管所问。')
    expect(noContactText('market', null)).toContain('当地市场监管所')
  })
})

describe('sources by title and issuer', () => {
  test('a long list of issuers is shortened; a draft is labelled; no file name', () => {
    expect(shortIssuer('温州市市场监督管理局、温州市发展和改革委员会、温州市司法局')).toBe('温州市市场监督管理局等3个部门')
    expect(shortIssuer('武汉市市场监督管理局等16部门')).toBe('武汉市市场监督管理局等16部门')
    expect(sourceLine(policy('gz-08-veteran-loan').source)).toBe('《关于做好2024年度扶持个体工商户发展的通知》 · 征求意见稿（尚未正式施行） · 甘州区扶持个体工商户发展联席会议办公室 · 2024年度')
    expect(sourceLine(policy('sm-3-3-flexible-insurance').source)).toBe('《关于联合开展“个体工商户服务月”活动的实施方案》 · 省市场监管局（原文隐去了省名）会同扶持个体工商户发展联席会议成员单位和相关部门 · 2023年度')
    // a staff-written source as staff wrote it, with its 文号
    expect(sourceLine({ document: '《鹿城区扶持个体工商户十条》', number: '鹿市监〔2026〕1号' })).toBe('《鹿城区扶持个体工商户十条》 · 鹿市监〔2026〕1号')
    for (const p of POLICY_LIBRARY) expect(sourceLine(p.source)).not.toMatch(/种子|seed|\.txt|某省/)
  })
})

describe('the staff editor shows the server’s refusals in Chinese next to the field', () => {
  test('“conditions.1.value：至少选择 1 项” becomes “第2个条件：请至少选一项” under that condition', async () => {
    const { policyContract } = await import('../../src/core/policy/contract')
    const { staffFieldErrors } = await import('../../src/core/policy/fieldErrors')
    const r = policyContract['policy.admin.save'].input.safeParse({
      title: '测试',
      summary: { what: '内容', who: '对象', how: '', where: '地点' },
      department: '区局',
      category: 'startup',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      source: { document: '文件', number: null, clause: '第1条' },
      conditions: [{ fact: 'region', op: 'within', value: '330300' }, { fact: 'industry', op: 'in', value: [] }],
      act: { ask: [], actions: [], online: [{ name: '官网', url: 'http://x.gov.cn' }], materials: [], scale: 'any' }
    })
    expect(r.success).toBe(false)
    const details = r.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    expect(details.map((d) => d.path)).toEqual(expect.arrayContaining(['conditions.1.value', 'summary.how', 'act.online.0.url']))
    const shown = staffFieldErrors(details)
    expect(shown['conditions.1']).toBe('第2个条件：请至少选一项')
    expect(shown.how).toBe('此项必填')
    expect(shown['online.0']).toBe('第1个网上入口的网址：请填写以 https:// 开头的官方网址')
    // nothing of the raw path reaches the page
    for (const m of Object.values(shown)) expect(m).not.toMatch(/[a-z]+\.\d/)
  })
})
