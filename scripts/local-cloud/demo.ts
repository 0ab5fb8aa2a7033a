import { chinaDate } from '../../src/core/common/time'
import { classify } from '../../src/core/user/classify'
import { creditCodeCheckChar } from '../../src/core/user/creditCode'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import type { StaffDoc } from '../../cloudfunctions/common/context'
import type { Db } from '../../cloudfunctions/common/ports'
import type { MarketDoc, OwnerDoc, StallDoc } from '../../cloudfunctions/user/owners'
import type { ContactDoc } from '../../cloudfunctions/policy/contacts'
import { DEFAULT_SETTINGS } from '../../src/core/user/contract'
import { seedDemoRegister } from '../../cloudfunctions/register/seed'
import { DEMO_REGISTER, seedDemoBindings } from '../../cloudfunctions/common/demoRegister'

/** A valid 个体工商户 credit code (92 + region + body + check character) for demo data. */
export const demoCreditCode = (region6: string, body9: string) => {
  const first17 = `92${region6}${body9}`
  return first17 + creditCodeCheckChar(first17)
}

/** The identities the H5 picker offers (local only). `new` makes a fresh openid each time. */
export const DEMO_IDENTITIES = [
  { openid: 'new', label: '新用户（首次进入）' },
  { openid: 'demo-owner-1', label: '示例个体户：张记面馆' },
  { openid: 'demo-owner-2', label: '示例个体户：小李水果店' },
  { openid: 'demo-regulator', label: '监管人员：王科员（鹿城区）' },
  { openid: 'demo-supervisor', label: '监管负责人：李科长（温州市）' },
  { openid: 'demo-bank', label: '银行客户经理：陈经理' }
]

const REGION = '330302'

/**
 * Demo data so that a newcomer sees a living product: two markets with stalls, owners with
 * profiles, a regulator and a bank officer. Fixed ids make it idempotent.
 */
