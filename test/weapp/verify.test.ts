import { DEMO_UNLISTED } from '../../cloudfunctions/common/demoRegister'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE, profileOf } from '../helpers/fixtures'
import { requireWeappBuild, withSim } from './helpers'
import { REGULATOR } from './pages'
import { weappShot } from './screenshot'

/**
 * Verified businesses (#16) in the simulated WeChat: an owner 待核验 becomes 已核验 through the
 * 电子营业执照 (the local demo authorization), and a regulator verifies another in person.
 */
let cloud: TestCloud
const onboard = async (openid: string, profile: Record<string, unknown>, careMode = false) => {
  await cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
  await cloud.ok('user', 'user.profile.save', profile, openid)
  if (careMode) await cloud.ok('user', 'user.settings.save', { careMode: true }, openid)
}

beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
})
afterAll(async () => {
  await cloud?.stop()
})

for (const care of [false, true]) {
  test(`owner${care ? ' (关怀模式)' : ''}: 我的 shows 待核验 with why; 电子营业执照 (demo) → 已核验（电子营业执照）`, async () => {
    const who = `weapp-verify-owner${care ? '-care' : ''}`
    // one business, one account: the care-mode run takes the demo business over from the first run's account
    if (care) await cloud.ports.db.collection('bindings').remove(DEMO_UNLISTED.creditCode)
    // the demo licence knows this business; the register file does not have it yet
    await onboard(who, { ...PROFILE, businessName: DEMO_UNLISTED.name, creditCode: DEMO_UNLISTED.creditCode }, care)
    await withSim(cloud, who, '/pages/me/index', async (sim) => {
      expect(sim.text()).toContain('营业执照核验')
      expect(sim.text()).toContain('待核验')
      expect(sim.text()).toContain('未在登记名录中找到')
      await weappShot(sim, `verify-me-pending${care ? '-care' : ''}`)
      await sim.tap('营业执照核验')
      expect(sim.page.route).toBe('verify/pages/index/index')
      expect(sim.text()).toContain('待核验：未在登记名录中找到')
      expect(sim.text()).toContain('带营业执照原件到市场监管所或市场管理处')
      await sim.tap('用电子营业执照核验')
      expect(sim.text()).toContain('演示授权码：888888')
      // a wrong code is refused in words and stays in the box
      await sim.input('authCode', '123')
      await sim.tap('确认授权')
      expect(sim.text()).toContain('授权码不对或已过期，请重新授权')
      await sim.input('authCode', '888888')
      await weappShot(sim, `verify-license-demo${care ? '-care' : ''}`)
      await sim.tap('确认授权')
      expect(sim.text()).toContain('已核验（电子营业执照）')
      expect(sim.toasts).toContain('已核验')
      expect(sim.errors).toEqual([])
      await weappShot(sim, `verify-verified${care ? '-care' : ''}`)
    })
  })
}

test('regulator: 工作台 → 经营户核验 lists the region’s 待核验 owners masked; 现场核验 after confirming the licence was seen', async () => {
  await cloud.ports.db.collection('register').set(profileOf('weapp-pending').creditCode, {
    creditCode: profileOf('weapp-pending').creditCode, name: '鹿城区登记的另一个名字', operatorName: '赵大明', address: '鹿城区测试路2号', registeredOn: '2024-01-01',
    status: 'active', statusText: '存续', region: '330302', marketId: 'demo-market-1', importId: 't', importedAt: '', updatedAt: ''
  } as never)
  await onboard('weapp-pending', profileOf('weapp-pending'))
  // care mode first (looking only), then normal type, where 现场核验 is tapped
  for (const care of [true, false]) {
    await cloud.ok('user', 'user.settings.save', { careMode: care }, REGULATOR)
    await withSim(cloud, REGULATOR, '/staff/pages/home/index', async (sim) => {
      await sim.tap('经营户核验')
      expect(sim.page.route).toBe('staff/pages/verify/index')
      const text = sim.text()
      expect(text).toMatch(/已核验\d+户，另有\d+户待核验/)
      expect(text).toContain('鹿城区阿强水果摊')
      expect(text).toContain('经营者 赵*明')
      expect(text).not.toContain('赵大明')
      expect(text).toContain('名称与登记的名称不一致')
      await weappShot(sim, `staff-verify${care ? '-care' : ''}`)
      if (!care) {
        await sim.tap('现场核验')
        expect(sim.modals.at(-1)).toMatchObject({ title: '现场核验', content: expect.stringContaining('营业执照原件') })
        expect(sim.text()).toContain('已核验（现场核验）')
        expect(sim.text()).toContain('王科员现场核验')
        expect(sim.errors).toEqual([])
      }
    })
  }
  expect((await cloud.ok('user', 'user.verify.status', {}, 'weapp-pending')).label).toBe('已核验（现场核验）')
  await cloud.ok('user', 'user.settings.save', { careMode: false }, REGULATOR)
})
