import { POLICY_LIBRARY, CATEGORIES } from '../../src/core/policy/library'
import { factsOf, match, type MatchProfile } from '../../src/core/policy/match'
import { conditionSchema, rulesSchema } from '../../src/core/policy/rules'

const TODAY = '2026-11-21'
const policy = (id: string) => POLICY_LIBRARY.find((p) => p.id === id)!
const base: MatchProfile = {
  region: '620702',
  industry: 'foodRetail',
  openedOn: '2025-06-01',
  employees: 0,
  revenueBand: 'lt10w',
  taxPaid: false,
  socialInsurance: false,
  groups: []
}
const check = (id: string, p: MatchProfile) => match(policy(id).conditions, factsOf(p, TODAY))

describe('matching on the documents’ own conditions', () => {
  test('一次性创业补贴 (甘州 measure 5): a graduate of 2025 in business for over a year qualifies', () => {
    const r = check('gz-05-startup-subsidy', { ...base, groups: ['graduate'], graduationYear: 2025, openedOn: '2025-09-01' })
    expect(r.status).toBe('match')
    expect(r.reasons.map((x) => x.text)).toEqual(['您在甘肃省张掖市甘州区', '您是离校2年内高校毕业生', '已正常经营1年2个月（需满1年）'])
  })

  test('…running for 8 months is "almost", and says what is missing', () => {
    const r = check('gz-05-startup-subsidy', { ...base, groups: ['graduate'], graduationYear: 2025, openedOn: '2026-03-21' })
    expect(r.status).toBe('almost')
    expect(r.missing).toBe('需正常经营满1年，您已经营8个月')
    expect(r.reasons.find((x) => !x.met)!.text).toBe('需正常经营满1年，您已经营8个月')
  })

  test('…a graduate who left school more than 2 years ago is not a 离校2年内 graduate', () => {
    const r = check('gz-05-startup-subsidy', { ...base, groups: ['graduate'], graduationYear: 2020 })
    expect(r.status).toBe('almost')
    expect(r.missing).toContain('离校已超过2年')
  })

  test('…a veteran qualifies through the same measure', () => {
    expect(check('gz-05-startup-subsidy', { ...base, groups: ['veteran'] }).reasons[1].text).toBe('您是退役军人')
  })

  test('a policy from another region is never "almost": the owner cannot move to qualify', () => {
    const r = check('gz-05-startup-subsidy', { ...base, region: '330302', groups: ['veteran'] })
    expect(r.status).toBe('no')
    expect(r.reasons[0]).toEqual({ met: false, text: '限甘肃省张掖市甘州区的个体工商户，您在浙江省温州市鹿城区' })
  })

  test('credit repair (measure 22) is for owners listed as 经营异常', () => {
    expect(check('gz-22-credit-repair', base).status).toBe('almost')
    expect(check('gz-22-credit-repair', { ...base, abnormal: true }).status).toBe('match')
  })

  test('VAT exemptions (measure 10) follow the industry; road freight (27) only transport', () => {
    expect(check('gz-10-vat-exemptions', base).status).toBe('match')
    expect(check('gz-10-vat-exemptions', { ...base, industry: 'catering' }).missing).toContain('您是餐饮服务')
    expect(check('gz-27-road-freight', { ...base, industry: 'transport' }).status).toBe('match')
  })

  test('Wuhan help follows 分型 (seed 004): the same owner moves from 生存型 to 成长型 help', () => {
    const wh = { ...base, region: '420102' }
    expect(check('wh-survival', wh).status).toBe('match')
    expect(check('wh-growth', wh).status).toBe('almost')
    const grown = { ...wh, openedOn: '2023-01-01', employees: 3, taxPaid: true }
    expect(check('wh-growth', grown).status).toBe('match')
    expect(check('wh-growth', grown).reasons[1].text).toBe('按本平台估算，您是成长型个体工商户')
    expect(check('wh-famous', { ...wh, featured: 'famous' }).status).toBe('match')
  })

  test('稳岗返还 (seed 000) needs employees and social insurance; two missing is "no"', () => {
    expect(check('sm-3-4-job-retention-refund', base).status).toBe('no')
    expect(check('sm-3-4-job-retention-refund', { ...base, employees: 2 }).status).toBe('almost')
    expect(check('sm-3-4-job-retention-refund', { ...base, employees: 2, socialInsurance: true }).status).toBe('match')
  })

  test('a policy with no conditions matches everyone', () => {
    expect(check('sm-8-3-payment-fees', base)).toEqual({ status: 'match', reasons: [], missing: null })
  })
})

describe('the library', () => {
  test('at least 30 policies, each cited with document and clause, every rule valid', () => {
    expect(POLICY_LIBRARY.length).toBeGreaterThanOrEqual(30)
    expect(new Set(POLICY_LIBRARY.map((p) => p.id)).size).toBe(POLICY_LIBRARY.length)
    for (const p of POLICY_LIBRARY) {
      expect(p.source.document.length).toBeGreaterThan(5)
      expect(p.source.clause).toBeTruthy()
      expect(Object.keys(CATEGORIES)).toContain(p.category)
      expect(rulesSchema.safeParse(p.conditions).success).toBe(true)
      for (const part of Object.values(p.summary)) expect(part.length).toBeGreaterThan(3)
    }
  })

  test('numbers appear only where the document has one', () => {
    const numbered = new Set(POLICY_LIBRARY.filter((p) => p.source.number).map((p) => p.source.number))
    expect(numbered).toEqual(new Set(['温市监联〔2024〕13号', '武市监〔2024〕39号']))
  })
})

describe('rules are validated when saved', () => {
  test('an unknown fact or operator is refused with the path of the error', () => {
    const badFact = rulesSchema.safeParse([{ fact: 'region', op: 'within', value: '330000' }, { fact: 'height', op: 'gte', value: 1 }])
    expect(badFact.success).toBe(false)
    expect(badFact.error!.issues[0].path).toEqual([1, 'fact'])
    const badOp = conditionSchema.safeParse({ fact: 'employees', op: 'between', value: 3 })
    expect(badOp.success).toBe(false)
    expect(badOp.error!.issues[0].path).toEqual(['op'])
    const badValue = conditionSchema.safeParse({ fact: 'industry', op: 'in', value: ['casino'] })
    expect(badValue.error!.issues[0].path).toEqual(['value', 0])
    expect(conditionSchema.safeParse({ fact: 'employees', op: 'gte', value: 3, extra: 1 }).success).toBe(false)
  })
})
