import { demoCreditCode } from '../../scripts/local-cloud/demo'
import { CREDIT_CODE_CHARS } from '../../src/core/user/creditCode'

/**
 * A complete, valid owner profile (user.profile.save payload) for tests to vary. Its business is
 * in the demo register (cloudfunctions/common/demoRegister.ts), so the one account that saves it
 * is 已核验; a second account saving it is refused (one business, one account).
 */
export const PROFILE = {
  businessName: '鹿城区阿强水果摊',
  creditCode: demoCreditCode('330302', 'MA7T3K9P2'),
  industry: 'foodRetail',
  region: '330302',
  openedOn: '2025-03-15',
  employees: 1,
  revenueBand: '10w_50w',
  taxPaid: false,
  socialInsurance: false,
  groups: ['veteran']
}

/** A valid credit code of its own for each test account, so many accounts can each save a business. */
export function codeFor(openid: string): string {
  let h = 2166136261
  for (const ch of openid) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0
  let body = 'T'
  for (let i = 0; i < 8; i++) {
    body += CREDIT_CODE_CHARS[h % CREDIT_CODE_CHARS.length]
    h = Math.imul(h ^ (i + 0x9e37), 16777619) >>> 0
  }
  return demoCreditCode('330302', body)
}

/** PROFILE with the account's own credit code (not in the register: 待核验 until a test registers it). */
export const profileOf = (openid: string, extra: Record<string, unknown> = {}) => ({ ...PROFILE, creditCode: codeFor(openid), ...extra })
