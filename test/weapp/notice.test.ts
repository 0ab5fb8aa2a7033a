import { testCloud, type TestCloud } from '../helpers/cloud'
import { jpegFile, requireWeappBuild, withSim } from './helpers'
import { OWNER, REGULATOR } from './pages'
import { weappShot } from './screenshot'

/**
 * A 违规提示 in dist/weapp as WeChat runs it (test/weapp/sim.ts): the owner opens it from the
 * message, is told it is guidance (首违不罚), cannot send without a photo, takes one through
 * chooseMedia → cloud.uploadFile (the 诉求 upload path) and sends it; the regulator confirms it
 * on the workbench page. Also in 关怀模式.
 */
let cloud: TestCloud

beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
})
afterAll(async () => {
  cloud.clock.set(null)
  await cloud?.stop()
})

test('违规提示: opened from 消息, corrected with a photo, confirmed by the regulator', async () => {
  cloud.clock.set(new Date('2026-11-20T02:00:00Z'))
  const code = ((await cloud.ports.db.collection('owners').get(OWNER)) as unknown as { profile: { creditCode: string } }).profile.creditCode
  const hint = await cloud.ok('notice', 'notice.hint.send', { creditCode: code, rule: '《明码标价和禁止价格欺诈规定》第五条', what: '摊位商品没有标价签，请补上', dueDate: '2026-11-27', firstMinor: true }, REGULATOR, 'weapp-hint-send-1')

  await withSim(cloud, OWNER, '/reminder/pages/inbox/index', async (sim) => {
    expect(sim.text()).toContain('违规提示')
    await sim.tap('违规提示')
    expect(sim.errors).toEqual([])
    const page = sim.text()
    expect(page).toContain('这是整改提示，不是罚单')
    expect(page).toContain('《中华人民共和国行政处罚法》第三十三条')
    expect(page).toContain('11月27日前')
    // no photo: said under the form, nothing sent, the words kept
    await sim.input('想说明的情况', '已经给每样商品贴好价签')
    await sim.tap('提交整改')
    expect(sim.text()).toContain('请拍一张整改后的照片')
    expect(sim.text()).toContain('已经给每样商品贴好价签')
    await sim.tap('+ 加照片')
    expect(sim.calls).toContain('chooseMedia')
    expect(sim.calls.filter((c) => c === 'cloud.uploadFile')).toHaveLength(1)
    await sim.tap('提交整改')
    expect(sim.errors).toEqual([])
    expect(sim.toasts).toContain('已提交，等工作人员确认')
    const after = sim.text()
    expect(after).toContain('已整改，待确认')
    expect(after).toContain('我提交的整改')
    expect(after).not.toContain('提交整改')
    await weappShot(sim, '60-notice-hint-corrected')
  }, { mediaFiles: [jpegFile(150 * 1024)] })

  const stored = await cloud.ok('notice', 'notice.hint.get', { id: hint.id }, OWNER)
  expect(stored).toMatchObject({ status: 'corrected', note: '已经给每样商品贴好价签' })
  expect(stored.photos).toHaveLength(1)

  await withSim(cloud, REGULATOR, `/staff/pages/hint/index?id=${hint.id}`, async (sim) => {
    expect(sim.text()).toContain('经营者提交的整改')
    await sim.tap('确认整改')
    expect(sim.errors).toEqual([])
    expect(sim.toasts).toContain('已确认')
    expect(sim.text()).toContain('已确认整改')
  })

  // the owner's list in 关怀模式
  await cloud.ok('user', 'user.settings.save', { careMode: true, personalized: true }, OWNER)
  await withSim(cloud, OWNER, '/notice/pages/index/index', async (sim) => {
    expect(sim.text()).toContain('已确认整改')
    expect(sim.errors).toEqual([])
    await weappShot(sim, '61-notice-list-care')
  })
  await cloud.ok('user', 'user.settings.save', { careMode: false, personalized: true }, OWNER)
})
