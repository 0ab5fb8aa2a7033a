import ExcelJS from 'exceljs'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { MONITOR_NOW, PERIOD, seedMonitor } from '../helpers/monitor'

/**
 * 监测分析 against the district of test/helpers/monitor.ts. Every expected number below is counted
 * by hand from that seed (the comments say which documents), not by running the same code.
 */
let c: TestCloud
beforeAll(async () => {
  c = await testCloud({ seed: false })
  c.clock.set(new Date(MONITOR_NOW))
  await seedMonitor(c.ports.db)
})
afterAll(() => {
  if (c.errors.length) console.log(c.errors.join('\n'))
  return c.stop()
})

type Dash = { groups: Array<{ figures: Array<{ id: string; value: number | null; figure: string | null; note: string | null }> }>; charts: Record<string, Array<{ label: string; value: number }>>; markets: Array<{ id: string; name: string }>; scope: Record<string, unknown> }
const dashboard = (who: string, q: object = {}) => c.ok<Dash>('monitor', 'monitor.dashboard', { ...PERIOD, ...q }, who)
const values = (d: Dash) => Object.fromEntries(d.groups.flatMap((g) => g.figures.map((f) => [f.id, f.value])))
const list = (who: string, figure: string, q: object = {}) => c.ok('monitor', 'monitor.list', { ...PERIOD, figure, limit: 50, ...q }, who)

