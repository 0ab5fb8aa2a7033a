import ExcelJS from 'exceljs'
import { EXPORT_KEEP_MS, exportCleanupSweep, exportXlsx, type ExportDoc } from '../../cloudfunctions/common/xlsx'
import { testCloud, type TestCloud } from '../helpers/cloud'

/**
 * Staff exports: the Excel file is what exceljs reads back, under a Chinese dated name, served
 * to the person who made it, and gone from storage a day later.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(async () => {
  await cloud.close()
})

const STAFF = 'demo-regulator-1'
const sheets = [
  {
    name: '诉求/按类别',
    notes: ['统计期间：2026-11-01 至 2026-11-30'],
    columns: [{ header: '类别', key: 'label' }, { header: '件数', key: 'n' }],
    rows: [{ label: '乱收费', n: 3 }, { label: '食品安全', n: 0 }, { label: '其他', n: null }]
  },
  { name: '诉求/按类别', columns: [{ header: '类别', key: 'label' }], rows: [] }
]

test('an export is an .xlsx named in Chinese with the date, holding the notes, header and rows as given', async () => {
  cloud.clock.set(new Date('2026-11-21T02:00:00Z'))
  const file = await exportXlsx(cloud.ports, { openid: STAFF, now: cloud.clock.now() }, { fileBase: '鹿城区 诉求统计', sheets })
  expect(file.fileName).toBe('鹿城区诉求统计-20261121.xlsx')
  const res = await fetch(cloud.url + file.url)
  expect(res.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
  // the sheet name lost its slash (Excel refuses it) and the second of the same name got a number
  expect(wb.worksheets.map((w) => w.name)).toEqual(['诉求 按类别', '诉求 按类别（2）'])
  const ws = wb.worksheets[0]
  expect(ws.getRow(1).getCell(1).value).toBe('统计期间：2026-11-01 至 2026-11-30')
  expect([ws.getRow(3).getCell(1).value, ws.getRow(3).getCell(2).value]).toEqual(['类别', '件数'])
  expect([ws.getRow(4).getCell(1).value, ws.getRow(4).getCell(2).value]).toEqual(['乱收费', 3])
  expect([ws.getRow(5).getCell(1).value, ws.getRow(5).getCell(2).value]).toEqual(['食品安全', 0])
  // a missing figure is an empty cell, never "null"
  expect(ws.getRow(6).getCell(2).value ?? '').toBe('')
  const recorded = await cloud.ports.db.collection<ExportDoc>('exports').find({ openid: STAFF })
  expect(recorded).toHaveLength(1)
})

test('exports are deleted from storage a day later, newer ones stay', async () => {
  const t0 = new Date('2026-11-22T02:00:00Z')
  cloud.clock.set(t0)
  const old = await exportXlsx(cloud.ports, { openid: STAFF, now: t0 }, { fileBase: '旧表', sheets })
  const later = new Date(t0.getTime() + EXPORT_KEEP_MS - 60_000)
  const fresh = await exportXlsx(cloud.ports, { openid: STAFF, now: later }, { fileBase: '新表', sheets })
  const r = await exportCleanupSweep.page(cloud.ports, new Date(t0.getTime() + EXPORT_KEEP_MS + 60_000))
  // the first test's export (a day older still) and this one's old one
  expect(r).toEqual({ handled: 2, more: false })
  expect((await fetch(cloud.url + old.url)).status).toBe(404)
  expect((await fetch(cloud.url + fresh.url)).status).toBe(200)
  const left = await cloud.ports.db.collection<ExportDoc>('exports').find({})
  expect(left.map((e) => e.fileName)).toEqual(['新表-20261123.xlsx'])
})
