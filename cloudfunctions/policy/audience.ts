import { regionPrefix } from '../../src/core/region/code'
import dayjs from 'dayjs'
import type { Condition } from '../../src/core/policy/rules'
import { REVENUE_ORDER } from '../../src/core/user/options'
import { cmd, type Where } from '../common/ports'

/**
 * A policy's rules as a database query over `owners`, so the audience is counted and paged by
 * the database, not by reading every owner. Exact for every fact but two: 分型 uses the type
 * stored at the owner's last profile save, and "离校2年内" is narrowed to graduates; the pure
 * matcher re-checks each owner before anything is sent.
 */
export function audienceWhere(conditions: readonly Condition[], today: string): { where: Where; approximate: boolean } {
  // Owners with a profile who have not switched personalised recommendation off (Art. 24).
  const where: Where = { 'settings.personalized': true, 'profile.openedOn': cmd.exists(true) }
  let approximate = false
  const seen = new Set<string>()
  for (const c of conditions) {
    // a second condition on the same fact replaces the first bound: still a superset, re-checked
    if (seen.has(c.fact)) approximate = true
    seen.add(c.fact)
    switch (c.fact) {
      case 'region':
        where['profile.region'] = cmd.prefix(regionPrefix(c.value))
        break
      case 'industry':
        where['profile.industry'] = cmd.in(c.value)
        break
      case 'type':
        where.classType = cmd.in(c.value)
        approximate = true
        break
      case 'groups': {
        const stored = c.value.map((g) => (g === 'recentGraduate' ? 'graduate' : g))
        if (c.value.includes('recentGraduate')) approximate = true
        // an array field matches when any element is in the list
        where['profile.groups'] = cmd.in([...new Set(stored)])
        break
      }
      case 'monthsInBusiness': {
        const edge = dayjs(today).subtract(c.value, 'month').format('YYYY-MM-DD')
        where['profile.openedOn'] = c.op === 'gte' ? cmd.lte(edge) : cmd.gte(edge)
        break
      }
      case 'employees':
        where['profile.employees'] = c.op === 'gte' ? cmd.gte(c.value) : cmd.lte(c.value)
        break
      case 'revenueBand': {
        const i = REVENUE_ORDER.indexOf(c.value)
        where['profile.revenueBand'] = cmd.in(c.op === 'gte' ? REVENUE_ORDER.slice(i) : REVENUE_ORDER.slice(0, i + 1))
        break
      }
      case 'taxPaid':
        where['profile.taxPaid'] = c.value
        break
      case 'socialInsurance':
        where['profile.socialInsurance'] = c.value
        break
      case 'featured':
        // only a 认定 in force counts (recognition/), never the owner's tick in the profile
        where['recognised.category'] = cmd.in(c.value)
        where['recognised.until'] = cmd.gte(today)
        break
      case 'abnormal':
        // a missing flag means "not abnormal"
        where['profile.abnormal'] = c.value ? true : cmd.neq(true)
        break
    }
  }
  return { where, approximate }
}
