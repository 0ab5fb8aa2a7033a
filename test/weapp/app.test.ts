import { testCloud, type TestCloud } from '../helpers/cloud'
import { appPages, jpegFile, requireWeappBuild, WEAPP, withSim } from './helpers'
import { WeappSim } from './sim'

/**
 * dist/weapp as WeChat runs it (test/weapp/sim.ts): every page opens as the person who uses it,
 * renders through WeChat's own WXML compiler, and the taps that matter work, including the
 * subscribe dialog that WeChat allows only inside a tap.
 */
let cloud: TestCloud
let policyId: string
let complaintId: string

beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
  policyId = (await cloud.ok('policy', 'policy.get', { id: 'wz-04-code-loan' }).catch(() => null))?.id ?? (await cloud.ok('policy', 'policy.feed', {})).items[0].id
  complaintId = (
    await cloud.ok(
      'complaint',
      'complaint.submit',
      { category: 'fee', party: '东门农贸市场管理处', what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。', happenedOn: '2026-11-02', place: '东门农贸市场', photos: [], disclose: false },
      'demo-owner-1',
      'weapp-setup-1'
    )
  ).id
})
afterAll(async () => {
  await cloud?.stop()
})

const OWNER = 'demo-owner-1'
/** 小李水果店 opened in September: the course is recommended to it */
const NEW_SHOP = 'demo-owner-2'
const REGULATOR = 'demo-regulator'
const BANK = 'demo-bank'

/** Each page of app.json, who opens it, and text that person must see there. */
const PAGES: Array<{ route: string; as: string; query?: () => string; sees: string[] }> = [
  { route: 'pages/index/index', as: OWNER, sees: ['鹿城区张记面馆', '东门农贸市场', '证照提醒'] },
  { route: 'pages/policy/index', as: OWNER, sees: ['为您推荐', '个体码上贷'] },
  { route: 'pages/services/index', as: OWNER, sees: ['开业第一课', '我要诉求', '证照提醒'] },
  { route: 'pages/me/index', as: OWNER, sees: ['经营档案', '鹿城区张记面馆', '关怀模式'] },
  { route: 'pages/onboard/index', as: 'weapp-new-owner', query: () => 'scene=DMA2K7', sees: ['东门农贸市场', '摊位 A-01', '个人信息保护告知书'] },
  { route: 'loan/pages/index/index', as: OWNER, sees: ['码上贷', '温州示范农商银行'] },
  { route: 'loan/pages/consent/index', as: OWNER, query: () => 'bankId=wz-rcb', sees: ['向温州示范农商银行提供信息的单独同意'] },
  { route: 'loan/pages/assess/index', as: OWNER, sees: ['近12个月收款码流水'] },
  { route: 'policy/pages/detail/index', as: OWNER, query: () => `id=${policyId}`, sees: ['政策出处', '收藏'] },
  { route: 'course/pages/index/index', as: NEW_SHOP, sees: ['开业第一课', '营业执照：亮照、变更、歇业和注销'] },
  { route: 'course/pages/lesson/index', as: NEW_SHOP, query: () => 'id=basics-licence', sees: ['营业执照要放在店里', '学完'] },
  { route: 'course/pages/exam/index', as: NEW_SHOP, sees: ['共10题', '交卷'] },
  { route: 'course/pages/certificate/index', as: NEW_SHOP, sees: ['还没有结业证书'] },
  { route: 'complaint/pages/index/index', as: OWNER, sees: ['我要反映问题', '违规收费'] },
  { route: 'complaint/pages/new/index', as: OWNER, sees: ['反映什么问题', '+ 加照片', '提交'] },
  { route: 'complaint/pages/detail/index', as: OWNER, query: () => `id=${complaintId}`, sees: ['东门农贸市场管理处'] },
  { route: 'reminder/pages/permits/index', as: OWNER, sees: ['年度年报', '我的证照', '开启微信提醒'] },
  { route: 'reminder/pages/permit/index', as: OWNER, sees: ['证照编号', '到期日期', '保存'] },
  { route: 'reminder/pages/inbox/index', as: OWNER, sees: ['提醒设置'] },
  { route: 'staff/pages/home/index', as: REGULATOR, sees: ['王科员', '诉求工作台'] },
  { route: 'staff/pages/markets/index', as: REGULATOR, sees: ['东门农贸市场', '新建市场'] },
  { route: 'staff/pages/qrsheet/index', as: REGULATOR, query: () => 'marketId=demo-market-1', sees: ['东门农贸市场', '摊位 A-01', 'DMA2K7'] },
  { route: 'staff/pages/policies/index', as: REGULATOR, sees: ['新建政策', '个体码上贷'] },
  { route: 'staff/pages/policy/index', as: REGULATOR, query: () => `id=${policyId}`, sees: ['政策内容', '个体码上贷'] },
  { route: 'staff/pages/complaints/index', as: REGULATOR, sees: ['东门农贸市场管理处'] },
  { route: 'staff/pages/complaint/index', as: REGULATOR, query: () => `id=${complaintId}`, sees: ['东门农贸市场管理处', '受理'] },
  { route: 'staff/pages/course/index', as: REGULATOR, sees: ['核验结业证书', '东门农贸市场'] },
  { route: 'staff/pages/loans/index', as: BANK, sees: ['还没有申请'] }
]