export async function seedDemo(db: Db, now: Date): Promise<{ seeded: boolean }> {
  if (await db.collection('meta').get('demo-seed')) return { seeded: false }
  const at = now.toISOString()
  const stamp = { createdAt: at, updatedAt: at }

  const staff: StaffDoc[] = [
    { _id: 'demo-regulator', role: 'regulator', name: '王科员', region: REGION, bankName: null, createdAt: at },
    { _id: 'demo-supervisor', role: 'regulator', name: '李科长', region: '330300', bankName: null, supervisor: true, createdAt: at },
    { _id: 'demo-bank', role: 'bank', name: '陈经理', region: null, bankName: '温州示范农商银行', createdAt: at },
    { _id: 'demo-admin', role: 'admin', name: '系统管理员', region: null, bankName: null, createdAt: at }
  ]
  for (const s of staff) await db.collection<StaffDoc>('staff').set(s._id, s)

  const markets: MarketDoc[] = [
    { _id: 'demo-market-1', name: '东门农贸市场', region: REGION, address: '鹿城区东门街88号', createdBy: 'demo-regulator', ...stamp },
    { _id: 'demo-market-2', name: '城南小商品市场', region: REGION, address: '鹿城区南塘路16号', createdBy: 'demo-regulator', ...stamp }
  ]
  for (const m of markets) await db.collection<MarketDoc>('markets').set(m._id, m)

  const codes = ['DMA2K7', 'DMB3P8', 'DMC4Q9', 'DMD5R2', 'DME6S3', 'DMF7T4', 'DMG8U5', 'DMH9V6', 'DMJ2W7', 'DMK3X8', 'DML4Y9', 'DMM5Z2']
  const stalls: StallDoc[] = codes.map((code, i) => ({
    _id: `demo-stall-${i + 1}`,
    marketId: i < 8 ? 'demo-market-1' : 'demo-market-2',
    number: i < 8 ? `A-${String(i + 1).padStart(2, '0')}` : `B-${String(i - 7).padStart(2, '0')}`,
    code,
    qrFileId: null,
    qrTarget: null,
    // are held by the two demo owners below; the rest are free
    holder: i === 0 ? 'demo-owner-1' : i === 1 ? 'demo-owner-2' : '',
    heldAt: i < 2 ? at : '',
    ...stamp
  }))
  for (const s of stalls) await db.collection<StallDoc>('stalls').set(s._id, s)

  const privacy = { kind: 'privacy' as const, version: PRIVACY_VERSION, granted: true, at }
  const owners: OwnerDoc[] = [
    {
      _id: 'demo-owner-1',
      profile: {
        businessName: '鹿城区张记面馆',
        creditCode: demoCreditCode('330302', 'MA2H7K3L1'),
        industry: 'catering',
        region: REGION,
        openedOn: '2019-05-01',
        employees: 3,
        revenueBand: '50w_100w',
        taxPaid: true,
        socialInsurance: true,
        groups: ['veteran'],
        updatedAt: at
      },
      marketId: 'demo-market-1',
      stallId: 'demo-stall-1',
      settings: { ...DEFAULT_SETTINGS },
      consents: { privacy },
      ...stamp
    },
    {
      _id: 'demo-owner-2',
      profile: {
        businessName: '鹿城区小李水果店',
        creditCode: demoCreditCode('330302', 'MA5N2P8Q4'),
        industry: 'foodRetail',
        region: REGION,
        openedOn: '2026-09-10',
        employees: 0,
        revenueBand: 'lt10w',
        taxPaid: false,
        socialInsurance: false,
        groups: ['graduate'],
        updatedAt: at
      },
      marketId: 'demo-market-1',
      stallId: 'demo-stall-2',
      settings: { ...DEFAULT_SETTINGS },
      consents: { privacy },
      ...stamp
    }
  ]
  // 分型 as a profile save would store it, so staff figures by type include the demo owners; both
  // are in the demo register, so they are 已核验 (登记信息一致) as a save would find them
  for (const o of owners) {
    const reg = DEMO_REGISTER.find((r) => r.creditCode === o.profile!.creditCode)!
    await db.collection<OwnerDoc>('owners').set(o._id, {
      ...o,
      classType: classify(o.profile!, chinaDate(now)).type,
      verification: { state: 'verified', via: 'register', at, by: null },
      verifyNote: null,
      registered: { registeredOn: reg.registeredOn, region: reg.region }
    })
  }
  await seedDemoBindings(db, at)

  // Offices for a policy's 怎么办理, as a regulator keeps them (工作台 → 办事联系方式). Local demo only,
  // never in content/: the shape is real, the numbers and places are not (演示), so nobody calls a
  // stranger. 鹿城区 has its own market office; 温州市 keeps the city's 人社 window.
  const demoContacts: ContactDoc[] = [
    {
      _id: 'market:330302', department: 'market', region: '330302', office: '鹿城区示例市场监管所（演示数据）', phone: '0577-00000000',
      address: '温州市鹿城区示例路1号（演示地址）', hours: '工作日 9:00-17:00（演示）', online: null,
      note: '这是本地运行的演示数据，不是真实的电话和地址。', createdAt: at, updatedAt: at, updatedBy: '王科员'
    },
    {
      _id: 'hrss:330300', department: 'hrss', region: '330300', office: '温州市人力社保局示例服务窗口（演示数据）', phone: '0577-00000001',
      address: '温州市示例大道2号（演示地址）', hours: null, online: null,
      note: '这是本地运行的演示数据，不是真实的电话和地址。', createdAt: at, updatedAt: at, updatedBy: '李科长'
    }
  ]
  for (const c of demoContacts) await db.collection<ContactDoc>('officeContacts').set(c._id, c)

  // the register of 个体工商户 as a regulator would import it (cloudfunctions/common/demoRegister.ts)
  await seedDemoRegister(db, now)

  await db.collection('meta').set('demo-seed', { at })
  return { seeded: true }
}
