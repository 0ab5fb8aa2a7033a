import { demoCreditCode } from '../../scripts/local-cloud/demo'

/** A complete, valid owner profile (user.profile.save payload) for tests to vary. */
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