describe('监测分析: every figure against a seed counted by hand', () => {
  test('a regulator of 鹿城区 sees exactly the region’s figures', async () => {
    const d = await dashboard('mon-reg-a')
    expect(d.scope).toEqual({ regionName: expect.stringContaining('鹿城区'), marketName: null, ...PERIOD })
    expect(d.markets.map((m) => m.name)).toEqual(['东门市场', '西门市场'].sort())
    expect(values(d)).toMatchObject({
      // a1 a2 a3 a4 (a0 has no profile; b1 b2 are 上城区)
      households: 4,
      // a1 (5 Nov) and a3 (1 Nov 00:30 China time)
      newHouseholds: 2,
      // a1 (19 Nov) and a3 (22 Oct: the 30th day back, included); a2 last seen 1 Oct
      active: 2,
      'type:survival': 2, 'type:growth': 1, 'type:development': 1,
      'industry:catering': 2, 'industry:retail': 1, 'industry:services': 1, 'industry:lodging': 0,
      // ob1 (March) and ob4 (00:00 1 January China time); ob5 is a minute earlier, ob3 last year
      annualFiled: 2,
      // p1 (30 days), p6 (today); p2 (31 days) and p3 (90 days) only within 90
      permits30: 2,
      permits90: 4,
      // p5 (yesterday)
      permitsExpired: 1,
      // SQ1–SQ5 filed 1–20 November
      complaints: 5,
      'complaintCategory:fee': 2, 'complaintCategory:fine': 1, 'complaintCategory:policy': 1, 'complaintCategory:other': 1, 'complaintCategory:market': 0,
      'complaintStatus:submitted': 1, 'complaintStatus:accepted': 1, 'complaintStatus:handling': 1, 'complaintStatus:closed': 2,
      // SQ4 and SQ7 (filed in September, still overdue now)
      complaintsOverdue: 2,
      // (2 + 1 + 3 + 4) / 4 and (5 + 9) / 2
      acceptDays: 2.5,
      replyDays: 7,
      // SQ3 满意, SQ5 基本满意 (SQ6's 不满意 is outside the period)
      satisfaction: 100,
      courseStarted: 3, courseCompleted: 2, coursePassed: 1,
      // l1–l4 (l5 is October)
      loans: 4, 'loanStatus:submitted': 1, 'loanStatus:approved': 1, 'loanStatus:disbursed': 1, 'loanStatus:declined': 1,
      // pol1 (pol2 was October, pol3 not pushed); reached a1 a2; opened a1 a2; favourited a1
      policiesPushed: 1, policyReached: 2, policyOpened: 2, policyFavorited: 1,
      // v1 v2 v3 (v4 October); a1 twice and one never-joined business
      visits: 3, visitedHouseholds: 2, 'need:finance': 2, 'need:hiring': 1, 'need:premises': 1, 'need:tax': 0,
      // f1 (due yesterday, open); f2 due today, f3 done
      followupsOverdue: 1
    })
    const notes = Object.fromEntries(d.groups.flatMap((g) => g.figures.map((f) => [f.id, f.note])))
    expect(notes.acceptDays).toBe('按4件有受理时间记录的诉求计算（自然日）')
    expect(notes.satisfaction).toContain('共2件评价')
    // charts: new households by month (June to November), 分型, 诉求 by category
    expect(d.charts.newByMonth).toEqual([
      { label: '6月', value: 1 }, { label: '7月', value: 0 }, { label: '8月', value: 0 }, { label: '9月', value: 0 }, { label: '10月', value: 1 }, { label: '11月', value: 2 }
    ])
    expect(d.charts.byType).toEqual([{ label: '生存型', value: 2 }, { label: '成长型', value: 1 }, { label: '发展型', value: 1 }])
    expect(d.charts.complaintsByCategory.find((x) => x.label === '违规收费')).toEqual({ label: '违规收费', value: 2 })
  })

  test('the market filter narrows every figure to that market', async () => {
    const v = values(await dashboard('mon-reg-a', { marketId: 'mA1' }))
    expect(v).toMatchObject({
      households: 2, newHouseholds: 1, active: 1, annualFiled: 1, permits30: 1, permits90: 2, permitsExpired: 0,
      complaints: 2, courseStarted: 2, coursePassed: 1, loans: 2, policyReached: 2, policyOpened: 2, visits: 2, visitedHouseholds: 1
    })
  })

  test('a period outside November counts October instead', async () => {
    const v = values(await dashboard('mon-reg-a', { from: '2026-10-01', to: '2026-10-31' }))
    // a2 (10 Oct); a3 joined 1 Nov China time though 31 Oct in UTC
    expect(v).toMatchObject({ newHouseholds: 1, complaints: 1, loans: 1, policiesPushed: 1, policyReached: 2, visits: 1, 'need:tax': 1 })
  })

  test('region scoping: 上城区 sees only its own; the city sees 鹿城区; an admin sees both; banks and owners none', async () => {
    const b = values(await dashboard('mon-reg-b'))
    expect(b).toMatchObject({ households: 2, complaints: 1, complaintsOverdue: 1, permits30: 1, loans: 1, courseStarted: 1, policyReached: 1, policyOpened: 1, visits: 1, followupsOverdue: 1, annualFiled: 1 })
    expect((await dashboard('mon-reg-b')).markets.map((m) => m.name)).toEqual(['湖滨市场'])
    const city = values(await dashboard('mon-reg-city'))
    expect(city).toMatchObject({ households: 4, complaints: 5, visits: 3 })
    const all = values(await dashboard('mon-admin'))
    expect(all).toMatchObject({ households: 6, complaints: 6, visits: 4, loans: 5, policyReached: 3 })
    // another region's market is not found, never its figures
    const r = await c.call('monitor', { action: 'monitor.dashboard', payload: { ...PERIOD, marketId: 'mB1' } }, 'mon-reg-a')
    expect(r.status).toBe(404)
    for (const who of ['mon-bank', 'mon-a1']) expect((await c.call('monitor', { action: 'monitor.dashboard', payload: PERIOD }, who)).status).toBe(403)
  })

  test('a period is checked in words', async () => {
    const r = await c.call<any>('monitor', { action: 'monitor.dashboard', payload: { from: '2026-11-20', to: '2026-11-01' } }, 'mon-reg-a')
    expect(r.status).toBe(400)
    expect(!r.body.ok && r.body.error.details?.[0]).toEqual({ path: 'to', message: '结束日期不能早于开始日期' })
    const long = await c.call<any>('monitor', { action: 'monitor.dashboard', payload: { from: '2025-01-01', to: '2026-11-01' } }, 'mon-reg-a')
    expect(!long.body.ok && long.body.error.details?.[0].message).toBe('时间段最长一年，请缩短')
    const unknown = await c.call<any>('monitor', { action: 'monitor.list', payload: { ...PERIOD, figure: 'owners:all', limit: 5 } }, 'mon-reg-a')
    expect(!unknown.body.ok && unknown.body.error.details?.[0].message).toBe('没有这项数据的名单')
  })
})

