import { readFileSync } from 'node:fs'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { formatCode, QR_PREFIX } from '../../src/core/course/certificateCode'
import type { Industry } from '../../src/core/user/options'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { answersFor, readLessons } from '../helpers/course'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE, profileOf } from '../helpers/fixtures'
import { appPages, jpegFile, requireWeappBuild, WEAPP, withSim } from './helpers'
import { NEW_SHOP, OWNER, pageCases, POLICY_ID, REGULATOR, type PageCase } from './pages'
import { fold, textOf, walk } from './render'
import { weappShot } from './screenshot'
import { WeappSim } from './sim'

/**
 * dist/weapp as WeChat runs it (test/weapp/sim.ts): every page opens as the person who uses it,
 * renders through WeChat's own WXML compiler, and the taps that matter work, including the
 * subscribe dialog that WeChat allows only inside a tap.
 */
let cloud: TestCloud
let PAGES: PageCase[]

beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
  PAGES = await pageCases(cloud)
})
afterAll(async () => {
  await cloud?.stop()
})

/** An owner who read every lesson and passed: their certificate's code. */
async function graduate(who: string, businessName: string): Promise<string> {
  await cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, who)
  await cloud.ok('user', 'user.profile.save', { ...profileOf(who), businessName }, who)
  await readLessons(cloud, who, PROFILE.industry as Industry)
  const start = await cloud.ok('course', 'course.exam.start', {}, who)
  cloud.clock.set(new Date(Date.now() + 60_000))
  try {
    const r = await cloud.ok('course', 'course.exam.submit', { attemptId: start.attemptId, answers: await answersFor(cloud, start.attemptId, true) }, who)
    return r.certificate.code
  } finally {
    cloud.clock.set(null)
  }
}

