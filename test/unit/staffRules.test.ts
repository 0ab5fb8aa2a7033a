import { contracts } from '../../src/core/contracts'
import { HELPER_AS_OWNER, HELPER_AS_SELF, helperRule } from '../../src/core/staff/helper'
import { formatInviteCode, inviteExpiry, isInviteCode, normalizeInviteCode } from '../../src/core/staff/invite'
import { grantProblem } from '../../src/core/staff/roles'
import { chinaFormat } from '../../src/core/common/time'

const name = (c: string) => `[${c}]`

describe('helpers at a stall: the delegation table', () => {
  test('every listed action exists; what runs as the owner is an owner action that creates nothing', () => {
    for (const a of [...HELPER_AS_OWNER, ...HELPER_AS_SELF]) expect([a, a in contracts]).toEqual([a, true])
    for (const a of HELPER_AS_OWNER) {
      const c = (contracts as Record<string, { roles: readonly string[]; creates?: boolean }>)[a]
      expect([a, c.roles.includes('owner'), !!c.creates]).toEqual([a, true, false])
    }
  })

  test('loans, consents, the profile and 诉求 are never a helper’s', () => {
    for (const a of Object.keys(contracts)) {
      if (/^loan\.|consent|^user\.profile|^complaint\.|^user\.stall\.|^user\.affairs|^admin\.helper\.(invite|remove)/.test(a)) expect([a, helperRule(a)]).toEqual([a, null])
    }
    expect(helperRule('reminder.inbox.list')).toBe('owner')
    expect(helperRule('user.login')).toBe('self')
  })
})

describe('invitations', () => {
  test('codes: forgiving input, strict alphabet, shown in two halves', () => {
    expect(normalizeInviteCode(' k7qm-x3p9 ')).toBe('K7QMX3P9')
    expect(isInviteCode('K7QMX3P9')).toBe(true)
    expect(isInviteCode('K7QMX3P0')).toBe(false) // 0 looks like O
    expect(formatInviteCode('K7QMX3P9')).toBe('K7QM-X3P9')
  })

  test('good to the end of the China day n days on, whatever the hour it was made', () => {
    // 23:30 China on 1 May (15:30 UTC): seven days → 8 May 23:59:59 China
    expect(chinaFormat(inviteExpiry(new Date('2026-05-01T15:30:00Z'), 7), 'YYYY-MM-DD HH:mm:ss')).toBe('2026-05-08 23:59:59')
    // 00:10 China on 2 May (16:10 UTC on 1 May)
    expect(chinaFormat(inviteExpiry(new Date('2026-05-01T16:10:00Z'), 7), 'YYYY-MM-DD HH:mm:ss')).toBe('2026-05-09 23:59:59')
  })

  test('who may grant what', () => {
    const admin = { role: 'admin' as const, region: null }
    const reg = { role: 'regulator' as const, region: '330302' }
    expect(grantProblem(admin, { role: 'bank', region: null, bankName: '某行' }, name)).toBeNull()
    expect(grantProblem(reg, { role: 'bank', region: null, bankName: '某行' }, name)?.code).toBe('FORBIDDEN')
    expect(grantProblem(reg, { role: 'admin', region: null, bankName: null }, name)?.code).toBe('FORBIDDEN')
    expect(grantProblem(reg, { role: 'supervisor', region: '330302', bankName: null }, name)).toBeNull()
    expect(grantProblem(reg, { role: 'regulator', region: '330300', bankName: null }, name)).toMatchObject({ code: 'FORBIDDEN', message: '您只能邀请[330302]范围内的监管人员' })
    expect(grantProblem({ role: 'regulator', region: '330300' }, { role: 'regulator', region: '330304', bankName: null }, name)).toBeNull()
    expect(grantProblem(admin, { role: 'regulator', region: null, bankName: null }, name)).toMatchObject({ code: 'INVALID_INPUT', path: 'region' })
  })
})
