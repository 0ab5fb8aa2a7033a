import { creditCodeCheckChar } from '../../src/core/user/creditCode'
import type { LicenseAuth } from './ports'
import type { Db } from './ports'
import { sameName } from '../../src/core/verify/rules'
import type { BindingDoc, RegisterDoc } from '../user/verifyStore'

/**
 * The local demo's register of 个体工商户 (鹿城区, the demo markets), the one source for the demo:
 * the seed imports it as the CSV a regulator would upload (DEMO_REGISTER_CSV, through the same row
 * rules as an import: cloudfunctions/register/seed.ts), and the 电子营业执照 demo knows the same
 * businesses. Local demo only: the names, people and addresses are made up. The two demo owners
 * are in it (so they are 已核验); some never joined (the 走访名单); one is 注销; one trades outside
 * any market.
 */
const R = '330302'
/** A valid 个体工商户 credit code (92 + region + body + check character), as scripts/local-cloud/demo.ts makes them. */
const demoCreditCode = (region6: string, body9: string) => `92${region6}${body9}${creditCodeCheckChar(`92${region6}${body9}`)}`
type DemoRow = Omit<RegisterDoc, '_id' | 'importId' | 'importedAt' | 'updatedAt'>
const row = (body: string, name: string, operatorName: string, address: string, registeredOn: string, marketId: string | null, status: DemoRow['status'] = 'active', statusText = '存续（在营、开业、在册）'): DemoRow => ({
  creditCode: demoCreditCode(R, body),
  name,
  operatorName,
  address,
  registeredOn,
  status,
  statusText,
  region: R,
  marketId
})

export const DEMO_REGISTER: DemoRow[] = [
  row('MA2H7K3L1', '鹿城区张记面馆', '张建国', '鹿城区东门街88号东门农贸市场A-01', '2019-05-01', 'demo-market-1'),
  row('MA5N2P8Q4', '鹿城区小李水果店', '李晓', '鹿城区东门街88号东门农贸市场A-02', '2026-09-10', 'demo-market-1'),
  row('MA3C5D7E9', '鹿城区王阿姨早餐店', '王秀英', '鹿城区东门街88号东门农贸市场A-05', '2021-03-02', 'demo-market-1'),
  row('MA4F6G8H2', '鹿城区陈记裁缝铺', '陈国强', '鹿城区东门街88号东门农贸市场A-07', '2017-11-20', 'demo-market-1'),
  row('MA6J8K2L3', '鹿城区刘家干货行', '刘德明', '鹿城区南塘路16号城南小商品市场B-03', '2022-06-15', 'demo-market-2'),
  row('MA7M9N3P4', '鹿城区老周修鞋摊', '周福', '鹿城区南塘路16号城南小商品市场B-04', '2015-08-01', 'demo-market-2', 'cancelled', '注销'),
  row('MA8Q2R4T5', '鹿城区阿芳服装店', '林芳', '鹿城区五马街12号', '2020-10-10', null),
  // the tests' usual profile (test/helpers/fixtures.ts PROFILE): an owner who saves it is 已核验
  row('MA7T3K9P2', '鹿城区阿强水果摊', '赵强', '鹿城区东门街88号东门农贸市场A-06', '2025-03-15', 'demo-market-1')
]

/**
 * Licences the 电子营业执照 demo knows: everything in the demo register, and one business the
 * register file does not have yet (鹿城区小陈早点铺), so the demo shows a 待核验 owner (未在登记名录中找到)
 * becoming 已核验 through the licence.
 */
export const DEMO_UNLISTED = { creditCode: demoCreditCode(R, 'MA9W3X5Y6'), name: '鹿城区小陈早点铺', status: 'active' as const }
export const DEMO_LICENCES: Array<Pick<DemoRow, 'creditCode' | 'name' | 'status'>> = [...DEMO_REGISTER, DEMO_UNLISTED]

/** The local demo's authorization code (shown on the demo page; the real service issues its own). */
export const DEMO_LICENSE_CODE = '888888'

/** The demo owners bound to their businesses (the seed's owners). */
export const DEMO_BINDINGS: Array<{ openid: string; body: string }> = [
  { openid: 'demo-owner-1', body: 'MA2H7K3L1' },
  { openid: 'demo-owner-2', body: 'MA5N2P8Q4' }
]

/** The demo markets by id, as the register file names them (scripts/local-cloud/demo.ts). */
const DEMO_MARKET_NAMES: Record<string, string> = { 'demo-market-1': '东门农贸市场', 'demo-market-2': '城南小商品市场' }

/** The demo register as the registration system would export it (what the seed imports). */
export const DEMO_REGISTER_CSV =
  '统一社会信用代码,名称,经营者姓名,经营场所,成立日期,登记状态,所属市场\n' +
  DEMO_REGISTER.map((r) => [r.creditCode, r.name, r.operatorName, r.address, r.registeredOn ?? '', r.statusText, r.marketId ? DEMO_MARKET_NAMES[r.marketId] : ''].join(',')).join('\n') +
  '\n'

/** The credit codes in the demo register (tests). */
export const DEMO_REGISTER_CODES = DEMO_REGISTER.map((r) => r.creditCode)

/** The demo owners' bindings to their businesses (one business, one account); the register itself is seeded by register/seed.ts. */
export async function seedDemoBindings(db: Db, at: string) {
  for (const b of DEMO_BINDINGS) {
    const code = demoCreditCode(R, b.body)
    const reg = DEMO_REGISTER.find((r) => r.creditCode === code)!
    await db.collection<BindingDoc>('bindings').set(code, { openid: b.openid, region: R, marketId: reg.marketId, inRegister: true, verified: true, boundAt: at, createdAt: at, updatedAt: at })
  }
}

/** The local adapter: the demo licences above, authorized with DEMO_LICENSE_CODE. */
export const localLicense: LicenseAuth = {
  mode: 'demo',
  appId: null,
  path: null,
  async verify({ authCode, creditCode, name }) {
    if (authCode !== DEMO_LICENSE_CODE) return { match: false, invalidCode: true }
    const licence = DEMO_LICENCES.find((l) => l.creditCode === creditCode)
    return { match: !!licence && licence.status === 'active' && sameName(licence.name, name) }
  }
}