describe('监测分析: the list behind each figure', () => {
  test('households, masked, newest first, paged by a cursor; never another region’s', async () => {
    const l = await list('mon-reg-a', 'households', { limit: 3 })
    expect(l.title).toBe('已加入的个体户')
    expect(l.total).toBe(4)
    // a1 (5 Nov), a3 (1 Nov), a2 (10 Oct), then a4 (June)
    expect(l.items.map((i: any) => i.title)).toEqual(['张记*馆', '王记*吃', '李家*货'])
    expect(l.items[0].lines).toEqual(['餐饮服务', '分型（估算）：生存型', '市场：东门市场', '最近使用：2026-11-19'])
    const next = await list('mon-reg-a', 'households', { limit: 3, cursor: l.nextCursor })
    expect(next.items.map((i: any) => i.title)).toEqual(['赵氏*发'])
    expect(next.nextCursor).toBeNull()
    const json = JSON.stringify([l, next])
    expect(json).not.toContain('湖滨')
    expect(json).not.toContain('mon-')
  })

  test('each figure’s list has as many entries as the figure says', async () => {
    const d = await dashboard('mon-reg-a')
    for (const f of d.groups.flatMap((g) => g.figures)) {
      if (!f.figure || f.id === 'visitedHouseholds') continue
      const l = await list('mon-reg-a', f.figure)
      expect([f.id, l.total]).toEqual([f.id, f.value])
      expect(l.items).toHaveLength(Math.min(50, f.value ?? 0))
    }
  })

  test('lists name the right entries: 诉求 by category, expiring permits, visits with their needs', async () => {
    const fee = await list('mon-reg-a', 'complaintCategory:fee')
    expect(fee.items.map((i: any) => i.lines[0])).toEqual(['诉求 SQ2', '诉求 SQ1'])
    expect(fee.items[1]).toMatchObject({ title: '张记*馆', date: '2026-11-02' })
    const permits = await list('mon-reg-a', 'permits30')
    expect(permits.items.map((i: any) => i.date).sort()).toEqual(['2026-11-20', '2026-12-20'])
    expect(permits.items.find((i: any) => i.date === '2026-12-20').title).toBe('张记*馆')
    const v = await list('mon-reg-a', 'visits')
    expect(v.items.map((i: any) => i.lines[0])).toEqual(['需求：场地', '需求：融资', '需求：融资、招工'])
    expect(v.items[0].lines[1]).toBe('尚未加入（信用代码尾号001X）')
    // a period's list pages by the same field it is filtered on: SQ5 … SQ1, two at a time, none repeated or skipped
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const p = await list('mon-reg-a', 'complaints', { limit: 2, ...(cursor ? { cursor } : {}) })
      seen.push(...p.items.map((i: any) => i.lines[0]))
      cursor = p.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(['诉求 SQ5', '诉求 SQ4', '诉求 SQ3', '诉求 SQ2', '诉求 SQ1'])
    const b = await list('mon-reg-b', 'complaintCategory:fee')
    expect(b.items.map((i: any) => i.lines[0])).toEqual(['诉求 SQ8'])
  })
})

describe('服务月报告 (seed 002’s figures)', () => {
  test('the figures for a chosen period, each with the report’s words', async () => {
    const r = await c.ok('monitor', 'monitor.serviceMonth', PERIOD, 'mon-reg-a')
    expect(r.source).toBe('关于“个体工商户服务月”活动的汇报')
    expect(Object.fromEntries(r.lines.map((l: any) => [l.key, l.value]))).toEqual({
      // a1 (twice) and the never-joined business
      visitedHouseholds: 2,
      policiesPushed: 1,
      policyReached: 2,
      complaintsReceived: 5,
      // SQ3, SQ5 and SQ6 (filed in October, closed on 10 November)
      complaintsClosed: 3,
      // a1 completed, last written 10 November (a3 completed in October)
      lessonsCompleted: 1,
      loansApplied: 4,
      // l2 approved, l3 disbursed
      loansGranted: 2
    })
    expect(r.lines[0]).toMatchObject({ label: '走访个体工商户', unit: '户', quote: '共走访个体工商户XX0余户' })
    expect(r.file).toBeNull()
    const b = await c.ok('monitor', 'monitor.serviceMonth', PERIOD, 'mon-reg-b')
    expect(Object.fromEntries(b.lines.map((l: any) => [l.key, l.value]))).toMatchObject({ visitedHouseholds: 1, complaintsReceived: 1, loansGranted: 1 })
  })
})

