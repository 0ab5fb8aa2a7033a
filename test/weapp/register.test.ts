import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { creditCodeCheckChar } from '../../src/core/user/creditCode'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { requireWeappBuild, withSim } from './helpers'
import { REGULATOR } from './pages'
import { weappShot } from './screenshot'

/**
 * 登记名录 in the simulated WeChat: the export comes from a chat (wx.chooseMessageFile), goes to
 * cloud storage (wx.cloud.uploadFile), is previewed with its problem rows and imported.
 */
let cloud: TestCloud
beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
})
afterAll(() => cloud?.stop())

const code = (n: number) => {
  const first17 = `92330302${String(n).padStart(9, '0')}`
  return first17 + creditCodeCheckChar(first17)
}
function file(name: string, text: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'weapp-register-')), name)
  writeFileSync(path, text)
  return { path, name }
}

test('a regulator imports a register CSV from a chat: preview with the bad row, 确认导入, progress to done, then finds it', async () => {
  const csv = file('鹿城区名录.csv', [
    '统一社会信用代码,字号名称,经营者,经营场所,登记日期,登记状态',
    `${code(7001)},鹿城区微信导入店,陈小明,东门街9号,2024/3/1,存续`,
    `${code(7002).slice(0, 17)}X,校验错的店,王某,东门街10号,2024/3/2,存续`
  ].join('\n'))
  await withSim(cloud, REGULATOR, '/staff/pages/register/index', async (sim) => {
    await sim.tap('选择文件（Excel 或 CSV）')
    expect(sim.errors).toEqual([])
    expect(sim.calls).toEqual(expect.arrayContaining(['chooseMessageFile', 'cloud.uploadFile']))
    let text = sim.text()
    expect(text).toContain('鹿城区名录.csv')
    expect(text).toContain('可以导入')
    expect(text).toContain('第3行 · 统一社会信用代码：')
    expect(text).toContain('鹿城区微信导入店')
    await weappShot(sim, 'register-preview')
    await sim.tap(/确认导入/)
    expect(sim.errors).toEqual([])
    text = sim.text()
    expect(text).toContain('导入完成')
    expect(text).toContain('已处理 1 / 1 户（100%）')
    await sim.input('名称开头或信用代码开头', '鹿城区微信')
    await sim.tap('查找')
    expect(sim.text()).toContain('陈*明')
  }, { messageFiles: [csv] })
  expect(await cloud.ports.db.collection('register').get(code(7001))).toMatchObject({ name: '鹿城区微信导入店', registeredOn: '2024-03-01' })
})

test('an old .xls from a chat is refused on the phone with what to do, and the page stays usable', async () => {
  const xls = file('名录.xls', 'x')
  await withSim(cloud, REGULATOR, '/staff/pages/register/index', async (sim) => {
    await sim.tap('选择文件（Excel 或 CSV）')
    expect(sim.errors).toEqual([])
    expect(sim.text()).toContain('这是旧版 Excel（.xls）文件，请在 Excel 里“另存为” .xlsx 或 CSV 后再导入')
    expect(sim.calls).not.toContain('cloud.uploadFile')
  }, { messageFiles: [xls] })
})
