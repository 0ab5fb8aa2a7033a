import { allPassages } from '../../src/core/assistant/passages'
import { ID_ALIASES, resolveId } from '../../src/core/assistant/ids'
import { MODULES } from '../../src/core/course/content'
import { POLICY_LIBRARY } from '../../src/core/policy/library'

/**
 * Ids stay stable from #19 on (qa/questions.json, links in messages and answers use them). This is
 * the list as it stood then: an id may be added, never lost. An id that must change keeps its old
 * id as an alias (src/core/assistant/ids.ts ID_ALIASES, or a policy's own `aliases`), and the
 * alias must lead to an id that exists.
 */
const PINNED = {
  policies: [
    'sm-3-2-social-insurance-deferral', 'sm-3-3-flexible-insurance', 'sm-3-4-job-retention-refund', 'sm-8-3-payment-fees', 'sm-9-4-bank-tax', 'sm-7-veteran-support',
    'sm-4-rural-entrepreneurship', 'gz-02-instant-licence', 'gz-03-change-operator', 'gz-05-startup-subsidy', 'gz-07-guaranteed-loan', 'gz-07-ip-loan', 'gz-08-veteran-loan',
    'gz-09-credit-financing', 'gz-10-vat-exemptions', 'gz-11-six-taxes-two-fees', 'gz-12-illegal-fees', 'gz-13-recruitment', 'gz-14-skills-training', 'gz-17-online-sales',
    'gz-20-to-enterprise', 'gz-22-credit-repair', 'gz-25-government-procurement', 'gz-26-housing-fund', 'gz-27-road-freight', 'gz-28-lenient-supervision', 'gz-31-legal-aid',
    'wz-03-power-connection', 'wz-04-code-loan', 'wz-06-first-lesson', 'wz-09-featured-apply', 'wz-10-to-enterprise-bookkeeping', 'wz-12-credit-loans', 'wz-13-low-cost-premises',
    'wz-14-legal-service', 'wz-15-skills-subsidy', 'wz-19-credit-repair', 'wz-20-light-penalties', 'wh-survival', 'wh-growth', 'wh-development', 'wh-famous', 'wh-special',
    'wh-quality', 'wh-emerging'
  ],
  lessons: [
    'basics-licence', 'basics-annual-report', 'safety-fire', 'law-price-ads', 'law-consumer-privacy', 'management-books-invoices', 'management-staff', 'tax-relief',
    'finance-help-credit', 'finance-help-complaint', 'food-licence-health', 'food-safety'
  ],
  guides: [
    'guide-annual-report', 'guide-annual-late', 'help-complaint', 'help-loan', 'loan-startup-guaranteed', 'loan-veteran', 'loan-code-credit', 'loan-bank-tax',
    'guide-permit-foodBusiness', 'guide-permit-smallFood', 'guide-permit-publicHealth', 'guide-permit-tobacco', 'guide-permit-drug', 'guide-permit-healthCert'
  ]
}

describe('stable ids', () => {
  const policies = new Set(POLICY_LIBRARY.map((p) => p.id))
  const lessons = new Set(MODULES.flatMap((m) => m.lessons.map((l) => l.id)))
  const refs = new Set(allPassages().map((p) => p.ref))

  test.each(PINNED.policies)('policy %s is still there (or aliased to one that is)', (id) => {
    expect(policies.has(resolveId(id))).toBe(true)
  })
  test.each(PINNED.lessons)('lesson %s is still there (or aliased to one that is)', (id) => {
    expect(lessons.has(resolveId(id))).toBe(true)
  })
  test.each(PINNED.guides)('guide %s is still something 问一问 can cite', (id) => {
    expect(refs.has(resolveId(id))).toBe(true)
  })

  test('every alias leads to an id that exists, and no alias hides a live id', () => {
    for (const [old, now] of Object.entries(ID_ALIASES)) {
      expect(refs.has(resolveId(now))).toBe(true)
      expect(refs.has(old)).toBe(false)
    }
    for (const p of POLICY_LIBRARY) for (const a of p.aliases ?? []) expect(resolveId(a)).toBe(p.id)
  })

  test('the alias mechanism follows a chain of renames and leaves unknown ids alone', () => {
    const aliases = ID_ALIASES as Record<string, string>
    aliases['old-a'] = 'old-b'
    aliases['old-b'] = 'basics-licence'
    try {
      expect(resolveId('old-a')).toBe('basics-licence')
      expect(resolveId('no-such-id')).toBe('no-such-id')
    } finally {
      delete aliases['old-a']
      delete aliases['old-b']
    }
  })

  test('every passage points at its page', () => {
    for (const p of allPassages()) {
      if (p.kind === 'policy') expect(p.url).toBe(`/policy/pages/detail/index?id=${p.ref}`)
      if (p.kind === 'lesson') expect(p.url).toBe(`/course/pages/lesson/index?id=${p.ref}`)
      expect(p.url.startsWith('/')).toBe(true)
      expect(p.source.length).toBeGreaterThan(4)
    }
  })
})