describe('dist/weapp in a simulated WeChat', () => {
  test('the table covers every page of app.json', () => {
    expect(PAGES.map((p) => p.route).sort()).toEqual(appPages().sort())
  })

  test.each(appPages().map((r) => [r]))('%s opens, loads its data and shows it', async (route) => {
    const p = PAGES.find((x) => x.route === route)
    if (!p) throw new Error(`no case for ${route} in test/weapp/pages.ts`)
    await withSim(cloud, p.as, `/${p.route}${p.query ? `?${p.query()}` : ''}`, async (sim) => {
      if (route === 'pages/index/index') await weappShot(sim, '01-owner-home')
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
      await weappShot(sim, '02-no-cloud-environment')
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

  test('a permit past its last day to apply and the annual report show their whole schedule; 年报提醒 on 办事 opens the annual report', async () => {
    const who = 'weapp-schedule'
    // 24 Nov 2026: a tobacco licence expiring 22 Dec ("届满30日前": the last day to apply was 22 Nov)
    cloud.clock.set(new Date('2026-11-24T02:00:00Z'))
    try {
      await cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, who)
      await cloud.ok('user', 'user.profile.save', { ...profileOf(who), openedOn: '2019-05-01' }, who)
      const permit = await cloud.ok('reminder', 'reminder.permit.save', { type: 'tobacco', number: '330302100001', authority: '鹿城区烟草专卖局', issuedOn: '2021-12-23', expiresOn: '2026-12-22' }, who)
      await withSim(cloud, who, `/reminder/pages/permit/index?id=${permit.id}`, async (sim) => {
        const text = sim.text()
        for (const s of ['申请期已过', '续期申请期限已过', '申请延续的最后一天是2026年11月22日，已经过了2天', '请尽快带齐材料到鹿城区烟草专卖局申请延续', '第七十条', '提醒安排', '申请截止前30天', '今天补发', '下次提醒：2026年11月24日']) {
          expect([s, text.includes(s)]).toEqual([s, true])
        }
        // added late, the permit hears once today that the day has passed; the next reminder is never a past date
        expect(text.match(/下次提醒：\d+年\d+月\d+日/g)).toEqual(['下次提醒：2026年11月24日'])
        expect(sim.errors).toEqual([])
        await weappShot(sim, 'schedule-permit-apply-passed')
      })
      await withSim(cloud, who, '/reminder/pages/annual/index', async (sim) => {
        const text = sim.text()
        for (const s of ['2026年度年报', '报送时间：2027年1月1日至6月30日', '最后一天：2027年6月30日', '开始报送', '待提醒', 'www.gsxt.gov.cn', '谨防诈骗']) {
          expect([s, text.includes(s)]).toEqual([s, true])
        }
        await sim.tap('复制网址')
        expect(sim.calls).toContain('setClipboardData')
        expect(sim.toasts).toContain('网址已复制，请在浏览器中打开')
        expect(sim.errors).toEqual([])
        await weappShot(sim, 'schedule-annual-report')
      })
      // a business opened this year is not late: its first report is next year
      await withSim(cloud, NEW_SHOP, '/reminder/pages/annual/index', async (sim) => {
        expect(sim.text()).toContain('今年还不用报')
        expect(sim.text()).toContain('第一次年报在明年报')
        expect(sim.text()).not.toContain('已逾期')
      })
      await withSim(cloud, OWNER, '/pages/services/index', async (sim) => {
        await sim.tap('年报提醒')
        expect(sim.page.route).toBe('reminder/pages/annual/index')
        expect(sim.errors).toEqual([])
      })
    } finally {
      cloud.clock.set(null)
    }
  })

  test('收藏 on a policy asks for new-policy messages inside the tap and keeps the favourite', async () => {
    await withSim(cloud, OWNER, `/policy/pages/detail/index?id=${POLICY_ID}`, async (sim) => {
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

  test('privacy: + 加照片 asks through our dialog; 不同意 keeps the draft and says how to go on, 同意 adds the photo', async () => {
    const photo = jpegFile(100 * 1024)
    await withSim(cloud, OWNER, '/complaint/pages/new/index', async (sim) => {
      await sim.input('如：某某市场管理处', '东门农贸市场管理处')
      await sim.tap('+ 加照片')
      expect(sim.privacyPending).toBe(true)
      expect(sim.text()).toContain('需要您同意隐私保护指引')
      await weappShot(sim, '03-privacy-dialog')
      await sim.tap('不同意')
      expect(sim.privacyPending).toBe(false)
      const text = sim.text()
      expect(text).toContain('已保留填写内容。需要加照片时再点“+ 加照片”并同意即可')
      expect(text).toContain('东门农贸市场管理处')
      expect(text).not.toContain('需要您同意隐私保护指引')
      await weappShot(sim, '04-privacy-declined-draft-kept')

      await sim.tap('+ 加照片')
      expect(sim.text()).toContain('需要您同意隐私保护指引')
      // WeChat's agree button: open-type="agreePrivacyAuthorization" answers through its own event
      await sim.fire('同意', 'agreeprivacyauthorization', { buttonId: 'agree-privacy' })
      expect(sim.privacyAgreed).toBe(true)
      expect(sim.calls.filter((c) => c === 'cloud.uploadFile')).toHaveLength(1)
      expect(sim.text()).not.toContain('需要您同意隐私保护指引')
      expect(sim.errors).toEqual([])
      await weappShot(sim, '05-complaint-photo-added')
    }, { mediaFiles: [photo], privacyNeeded: true })
  })

  test('关怀模式 is offered once when the phone’s font is large, and turns on when accepted', async () => {
    const who = 'weapp-large-font'
    await withSim(cloud, who, '/pages/index/index', async (sim) => {
      expect(sim.modals.map((m) => m.title)).toEqual(['开启关怀模式？'])
      expect(sim.errors).toEqual([])
      await weappShot(sim, '06-care-mode-on-home')
    }, { fontSizeSetting: 22 })
    expect((await cloud.ok('user', 'user.login', {}, who)).settings.careMode).toBe(true)
    // the privacy dialog in care mode, as that owner sees it
    await withSim(cloud, who, '/complaint/pages/new/index', async (sim) => {
      await sim.tap('+ 加照片').catch(() => undefined)
      await weappShot(sim, '07-privacy-dialog-care-mode')
    }, { fontSizeSetting: 22, privacyNeeded: true })
    await withSim(cloud, 'weapp-normal-font', '/pages/index/index', async (sim) => {
      expect(sim.modals).toEqual([])
    }, { fontSizeSetting: 16 })
  })

  test('the tab bar is our own in WeChat: it lights the open tab, counts unread messages, switches tabs and grows in 关怀模式', async () => {
    const who = 'weapp-tab-bar'
    await cloud.ok('user', 'user.login', {}, who)
    await withSim(cloud, who, '/pages/index/index', async (sim) => {
      const bar = () => sim.renderTabBar()!.children.find((n) => typeof n !== 'string') as { attr: Record<string, unknown> }
      const lit = () => [...walk(sim.renderTabBar()!)].filter((n) => String(n.attr.class ?? '').includes('tab-bar__item--on')).map((n) => fold(textOf(n)))
      expect(sim.tabBarText()).toBe('首页 政策 办事 我的')
      expect(lit()).toEqual(['首页'])
      expect(String(bar().attr.class)).not.toContain('tab-bar--care')
      await sim.tapTab('我的')
      expect(sim.page.route).toBe('pages/me/index')
      expect(lit()).toEqual(['我的'])
      // 关怀模式 switched on here reaches the tab bar at once, and the next tab page's bar too
      await sim.fireById('care-switch', 'change', { value: true })
      expect(String(bar().attr.class)).toContain('tab-bar--care')
      await weappShot(sim, '08-tab-bar-care-mode-me')
      await sim.tapTab('政策')
      expect(sim.page.route).toBe('pages/policy/index')
      expect(lit()).toEqual(['政策'])
      expect(String(bar().attr.class)).toContain('tab-bar--care')
      expect(sim.errors).toEqual([])
    })
    expect((await cloud.ok('user', 'user.login', {}, who)).settings.careMode).toBe(true)
    // a message waiting: the 我的 tab shows the count, as the native badge did
    await withSim(cloud, OWNER, '/pages/index/index', async (sim) => {
      const { unread } = await cloud.ok('reminder', 'reminder.inbox.list', { limit: 1 }, OWNER)
      expect(unread).toBeGreaterThan(0)
      // the count sits on the 我的 icon, before its label
      expect(sim.tabBarText()).toBe(`首页 政策 办事 ${unread} 我的`)
      expect(sim.calls).not.toContain('setTabBarBadge')
    })
  })

  test('a new owner picks the region with WeChat’s own picker (codes, no names in the package) and sees its name', async () => {
    await withSim(cloud, 'weapp-region-owner', '/pages/onboard/index?scene=DMA2K7', async (sim) => {
      await sim.tap('我已阅读并同意')
      expect(sim.text()).toContain('浙江省温州市鹿城区') // prefilled from the market's county
      await sim.pick('所在地区', ['浙江省', '温州市', '瓯海区'], { code: ['330000', '330300', '330304'] })
      expect(sim.text()).toContain('浙江省温州市瓯海区')
      expect(sim.errors).toEqual([])
    })
  })

  test.each([
    ['/loan/pages/consent/index?bankId=no-such-bank', '没有找到这家银行'],
    ['/policy/pages/detail/index?id=no-such-policy', '没有找到这条政策'],
    ['/complaint/pages/detail/index?id=SQ20260101ZZZZZZ', '没有找到']
  ])('a page opened for an unknown id (%s) ends in an error with a way back, not 正在加载…', async (url, says) => {
    await withSim(cloud, OWNER, url, async (sim) => {
      const text = sim.text()
      expect(text).toContain(says)
      expect(text).not.toContain('正在加载')
      // opened directly (from a message or a link): 返回 goes to 首页
      await sim.tap('返回')
      expect(sim.page.route).toBe('pages/index/index')
      expect(sim.errors).toEqual([])
    })
  })

  test('a message opens what it is about and marks itself read', async () => {
    const who = 'weapp-inbox-owner'
    await cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, who)
    await cloud.ok('user', 'user.profile.save', profileOf(who), who)
    const filed = await cloud.ok('complaint', 'complaint.submit', { category: 'fee', party: '某市场管理处', what: '每月另收管理费100元，没有收据也没有公示。', happenedOn: '2026-11-02', place: '东门农贸市场', photos: [], disclose: false }, who, 'weapp-inbox-0001')
    await withSim(cloud, who, '/reminder/pages/inbox/index', async (sim) => {
      await sim.tap('诉求已提交')
      expect(sim.page.route).toBe('complaint/pages/detail/index')
      expect(sim.page.instance.options).toMatchObject({ id: filed.id })
      expect(sim.text()).toContain('某市场管理处')
      expect(sim.errors).toEqual([])
    })
    const inbox = await cloud.ok('reminder', 'reminder.inbox.list', { limit: 20 }, who)
    expect(inbox.messages.find((m: { title: string }) => m.title === '诉求已提交')).toMatchObject({ read: true })
  })

  test('消息 merges the annual broadcast with the owner’s own messages, pages by a cursor, and reads it for this owner', async () => {
    const who = 'weapp-broadcast-owner'
    cloud.clock.set(new Date('2026-12-31T02:00:00Z'))
    try {
      await cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, who)
      await cloud.ok('user', 'user.profile.save', profileOf(who), who)
      for (let i = 0; i < 21; i++) {
        await cloud.ports.db.collection('inbox').add({ _id: `weapp-bc-${i}`, openid: who, topic: 'complaint', title: `诉求进度${i + 1}`, body: `第${i + 1}条进度`, page: null, read: true, createdAt: new Date(Date.parse('2026-12-20T02:00:00Z') + i * 60_000).toISOString(), pushState: 'none', pushTemplateId: null, pushData: null, pushAttempts: 0, pushNextAt: '', pushError: null, pushSkipReason: null } as never)
      }
      // 1 January: the annual report's window opens, one broadcast for every owner
      cloud.clock.set(new Date('2027-01-01T01:30:00Z'))
      expect((await cloud.post('/api/local/trigger/scheduler', '')).status).toBe(200)
      await withSim(cloud, who, '/reminder/pages/inbox/index', async (sim) => {
        // 21 of the owner's own (read), welcome, the course invitation and the broadcast
        expect(sim.text()).toContain('共24条，3条未读')
        expect(sim.text()).toContain('已显示20条，共24条')
        expect(sim.text()).not.toContain('第1条进度')
        await weappShot(sim, '60-inbox-broadcast')
        await sim.tap('加载更多')
        expect(sim.text()).toContain('第1条进度')
        expect(sim.text()).not.toContain('加载更多')
        expect(sim.text()).toContain('已全部显示，共24条')
        await sim.tap('年报开始填报')
        expect(sim.page.route).toBe('reminder/pages/annual/index')
        expect(sim.errors).toEqual([])
      })
      const after = await cloud.ok('reminder', 'reminder.inbox.list', { limit: 1 }, who)
      expect(after.messages[0]).toMatchObject({ id: 'bc:annual:2026:open:2027-01-01', read: true })
      expect(after.unread).toBe(2)
    } finally {
      cloud.clock.set(null)
    }
  })

  test('诉求: the 还有几项没填好 banner goes with the last red field; the filed number can be copied', async () => {
    await withSim(cloud, OWNER, '/complaint/pages/new/index', async (sim) => {
      await sim.tap('提交')
      expect(sim.text()).toContain('还有几项没填好')
      await sim.tap('乱罚款')
      await sim.input('如：某某市场管理处', '城南市场管理处')
      expect(sim.text()).toContain('还有几项没填好')
      await sim.input('什么时候、谁、做了什么', '11月3日收摊时被罚款200元，没有说明依据，也没有开票据。')
      expect(sim.text()).not.toContain('还有几项没填好')
      await sim.tap('提交')
      expect(sim.page.route).toBe('complaint/pages/detail/index')
      await sim.tap('复制编号')
      expect(sim.calls).toContain('setClipboardData')
      expect(sim.errors).toEqual([])
    })
  })

  test('政策 怎么办理: the official site is copied (WeChat cannot open it), the office phone too, and an in-app step opens its page', async () => {
    /** records what the bundle hands to a wx API, then lets the simulated one run */
    const spy = (sim: WeappSim, name: string) => {
      const wx = sim.global('wx') as Record<string, (o: Record<string, unknown>) => unknown>
      const real = wx[name]
      const seen: Array<Record<string, unknown>> = []
      wx[name] = (o) => {
        seen.push(o)
        return real(o)
      }
      return seen
    }
    await withSim(cloud, OWNER, '/policy/pages/detail/index?id=gz-22-credit-repair', async (sim) => {
      const text = sim.text()
      expect(text).toContain('网上办理：国家企业信用信息公示系统')
      expect(text).toContain('小程序里打不开外部网站')
      // no office is kept for 甘州区: the department and where to ask, no number
      expect(text).toContain('本平台还没有收到甘肃省张掖市甘州区市场监管部门的电话和地址')
      const copied = spy(sim, 'setClipboardData')
      await sim.tap('复制网址')
      expect(sim.calls).toContain('setClipboardData')
      expect(copied.map((o) => o.data)).toEqual(['https://www.gsxt.gov.cn'])
      await weappShot(sim, '30-policy-how-to-act-online')
      // 去年报 opens the annual report page
      const opened = spy(sim, 'navigateTo')
      await sim.tap('去年报')
      expect(opened.map((o) => o.url)).toEqual(['/reminder/pages/annual/index'])
      expect(sim.page.route).toBe('reminder/pages/annual/index')
      expect(sim.errors).toEqual([])
    })
    await withSim(cloud, OWNER, '/policy/pages/detail/index?id=wz-04-code-loan', async (sim) => {
      expect(sim.text()).toContain('鹿城区示例市场监管所（演示数据）')
      const copied = spy(sim, 'setClipboardData')
      await sim.tap('复制电话')
      expect(copied.map((o) => o.data)).toEqual(['0577-00000000'])
      await weappShot(sim, '31-policy-how-to-act-office')
      await sim.tap('去码上贷')
      expect(sim.page.route).toBe('loan/pages/index/index')
      expect(sim.errors).toEqual([])
    })
  })

  test('a second owner scanning a held stall is told (never who), asks to be bound; the regulator confirms and approves', async () => {
    // A-06 is held by one owner; a second, with a profile, scans it
    const holder = 'weapp-stall-holder'
    const who = 'weapp-second-owner'
    for (const [o, name] of [[holder, '鹿城区老金粮油'], [who, '鹿城区小何炒货']]) {
      await cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, o)
      await cloud.ok('user', 'user.profile.save', { ...profileOf(o), businessName: name }, o)
    }
    await cloud.ok('user', 'user.stall.bind', { stallCode: 'DMF7T4', share: false }, holder)
    await withSim(cloud, who, '/pages/onboard/index?scene=DMF7T4', async (sim) => {
      const text = sim.text()
      expect(text).toContain('摊位 A-06')
      expect(text).toContain('这个摊位已由另一户经营者绑定')
      expect(text).not.toContain('老金粮油')
      // this market does not allow a second business: only asking, or not binding
      expect(text).not.toContain('作为另一户绑定')
      await sim.tap('申请转到我名下')
      await sim.input('如：我已向市场租下这个摊位', '金老板已退租，我向市场租下了这个摊位')
      await weappShot(sim, '10-second-owner-scans-held-stall')
      await sim.tap('提交申请')
      expect(sim.errors).toEqual([])
      expect(sim.toasts).toContain('申请已提交')
      expect(sim.text()).toContain('等待审核')
      expect(sim.text()).toContain('撤回申请')
    })
    await withSim(cloud, REGULATOR, '/staff/pages/stallrequests/index', async (sim) => {
      const text = sim.text()
      expect(text).toContain('鹿城区小何炒货')
      expect(text).toContain('鹿城区老金粮油')
      expect(text).toContain('金老板已退租')
      // 不同意 needs a reason, next to the box; the first 同意 is cancelled in the dialog
      await sim.tap('不同意')
      expect(sim.text()).toContain('请写明不同意的理由')
      expect(sim.modals).toEqual([])
      await sim.tap('同意转给申请人')
      expect(sim.modals.map((m) => m.title)).toEqual(['同意转给申请人？'])
      expect(sim.modals[0].content).toContain('双方都会收到通知')
      expect(sim.text()).toContain('鹿城区小何炒货')
      await sim.tap('同意转给申请人')
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain('没有待审核的申请')
    }, { modalAnswers: [false, true] })
    expect((await cloud.ok('user', 'user.profile.get', {}, who)).stall.number).toBe('A-06')
    expect((await cloud.ok('user', 'user.profile.get', {}, holder)).stall).toBeNull()
  })

  test('我的办事 on 我的: each row opens its page', async () => {
    const who = 'weapp-affairs-owner'
    await cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, who)
    await cloud.ok('user', 'user.profile.save', profileOf(who), who)
    await cloud.ok('complaint', 'complaint.submit', { category: 'fee', party: '某市场管理处', what: '每月另收管理费100元，没有收据也没有公示。', happenedOn: '2026-11-02', place: '东门农贸市场', photos: [], disclose: false }, who, 'weapp-affairs-0001')
    await cloud.ok('reminder', 'reminder.permit.save', { type: 'foodBusiness', number: 'JY13303020009', authority: '鹿城区市场监管局', issuedOn: '2022-01-10', expiresOn: '2030-01-09' }, who, 'weapp-affairs-0002')
    const rows: Array<[string, string, string?]> = [
      ['我的诉求', 'complaint/pages/index/index'],
      ['我的贷款申请', 'loan/pages/index/index'],
      ['结业证书', 'course/pages/index/index'],
      ['证照', 'reminder/pages/permits/index'],
      ['收藏的政策', 'pages/policy/index', '还没有收藏']
    ]
    for (const [row, route, sees] of rows) {
      await withSim(cloud, who, '/pages/me/index', async (sim) => {
        const text = sim.text()
        expect(text).toContain('我的办事')
        expect(text).toContain('1件办理中')
        expect(text).toContain('2030-01-09到期')
        if (row === '我的诉求') await weappShot(sim, '11-me-my-affairs')
        await sim.tap(row)
        expect([row, sim.page.route]).toEqual([row, route])
        if (sees) expect(sim.text()).toContain(sees)
        expect(sim.errors).toEqual([])
      })
    }
  })

  test('开业第一课: closed until every lesson is read; the timer counts down; too fast says how long and counts down; then graded', async () => {
    const who = 'weapp-learner'
    await cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, who)
    await cloud.ok('user', 'user.profile.save', { ...profileOf(who), businessName: '鹿城区小王水果摊' }, who)
    await withSim(cloud, who, '/course/pages/index/index', async (sim) => {
      expect(sim.text()).toContain('还有12课没学：')
      await weappShot(sim, 'course-gate')
      await sim.tap('还有12课没学，先去学')
      expect(sim.page.route).toBe('course/pages/lesson/index')
      expect(sim.errors).toEqual([])
    })
    await readLessons(cloud, who, PROFILE.industry as Industry)
    await withSim(cloud, who, '/course/pages/exam/index', async (sim) => {
      // a countdown, not a clock time: 60 minutes at the start, then it ticks
      expect(sim.text()).toMatch(/剩余 (1小时00分|59分5\d秒)/)
      await sim.advanceClock(60 * 60 - 279)
      expect(sim.text()).toMatch(/剩余 4分(39|38)秒/)
      await sim.advanceClock(-(60 * 60 - 279))
      for (let q = 0; q < 10; q++) await sim.tap(/^A\. /, q)
      await sim.tap('交卷')
      // at once: the server says how many seconds; the button counts them down
      expect(sim.text()).toContain('答得太快了')
      const wait = () => Number(/(\d+)秒后可以交卷/.exec(sim.text())?.[1])
      const first = wait()
      expect(first).toBeGreaterThan(20)
      expect(first).toBeLessThanOrEqual(30)
      await sim.advanceClock(10)
      // ten seconds on (and whatever real time the test took): at least ten fewer, still counting
      expect(first - wait()).toBeGreaterThanOrEqual(10)
      expect(wait()).toBeGreaterThan(0)
      await weappShot(sim, 'course-exam-too-fast')
      // the server refuses answers faster than 3 s a question: move its clock past that, and the phone's
      cloud.clock.set(new Date(Date.now() + 60_000))
      try {
        await sim.advanceClock(30)
        expect(sim.text()).not.toContain('答得太快了')
        await sim.tap('交卷')
      } finally {
        cloud.clock.set(null)
      }
      expect(sim.errors).toEqual([])
      expect(sim.text()).toMatch(/\d+分 · (通过|未通过)/)
    })
  })

  test('开业第一课 certificate: the QR is drawn and scans to its code; 保存到相册 draws the picture and saves it, asking again after a refusal', async () => {
    const who = 'weapp-graduate'
    const code = await graduate(who, '鹿城区小林早餐店')
    await withSim(cloud, who, '/course/pages/certificate/index', async (sim) => {
      const text = sim.text()
      expect(text).toContain(`核验码 ${formatCode(code)}`)
      expect(text).toContain('主办单位 本地演示环境（非真实发证单位）')
      // the QR on the page, as WeChat's Canvas 2D holds it, decodes to the certificate's code
      const qr = sim.canvas('cert-qr')!
      expect(jsQR(new Uint8ClampedArray(qr.pixels), qr.width, qr.height)?.data).toBe(`${QR_PREFIX}${code}`)
      await weappShot(sim, 'course-certificate')

      await sim.tap('保存到相册')
      expect(sim.calls).toEqual(expect.arrayContaining(['canvasToTempFilePath', 'saveImageToPhotosAlbum']))
      expect(sim.savedImages).toHaveLength(1)
      expect(sim.toasts).toContain('已保存到手机相册')
      // the saved picture is the whole certificate: its QR decodes too, and its text says whose
      const png = PNG.sync.read(readFileSync(sim.savedImages[0]))
      expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`${QR_PREFIX}${code}`)
      expect(sim.canvas('cert-image')!.texts.map((t) => t.text)).toEqual(expect.arrayContaining(['鹿城区小林早餐店', `核验码 ${formatCode(code)}`, '主办单位：本地演示环境（非真实发证单位）']))
      expect(sim.errors).toEqual([])
    })
    // 添加到相册 refused: a plain Chinese reason; the next tap offers WeChat's settings page
    await withSim(cloud, who, '/course/pages/certificate/index', async (sim) => {
      await sim.tap('保存到相册')
      expect(sim.savedImages).toHaveLength(0)
      expect(sim.text()).toContain('您没有允许保存到相册，证书图片没有保存')
      await weappShot(sim, 'course-certificate-album-refused')
      await sim.tap('保存到相册')
      expect(sim.modals.at(-1)?.title).toBe('需要相册权限')
      expect(sim.calls).toContain('openSetting')
      expect(sim.savedImages).toHaveLength(1)
      expect(sim.text()).not.toContain('您没有允许保存到相册')
      expect(sim.errors).toEqual([])
    }, { albumAnswer: 'deny' })
    // the privacy gate: our dialog says what the album is for; 不同意 explains, 同意 saves
    await withSim(cloud, who, '/course/pages/certificate/index', async (sim) => {
      await sim.tap('保存到相册')
      expect(sim.privacyPending).toBe(true)
      expect(sim.text()).toContain('您要把结业证书保存到手机相册')
      await sim.tap('不同意')
      expect(sim.text()).toContain('您没有同意隐私保护指引，不能保存到相册')
      expect(sim.savedImages).toHaveLength(0)
      await sim.tap('保存到相册')
      await sim.fire('同意', 'agreeprivacyauthorization', { buttonId: 'agree-privacy' })
      expect(sim.savedImages).toHaveLength(1)
      expect(sim.text()).not.toContain('没有同意隐私保护指引')
      expect(sim.errors).toEqual([])
    }, { privacyNeeded: true })
    // in 关怀模式 the certificate is as readable
    await cloud.ok('user', 'user.settings.save', { careMode: true }, who)
    await withSim(cloud, who, '/course/pages/certificate/index', async (sim) => {
      expect(sim.text()).toContain(`核验码 ${formatCode(code)}`)
      await weappShot(sim, 'course-certificate-care')
    })
  })

  test('核验结业证书: an officer scans the certificate’s QR and sees whose it is, masked', async () => {
    const code = await graduate('weapp-graduate-2', '鹿城区小何修鞋铺')
    await withSim(cloud, REGULATOR, '/staff/pages/course/index', async (sim) => {
      // the progress chart: ECharts drew on the page's Canvas 2D node, axis labels and figures
      const drawn = sim.canvasesOf().flatMap((c) => c.texts.map((t) => t.text))
      expect(drawn).toEqual(expect.arrayContaining(['已开始学习', '学完全部课程', '通过测验']))
      expect(sim.text()).toMatch(/辖区学习进度[\s\S]*已开始学习\s*\d+户/)
      // nested steps (started ⊇ completed ⊇ passed) do not add up: no 合计
      expect(sim.text()).not.toContain('合计')
      await sim.tap('扫证书二维码')
      const text = sim.text()
      expect(text).toContain('证书有效')
      expect(text).toContain('鹿城区***鞋铺')
      expect(text).toContain(formatCode(code))
      await weappShot(sim, 'course-staff-verify')
      expect(sim.errors).toEqual([])
    }, { scanResult: `${QR_PREFIX}${code}` })
    // a stall's QR is not a certificate: said so, nothing looked up
    await withSim(cloud, REGULATOR, '/staff/pages/course/index', async (sim) => {
      await sim.tap('扫证书二维码')
      expect(sim.text()).toContain('这不是结业证书上的二维码')
    }, { scanResult: 'DMA2K7' })
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
