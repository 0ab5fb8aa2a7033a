import { DELETE_PHRASE } from '../../src/core/rights/kept'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { profileOf } from '../helpers/fixtures'
import { requireWeappBuild, withSim } from './helpers'
import { weappShot } from './screenshot'

/**
 * The owner's rights in the simulated WeChat (#16): 不同意 and browsing on, 我的 → 个人信息 with an
 * export sent to a chat as a file, and deleting the account with its two confirmations.
 */
let cloud: TestCloud
const owner = async (who: string, businessName: string, careMode = false) => {
  await cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, who)
  await cloud.ok('user', 'user.profile.save', { ...profileOf(who), businessName }, who)
  if (careMode) await cloud.ok('user', 'user.settings.save', { careMode: true }, who)
}

beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
})
afterAll(async () => {
  await cloud?.stop()
})

describe('the owner’s rights in dist/weapp', () => {
  test('the notice names the demo operator; 不同意 leaves 政策 and 开业第一课 open, and says what needs consent', async () => {
    await withSim(cloud, 'weapp-decliner', '/pages/onboard/index', async (sim) => {
      expect(sim.text()).toContain('个人信息保护告知书')
      expect(sim.text()).toContain('本地演示运营方（演示，不是真实的运营单位）')
      expect(sim.text()).toContain('privacy-demo@example.invalid')
      await weappShot(sim, 'rights-01-notice')
      await sim.tap('不同意')
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain('您没有同意告知书')
      expect(sim.text()).toContain('仍然可以浏览全部政策、阅读开业第一课')
      await weappShot(sim, 'rights-02-declined')
      await sim.tap('去看政策')
      expect(sim.page.route).toBe('pages/policy/index')
      expect(sim.text()).toContain('个体码上贷')
      expect(sim.errors).toEqual([])
    })
    expect((await cloud.ok('user', 'user.login', {}, 'weapp-decliner')).privacy.declined).toBe(true)
    await withSim(cloud, 'weapp-decliner', '/course/pages/index/index', async (sim) => {
      expect(sim.text()).toContain('您还没有建立经营档案，可以先读课')
      await sim.tap('开始学习')
      expect(sim.page.route).toBe('course/pages/lesson/index')
      expect(sim.text()).toContain('没有建档，学习进度不会记录')
      await sim.tap('下一课')
      expect(sim.errors).toEqual([])
    })
    // 首页 says why there is no profile and how to change one's mind
    await withSim(cloud, 'weapp-decliner', '/pages/index/index', async (sim) => {
      expect(sim.text()).toContain('您没有同意个人信息保护告知书')
      expect(sim.text()).toContain('重新阅读告知书')
    })
    // the bank consent page leads to the profile first
    await withSim(cloud, 'weapp-decliner', '/loan/pages/consent/index?bankId=wz-rcb', async (sim) => {
      expect(sim.text()).toContain('请先建立经营档案')
      expect(sim.text()).toContain('先去建档')
    })
  })

  test('个人信息: everything grouped, the export written and sent to a chat, a consent withdrawn', async () => {
    await owner('weapp-rights', '鹿城区权利测试面馆')
    await withSim(cloud, 'weapp-rights', '/rights/pages/index/index', async (sim) => {
      const text = sim.text()
      for (const s of ['资料', '鹿城区权利测试面馆', '同意记录', `同意 · ${PRIVACY_VERSION}版`, '证照', '诉求', '贷款申请', '学习记录', '消息', '建档成功']) expect(text).toContain(s)
      await weappShot(sim, 'rights-03-my-data')
      await sim.tap('导出我的信息')
      expect(sim.errors).toEqual([])
      await sim.tap('发到微信聊天（文字版）')
      expect(sim.sharedFiles).toEqual([{ filePath: expect.stringMatching(/^wxfile:\/\/usr\/个人信息-\d{8}-\d{4}\.txt$/), fileName: expect.stringMatching(/\.txt$/) }])
      expect(sim.userFiles.get(sim.sharedFiles[0].filePath)).toContain('鹿城区权利测试面馆')
      await sim.tap('发到微信聊天（JSON数据版）')
      const json = JSON.parse(sim.userFiles.get(sim.sharedFiles[1].filePath)!)
      expect(json.记录.owners[0].profile.businessName).toBe('鹿城区权利测试面馆')
      expect(sim.text()).toContain('已发送')
      // withdraw 个性化推荐 (the dialog says what it does; confirmed)
      await sim.tap('撤回“个性化推荐”')
      expect(sim.errors).toEqual([])
    })
    expect((await cloud.ok('user', 'user.login', {}, 'weapp-rights')).settings.personalized).toBe(false)
  })

  test('deleting the account: a dialog, then the typed phrase; a wrong phrase keeps what was typed', async () => {
    await owner('weapp-deleter', '鹿城区注销测试面馆')
    await withSim(cloud, 'weapp-deleter', '/rights/pages/delete/index', async (sim) => {
      expect(sim.text()).toContain('您提交的诉求')
      expect(sim.text()).toContain('我们的理解')
      await weappShot(sim, 'rights-04-delete')
      await sim.tap('注销账号')
      expect(sim.text()).toContain(`最后确认：请输入“${DELETE_PHRASE}”`)
      await sim.input(`请输入${DELETE_PHRASE}`, '注销')
      await sim.tap('永久注销')
      expect(sim.text()).toContain(`请输入“${DELETE_PHRASE}”这四个字`)
      expect(await cloud.ports.db.collection('owners').get('weapp-deleter')).not.toBeNull()
      await sim.input('注销', DELETE_PHRASE)
      await sim.tap('永久注销')
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain('账号已注销')
      await weappShot(sim, 'rights-05-deleted')
    })
    expect(await cloud.ports.db.collection('owners').get('weapp-deleter')).toBeNull()
  })

  test('a dialog answered 不注销了 deletes nothing; the pages in 关怀模式', async () => {
    await owner('weapp-care', '鹿城区关怀测试面馆', true)
    await withSim(cloud, 'weapp-care', '/rights/pages/index/index', async (sim) => {
      expect(sim.text()).toContain('鹿城区关怀测试面馆')
      await weappShot(sim, 'rights-06-my-data-care')
    })
    await withSim(
      cloud,
      'weapp-care',
      '/rights/pages/delete/index',
      async (sim) => {
        await sim.tap('注销账号')
        expect(sim.text()).not.toContain('最后确认')
        await weappShot(sim, 'rights-07-delete-care')
      },
      { modalAnswers: [false] }
    )
    expect(await cloud.ports.db.collection('owners').get('weapp-care')).not.toBeNull()
  })
})
