import { testCloud, type TestCloud } from '../helpers/cloud'
import { requireWeappBuild, withSim } from './helpers'
import { OWNER } from './pages'
import { weappShot } from './screenshot'

/**
 * In the simulated WeChat: a person opens an invitation's QR (the join page with its scene),
 * sees what they are invited as and accepts; an admin suspends a staff member on 人员管理; an
 * owner invites a helper, who accepts and sees the shop's reminders.
 */
let cloud: TestCloud
let seq = 0
beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
})
afterAll(async () => {
  await cloud?.stop()
})

const invite = (name: string) => cloud.ok('admin', 'admin.invite.create', { role: 'regulator', name, region: '330302' }, 'demo-admin', `weapp-invite-${++seq}-${Date.now()}`)

describe('staff by invitation in the simulated WeChat', () => {
  test.each([
    ['normal', false],
    ['care', true]
  ])('accepting an invitation from its QR (%s mode) makes the person staff, with the 工作台 at hand', async (mode, care) => {
    const who = `weapp-joiner-${mode}`
    if (care) await cloud.ok('user', 'user.settings.save', { careMode: true }, who)
    const inv = await invite(`周科员${mode}`)
    // the QR's scene, as WeChat hands it to the page
    await withSim(cloud, who, `/pages/join/index?scene=${inv.code.replace('-', '')}`, async (sim) => {
      expect(sim.errors).toEqual([])
      const text = sim.text()
      expect(text).toContain('系统管理员邀请您加入')
      expect(text).toContain('监管人员')
      expect(text).toContain('负责浙江省温州市鹿城区')
      await weappShot(sim, `staff-01-invitation-${mode}`)
      await sim.tap('接受')
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain('已加入，您现在是监管人员')
      await weappShot(sim, `staff-02-accepted-${mode}`)
    })
    expect(await cloud.ports.db.collection('staff').get(who)).toMatchObject({ role: 'regulator', region: '330302', name: `周科员${mode}` })
  })

  test('a used or unknown code is explained, and nothing is offered to accept', async () => {
    const inv = await invite('已用')
    await cloud.ok('admin', 'admin.invite.accept', { code: inv.code }, 'weapp-first')
    await withSim(cloud, 'weapp-second', `/pages/join/index?code=${inv.code}`, async (sim) => {
      expect(sim.text()).toContain('这个邀请已经被使用过')
      expect(sim.text()).not.toContain('不接受')
    })
    await withSim(cloud, 'weapp-second', '/pages/join/index', async (sim) => {
      await sim.input('如 K7QM-X3P9', 'ABCD-EFGH')
      await sim.tap('查看邀请')
      expect(sim.text()).toContain('没有找到这个邀请码')
      // what was typed stays
      expect(sim.text()).toContain('查看邀请')
    })
  })

  test('an admin suspends a staff member on 人员管理; the log says who did it', async () => {
    await withSim(cloud, 'demo-admin', '/staff/pages/people/index', async (sim) => {
      expect(sim.errors).toEqual([])
      await sim.tap('王科员')
      expect(sim.text()).toContain('保存修改')
      await weappShot(sim, 'staff-03-people-editor')
      await sim.tap('暂停')
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain('已暂停')
    }, { modalAnswers: [true] })
    expect(await cloud.ports.db.collection('staff').get('demo-regulator')).toMatchObject({ suspended: true })
    await withSim(cloud, 'demo-admin', '/staff/pages/audit/index', async (sim) => {
      expect(sim.text()).toContain('暂停工作人员：王科员（监管人员）')
      expect(sim.text()).toContain('状态：在岗 → 已暂停')
      await weappShot(sim, 'staff-04-audit')
    })
    await cloud.ok('admin', 'admin.staff.update', { id: 'demo-regulator', suspended: false }, 'demo-admin')
  })

  test('an owner invites a helper on 店员/帮手; the helper accepts and sees the shop’s reminders', async () => {
    let code = ''
    await withSim(cloud, OWNER, '/helper/pages/index/index', async (sim) => {
      await sim.input('如：小王', '小王')
      await sim.tap('生成邀请码')
      expect(sim.errors).toEqual([])
      const m = /[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/.exec(sim.text())
      expect(m).not.toBeNull()
      code = m![0]
      expect(sim.text()).toContain('邀请 小王 成为店铺帮手')
      await weappShot(sim, 'staff-05-helper-invite')
    })
    await withSim(cloud, 'weapp-helper', `/pages/join/index?scene=${code.replace('-', '')}`, async (sim) => {
      expect(sim.text()).toContain('鹿城区张记面馆邀请您做店铺帮手')
      expect(sim.text()).toContain('不能看、不能办：贷款')
      await sim.tap('接受')
      expect(sim.text()).toContain('已加入，您现在是店铺帮手')
    })
    await withSim(cloud, 'weapp-helper', '/reminder/pages/permits/index', async (sim) => {
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain('年度年报')
    })
  })
})
