import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { creditCodeCheckChar } from '../../src/core/user/creditCode'
import { DEMO_REGISTER_CODES } from '../../cloudfunctions/common/demoRegister'
import { testCloud, type TestCloud } from '../helpers/cloud'

/** A valid 个体工商户 code in `region6`, its body from a number. */
const codeOf = (region6: string, n: number) => {
  const first17 = `92${region6}${String(n).padStart(9, '0')}`
  return first17 + creditCodeCheckChar(first17)
}
/** The same code with a wrong check character. */
const badCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0')

const HEADER = '统一社会信用代码,名称,经营者姓名,经营场所,成立日期,登记状态'

describe('register import', () => {
  let c: TestCloud
  beforeAll(async () => {
    c = await testCloud()
  })
  afterAll(() => c.stop())

  /** Stores a file as the phone would (prepare → upload) and returns its file id. */
  async function upload(bytes: Uint8Array, ext: 'csv' | 'xlsx', who = 'demo-regulator'): Promise<string> {
    const { cloudPath } = await c.ok('register', 'register.import.prepare', { ext }, who)
    const res = await fetch(`${c.url}/api/local/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': who },
      body: Buffer.from(bytes)
    })
    const body = (await res.json()) as { fileID: string }
    expect(res.status).toBe(200)
    return body.fileID
  }
  const csv = (text: string) => new TextEncoder().encode(text)
  const preview = async (text: string, who = 'demo-regulator') => c.ok('register', 'register.import.preview', { fileId: await upload(csv(text), 'csv', who) }, who)
  const refusal = async (bytes: Uint8Array, ext: 'csv' | 'xlsx' = 'csv') => {
    const r = await c.call('register', { action: 'register.import.preview', payload: { fileId: await upload(bytes, ext) } }, 'demo-regulator')
    expect(r.body.ok).toBe(false)
    return !r.body.ok ? r.body.error.message : ''
  }
  async function runAll(jobId: string, who = 'demo-regulator') {
    const calls: any[] = []
    for (let i = 0; i < 1000; i++) {
      const p = await c.ok('register', 'register.import.run', { jobId }, who)
      calls.push(p)
      if (p.finished) return { last: p, calls }
    }
    throw new Error('never finished')
  }

  test('the local seed loaded the demo register: both demo owners and businesses that never joined', async () => {
    const list = await c.ok('register', 'register.list', {}, 'demo-regulator')
    expect(list.total).toBe(DEMO_REGISTER_CODES.length)
    const names = list.items.map((i: any) => i.name)
    expect(names).toEqual(expect.arrayContaining(['鹿城区张记面馆', '鹿城区小李水果店', '鹿城区王阿姨早餐店']))
    const owner = await c.ports.db.collection('owners').get('demo-owner-1')
    const entry = await c.ports.db.collection<any>('register').get((owner as any).profile.creditCode)
    expect(entry).toMatchObject({ name: '鹿城区张记面馆', status: 'active', region: '330302', marketId: 'demo-market-1' })
    // staff views mask the operator's name
    expect(list.items.find((i: any) => i.name === '鹿城区张记面馆').operatorName).toBe('张*国')
    expect(list.items.find((i: any) => i.name === '鹿城区老周修鞋摊').status).toBe('cancelled')
  })

  test('preview: every bad row in the report with its row number and a Chinese reason; nothing written before run', async () => {
    const good = codeOf('330302', 1001)
    const text = [
      '鹿城区个体工商户名录（导出于2026年）',
      HEADER + ',行政区划',
      `${good},好的店,张三,东门街1号,2023/5/1,存续（在营、开业、在册）,`,
      `${badCheck(codeOf('330302', 1002))},校验错,李四,东门街2号,2023-05-02,存续,`,
      `${good},重复店,王五,东门街3号,45000,在业,`,
      `${codeOf('330302', 1003)},,赵六,东门街4号,,存续,`,
      `${codeOf('330302', 1004)},无人店,,东门街5号,2020年1月2日,吊销，未注销,`,
      `${codeOf('330304', 1005)},外区店,钱七,瓯海某路,20200102,存续,`,
      ',,,,,,',
      `${codeOf('330302', 1006)},日期错,孙八,东门街6号,去年,注销,`,
      `${codeOf('330302', 1007)},区划名,周九,东门街7号,2021-01-01,迁出,温州市鹿城区`
    ].join('\r\n')
    const p = await preview(text)
    expect(p).toMatchObject({ rows: 8, valid: 2, errors: 6, willAdd: 2, willUpdate: 0, unchanged: 0 })
    expect(p.columns).toEqual(['统一社会信用代码', '名称', '经营者姓名', '经营场所', '成立日期', '登记状态', '行政区划'])
    expect(p.errorsPage).toEqual({
      items: [
        { row: 4, column: '统一社会信用代码', reason: '信用代码校验不通过（第18位校验码不对）' },
        { row: 5, column: '统一社会信用代码', reason: '文件里重复（与第3行）' },
        { row: 6, column: '名称', reason: '缺少名称' },
        { row: 7, column: '经营者姓名', reason: '缺少经营者姓名' },
        { row: 8, column: '行政区划', reason: '不在您的辖区（浙江省温州市鹿城区）内' },
        { row: 10, column: '成立日期', reason: '成立日期“去年”看不懂，请写成 2023-05-01' }
      ],
      total: 6,
      nextCursor: null
    })
    expect(p.sample.map((s: any) => [s.name, s.registeredOn, s.status, s.statusText, s.regionName])).toEqual([
      ['好的店', '2023-05-01', 'active', '存续（在营、开业、在册）', '浙江省温州市鹿城区'],
      ['区划名', '2021-01-01', 'other', '迁出', '浙江省温州市鹿城区']
    ])
    expect(await c.ports.db.collection('register').get(good)).toBeNull()
    const done = await runAll(p.jobId)
    expect(done.last).toMatchObject({ done: 2, total: 2, added: 2, updated: 0, unchanged: 0, finished: true })
    expect(await c.ports.db.collection('register').get(good)).toMatchObject({ name: '好的店', operatorName: '张三', registeredOn: '2023-05-01', importId: p.jobId })
  })

  test('re-import: the same file twice changes nothing; a changed name is updated; nothing doubled, nothing deleted', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${codeOf('330302', 2000 + i)},店${i},经营者${i},某街${i}号,2022-01-01,存续`)
    const first = await preview([HEADER, ...rows].join('\n'))
    expect(first).toMatchObject({ valid: 30, willAdd: 30 })
    expect((await runAll(first.jobId)).last).toMatchObject({ added: 30, updated: 0, unchanged: 0 })
    const count = await c.ports.db.collection('register').count({})

    const again = await preview([HEADER, ...rows].join('\n'))
    expect(again.jobId).not.toBe(first.jobId)
    expect(again).toMatchObject({ willAdd: 0, willUpdate: 0, unchanged: 30 })
    expect((await runAll(again.jobId)).last).toMatchObject({ added: 0, updated: 0, unchanged: 30, finished: true })
    expect(await c.ports.db.collection('register').count({})).toBe(count)

    // row 3 renamed, row 4 cancelled, the last 10 absent from the new file: those stay
    const changed = rows.slice(0, 20).map((r, i) => (i === 3 ? r.replace('店3,', '新店3,') : i === 4 ? r.replace(/存续$/, '注销') : r))
    const third = await preview([HEADER, ...changed].join('\n'))
    expect(third).toMatchObject({ willAdd: 0, willUpdate: 2, unchanged: 18 })
    expect((await runAll(third.jobId)).last).toMatchObject({ added: 0, updated: 2, unchanged: 18 })
    expect(await c.ports.db.collection('register').count({})).toBe(count)
    expect(await c.ports.db.collection('register').get(codeOf('330302', 2003))).toMatchObject({ name: '新店3', importId: third.jobId })
    expect(await c.ports.db.collection('register').get(codeOf('330302', 2004))).toMatchObject({ status: 'cancelled', statusText: '注销' })
    expect(await c.ports.db.collection('register').get(codeOf('330302', 2029))).toMatchObject({ name: '店29', importId: first.jobId })

    // previewing the same uploaded file again (a retried call) is the same job, not a second one
    const fileId = await upload(csv([HEADER, ...rows].join('\n')), 'csv')
    const a = await c.ok('register', 'register.import.preview', { fileId }, 'demo-regulator')
    const b = await c.ok('register', 'register.import.preview', { fileId }, 'demo-regulator')
    expect(b.jobId).toBe(a.jobId)
  })

  test('clear refusals: wrong type, empty, no header, missing columns, old .xls, a file not in the caller’s folder', async () => {
    expect(await refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).toBe('文件类型不对，只能导入 Excel（.xlsx）或 CSV 文件')
    expect(await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).toMatch(/旧版 Excel/)
    expect(await refusal(csv('\n\n,,\n'))).toBe('文件是空的，请重新导出后再选')
    expect(await refusal(csv('甲,乙,丙\n1,2,3\n'))).toMatch(/^没有找到表头/)
    expect(await refusal(csv('信用代码,字号名称\n'))).toBe('文件缺少这些列：经营者姓名、登记状态（列名写法见下方说明）')
    expect(await refusal(csv(`${HEADER}\n`))).toBe('文件里只有表头，没有数据')
    expect(await refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'xlsx')).toMatch(/打不开/)
    // someone else's file, or one outside the register folder
    const theirs = await upload(csv(`${HEADER}\n`), 'csv', 'demo-supervisor')
    const r = await c.call('register', { action: 'register.import.preview', payload: { fileId: theirs } }, 'demo-regulator')
    expect(!r.body.ok && r.body.error.message).toBe('文件存放的位置不对，请重新选择文件')
    // a job of another regulator is not found
    const p = await preview(`${HEADER}\n${codeOf('330302', 3001)},甲,乙,丙,,存续\n`)
    const other = await c.call('register', { action: 'register.import.run', payload: { jobId: p.jobId } }, 'demo-supervisor')
    expect(!other.body.ok && other.body.error.code).toBe('NOT_FOUND')
    // owners cannot import or read the register
    const owner = await c.call('register', { action: 'register.list', payload: {} }, 'demo-owner-1')
    expect(owner.status).toBe(403)
  })

  test('a GB18030 CSV (Excel’s Chinese “CSV”) reads the same as UTF-8', async () => {
    const code = codeOf('330302', 4001)
    const bytes = iconv.encode(`统一社会信用代码,名称,经营者姓名,登记状态\r\n${code},测试,张三,存续\r\n`, 'gb18030')
    const p = await c.ok('register', 'register.import.preview', { fileId: await upload(new Uint8Array(bytes), 'csv') }, 'demo-regulator')
    expect(p).toMatchObject({ valid: 1, errors: 0 })
    expect(p.sample[0]).toMatchObject({ name: '测试', statusText: '存续', status: 'active' })
  })

  test('list: search by name or code prefix, by market, paged with a cursor and a total; a regulator sees their region only', async () => {
    const byName = await c.ok('register', 'register.list', { q: '鹿城区王' }, 'demo-regulator')
    expect(byName.items.map((i: any) => i.name)).toEqual(['鹿城区王阿姨早餐店'])
    const byCode = await c.ok('register', 'register.list', { q: DEMO_REGISTER_CODES[0].slice(0, 14).toLowerCase() }, 'demo-regulator')
    expect(byCode.items[0].creditCode).toBe(DEMO_REGISTER_CODES[0])
    const market = await c.ok('register', 'register.list', { marketId: 'demo-market-2' }, 'demo-regulator')
    expect(market.items.map((i: any) => i.marketName)).toEqual(['城南小商品市场', '城南小商品市场'])
    const seen: string[] = []
    let cursor: string | undefined
    let total = 0
    do {
      const page = await c.ok('register', 'register.list', { limit: 7, ...(cursor ? { cursor } : {}) }, 'demo-regulator')
      total = page.total
      seen.push(...page.items.map((i: any) => i.creditCode))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen.length).toBe(total)
    expect(new Set(seen).size).toBe(total)
    expect([...seen].sort()).toEqual(seen)
    // 鹿城区's regulator never sees another county's entries
    await c.ports.db.collection('register').set(codeOf('330304', 5001), { creditCode: codeOf('330304', 5001), name: '瓯海店', operatorName: '某', address: '', registeredOn: null, status: 'active', statusText: '存续', region: '330304', marketId: null, importId: 'x', importedAt: '', updatedAt: '' } as never)
    expect((await c.ok('register', 'register.list', { q: '瓯海' }, 'demo-regulator')).total).toBe(0)
    expect((await c.ok('register', 'register.list', { q: '瓯海' }, 'demo-admin')).total).toBe(1)
  })

  test('100,000 rows from an .xlsx import across several run calls with exact counts', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('名录')
    ws.addRow(['统一社会信用代码', '字号名称', '经营者', '经营场所', '登记日期', '登记状态'])
    const N = 100_000
    for (let i = 0; i < N; i++) ws.addRow([codeOf('330302', 100_000 + i), `测试店${i}`, `经营者${i}`, `测试路${i}号`, new Date(Date.UTC(2020, 0, 1 + (i % 1000))), i % 10 ? '存续' : '注销'])
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const before = await c.ports.db.collection('register').count({})
    const p = await c.ok('register', 'register.import.preview', { fileId: await upload(bytes, 'xlsx') }, 'demo-regulator')
    expect(p).toMatchObject({ rows: N, valid: N, errors: 0, willAdd: N })
    expect(p.sample[0]).toMatchObject({ name: '测试店0', registeredOn: '2020-01-01', status: 'cancelled' })
    // a short budget, so the import needs several calls as a real one over 40 s would
    c.ports.config.registerRunBudgetMs = 1500
    try {
      const { last, calls } = await runAll(p.jobId)
      expect(calls.length).toBeGreaterThan(2)
      expect(last).toMatchObject({ done: N, total: N, added: N, updated: 0, unchanged: 0, finished: true })
      // progress only goes forward
      const dones = calls.map((x) => x.done)
      expect([...dones].sort((a, b) => a - b)).toEqual(dones)
    } finally {
      delete c.ports.config.registerRunBudgetMs
    }
    expect(await c.ports.db.collection('register').count({})).toBe(before + N)
    expect(await c.ports.db.collection('register').get(codeOf('330302', 100_000 + 12345))).toMatchObject({ name: '测试店12345', registeredOn: '2020-12-11', status: 'active' })
  }, 600_000)
})