describe('exports (opened with exceljs)', () => {
  const open = async (file: { url: string; fileName: string }) => {
    const res = await fetch(c.url + file.url)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    return wb
  }
  const cells = (ws: ExcelJS.Worksheet) => {
    const out: unknown[][] = []
    ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)))
    return out
  }

  test('a figure’s list: masked names, the region only, under a Chinese dated name', async () => {
    const file = await c.ok('monitor', 'monitor.export', { ...PERIOD, figure: 'households' }, 'mon-reg-a')
    expect(file.fileName).toMatch(/^已加入的个体户_.*鹿城区_2026-11-01至2026-11-20-20261120\.xlsx$/)
    const rows = cells((await open(file)).worksheets[0])
    expect(rows[0][0]).toBe('已加入的个体户：浙江省温州市鹿城区，2026-11-01 至 2026-11-20')
    const header = rows.findIndex((r) => r[0] === '名称（已隐去部分）')
    expect(rows[header]).toEqual(['名称（已隐去部分）', '情况', '日期'])
    expect(rows.slice(header + 1).map((r) => r[0])).toEqual(['张记*馆', '王记*吃', '李家*货', '赵氏*发'])
    expect(rows[header + 1]).toEqual(['张记*馆', '餐饮服务；分型（估算）：生存型；市场：东门市场；最近使用：2026-11-19', '2026-11-05'])
    expect(JSON.stringify(rows)).not.toContain('湖滨')
    // 上城区's export of the same list holds only 上城区's households
    const b = cells((await open(await c.ok('monitor', 'monitor.export', { ...PERIOD, figure: 'households' }, 'mon-reg-b'))).worksheets[0])
    expect(b.slice(b.findIndex((r) => r[0] === '名称（已隐去部分）') + 1).map((r) => r[0])).toEqual(['上城*酒', '湖滨*果'])
    // another region's market is refused before anything is written
    expect((await c.call('monitor', { action: 'monitor.export', payload: { ...PERIOD, figure: 'households', marketId: 'mB1' } }, 'mon-reg-a')).status).toBe(404)
  })

  test('the monthly report: one sheet per group with every figure and how it was counted', async () => {
    const wb = await open(await c.ok('monitor', 'monitor.export', { ...PERIOD, figure: 'monthly' }, 'mon-reg-a'))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['个体户', '年报与证照', '诉求', '开业第一课', '码上贷', '政策推送', '走访问需'])
    const complaints = cells(wb.getWorksheet('诉求')!)
    const row = (label: string) => complaints.find((r) => r[0] === label)
    expect(row('期间收到')?.slice(0, 3)).toEqual(['期间收到', 5, '件'])
    expect(row('平均几天受理')?.slice(0, 4)).toEqual(['平均几天受理', 2.5, '天', '按4件有受理时间记录的诉求计算（自然日）'])
    expect(cells(wb.getWorksheet('走访问需')!).find((r) => r[0] === '走访的个体户')?.slice(0, 2)).toEqual(['走访的个体户', 2])
  })

  test('the 服务月 report as a file: the figures and the report’s words', async () => {
    const r = await c.ok('monitor', 'monitor.serviceMonth', { ...PERIOD, xlsx: true }, 'mon-reg-a')
    expect(r.file.fileName).toMatch(/^服务月报告_/)
    const rows = cells((await open(r.file)).worksheets[0])
    const header = rows.findIndex((x) => x[0] === '项目')
    expect(rows[header]).toEqual(['项目', '数量', '单位', '参照（关于“个体工商户服务月”活动的汇报）'])
    expect(rows.slice(header + 1).map((x) => [x[0], x[1]])).toEqual([
      ['走访个体工商户', 2], ['推送惠企政策', 1], ['政策送达个体户', 2], ['收到诉求', 5], ['诉求办结', 3], ['开业第一课学完全部课程', 1], ['贷款申请', 4], ['贷款获批或已放款', 2]
    ])
  })
})