describe('dist/weapp in a simulated WeChat', () => {
  test('the table covers every page of app.json', () => {
    expect(PAGES.map((p) => p.route).sort()).toEqual(appPages().sort())
  })

  test.each(PAGES.map((p) => [p.route, p]))('%s opens, loads its data and shows it', async (_route, p) => {
    await withSim(cloud, p.as, `/${p.route}${p.query ? `?${p.query()}` : ''}`, async (sim) => {
      expect(sim.errors).toEqual([])
      expect(sim.page.route).toBe(p.route)
      expect(sim.page.firstSetDataMs).not.toBeNull()
      const text = sim.text()
      for (const s of p.sees) expect([p.route, text.includes(s) ? s : text.slice(0, 300)]).toEqual([p.route, s])
      expect(text).not.toMatch(/正在加载|出了点问题|网络不稳定/)
    })
  })

  test('a mini-program without a cloud environment starts and says so, instead of a white screen', async () => {
    await withSim(cloud, OWNER, '/pages/index/index', async (sim) => {
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain('未配置云开发环境，请联系管理员')
    }, { noCloudEnv: true })
  })

  test('the fake WeChat refuses a subscribe request outside a tap, as WeChat does', async () => {
    await withSim(cloud, OWNER, '/pages/services/index', async (sim) => {
      const wx = sim.global('wx') as { requestSubscribeMessage(o: { tmplIds: string[] }): Promise<unknown> }
      await expect(wx.requestSubscribeMessage({ tmplIds: ['t'] })).rejects.toMatchObject({ errMsg: expect.stringContaining('can only be invoked by user TAP gesture') })
    })
  })

  test('证照提醒 on 办事 asks for reminders inside the tap and opens the reminders', async () => {
    await withSim(cloud, OWNER, '/pages/services/index', async (sim) => {
      await sim.tap('证照提醒')
      expect(sim.subscribeRequests).toEqual([{ tmplIds: ['local-reminder'], allowed: true }])
      expect(sim.page.route).toBe('reminder/pages/permits/index')
      expect(sim.errors).toEqual([])
    })
  })

  test('开启微信提醒 on the reminders page and saving a permit ask inside the tap', async () => {
    await withSim(cloud, OWNER, '/reminder/pages/permits/index', async (sim) => {
      await sim.tap('开启微信提醒')
      // this page asks for every template the deployment has (the server lists them)
      expect(sim.subscribeRequests).toEqual([{ tmplIds: ['local-reminder', 'local-policy'], allowed: true }])
      expect(sim.toasts).toContain('已开启，到期前会通过微信提醒您')

      await sim.tap('添加证照')
      expect(sim.page.route).toBe('reminder/pages/permit/index')
      await sim.pick('类型', 0)
      await sim.input('证上的编号', 'JY13303020001234')
      await sim.input('如：鹿城区市场监督管理局', '鹿城区市场监督管理局')
      await sim.pick('发证日期', '2022-03-01')
      await sim.pick('到期日期', '2027-02-28')
      await sim.tap('保存')
      expect(sim.errors).toEqual([])
      expect(sim.subscribeRequests).toEqual([
        { tmplIds: ['local-reminder', 'local-policy'], allowed: true },
        { tmplIds: ['local-reminder'], allowed: true }
      ])
      expect(sim.page.route).toBe('reminder/pages/permits/index')
      expect(sim.text()).toContain('2027-02-28到期')
    })
  })

  test('收藏 on a policy asks for new-policy messages inside the tap and keeps the favourite', async () => {
    await withSim(cloud, OWNER, `/policy/pages/detail/index?id=${policyId}`, async (sim) => {
      await sim.tap('收藏')
      expect(sim.subscribeRequests).toEqual([{ tmplIds: ['local-policy'], allowed: true }])
      expect(sim.toasts).toContain('已收藏')
      expect(sim.text()).toContain('取消收藏')
      expect(sim.errors).toEqual([])
    })
  })

  test('an owner files a 诉求 with a photo, and the regulator accepts it', async () => {
    const photo = jpegFile(300 * 1024)
    let filed = ''
    await withSim(cloud, OWNER, '/complaint/pages/new/index', async (sim) => {
      await sim.tap('违规收费')
      await sim.input('如：某某市场管理处', '城南小商品市场管理处')
      await sim.input('什么时候、谁、做了什么', '11月1日起每个摊位每月另收管理费100元，没有收据也没有公示依据。')
      await sim.tap('+ 加照片')
      expect(sim.errors).toEqual([])
      expect(sim.calls).toContain('chooseMedia')
      await sim.tap('提交')
      expect(sim.errors).toEqual([])
      expect(sim.page.route).toBe('complaint/pages/detail/index')
      const text = sim.text()
      expect(text).toContain('已提交，诉求编号')
      filed = /SQ\d{8}[0-9A-Z]{6}/.exec(text)![0]
    }, { mediaFiles: [photo] })
    const stored = await cloud.ok('complaint', 'complaint.get', { id: filed }, OWNER)
    expect(stored.photos).toHaveLength(1)
    expect(stored.party).toBe('城南小商品市场管理处')

    await withSim(cloud, REGULATOR, `/staff/pages/complaint/index?id=${filed}`, async (sim) => {
      expect(sim.text()).toContain('城南小商品市场管理处')
      await sim.tap('受理')
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain('已受理')
    })
    expect((await cloud.ok('complaint', 'complaint.get', { id: filed }, OWNER)).status).toBe('accepted')
  })

  test('开业第一课: the test starts, is answered and submitted, and the result is shown', async () => {
    await withSim(cloud, NEW_SHOP, '/course/pages/exam/index', async (sim) => {
      for (let q = 0; q < 10; q++) await sim.tap(/^A\. /, q)
      // the server refuses answers faster than 3 s a question: move its clock past that
      cloud.clock.set(new Date(Date.now() + 60_000))
      try {
        await sim.tap('交卷')
      } finally {
        cloud.clock.set(null)
      }
      expect(sim.errors).toEqual([])
      expect(sim.text()).toMatch(/\d+分/)
    })
  })
})

test('the simulated runtime gives no Node or DOM global: a bundle that reaches for one fails', () => {
  const sim = new WeappSim({ root: WEAPP, cloudUrl: 'http://127.0.0.1:9', openid: null })
  try {
    for (const name of ['process', 'Buffer', 'global', 'document', 'window', 'navigator', 'localStorage', 'XMLHttpRequest', 'fetch', 'setImmediate']) {
      expect([name, sim.evaluate(`typeof ${name}`)]).toEqual([name, 'undefined'])
    }
    for (const name of ['wx', 'App', 'Page', 'Component', 'Behavior', 'getApp', 'getCurrentPages', '__wxConfig', 'setTimeout', 'console']) {
      expect([name, sim.evaluate(`typeof ${name}`)]).toEqual([name, name === '__wxConfig' || name === 'console' || name === 'wx' ? 'object' : 'function'])
    }
  } finally {
    sim.close()
  }
})
