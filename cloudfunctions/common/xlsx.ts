import ExcelJS from 'exceljs'
import { chinaDate } from '../../src/core/common/time'
import type { Context } from './context'
import { cmd, type Doc, type Ports } from './ports'
import type { Sweep } from './sweep'

/**
 * Staff exports as Excel files (exceljs, the maintained writer the register import already reads
 * with). The file goes to storage under the caller's own folder and is recorded in `exports`, so
 * exportCleanupSweep deletes it a day later: an export can hold personal data (masked, but still),
 * and nobody needs yesterday's copy in the cloud — the person keeps what they downloaded.
 */
export interface XlsxColumn {
  header: string
  key: string
  width?: number
}
export interface XlsxSheet {
  /** Excel allows 31 characters and none of : \ / ? * [ ] */
  name: string
  columns: XlsxColumn[]
  rows: Array<Record<string, string | number | null>>
  /** lines above the table (what the figures are, the period, where they come from) */
  notes?: string[]
}
export interface ExportFile {
  /**
   * where the client fetches the file: a cloud fileID (`cloud://…`, fetched with
   * wx.cloud.downloadFile, which needs no download-domain setting) or a URL (the local cloud)
   */
  url: string
  /** what the person sees as the file's name: Chinese, dated, `.xlsx` */
  fileName: string
}
export interface ExportDoc extends Doc {
  openid: string
  fileId: string
  fileName: string
  createdAt: string
}

/** How long an export stays in cloud storage. */
export const EXPORT_KEEP_MS = 24 * 3600_000
const MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || '表'
/** A file name any phone and PC accepts: no path characters, kept short. */
export const fileBaseOf = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40) || '导出'

export async function xlsxBytes(sheets: XlsxSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '个体工商户服务'
  const used = new Set<string>()
  for (const s of sheets) {
    let name = sheetName(s.name)
    for (let i = 2; used.has(name); i++) name = sheetName(`${s.name.slice(0, 27)}（${i}）`)
    used.add(name)
    const ws = wb.addWorksheet(name)
    for (const note of s.notes ?? []) ws.addRow([note])
    if (s.notes?.length) ws.addRow([])
    const header = ws.addRow(s.columns.map((c) => c.header))
    header.font = { bold: true }
    s.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width ?? Math.max(10, [...c.header].length * 2 + 2)))
    for (const r of s.rows) ws.addRow(s.columns.map((c) => r[c.key] ?? ''))
    // the header stays in view while scrolling a long list
    ws.views = [{ state: 'frozen', ySplit: header.number }]
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

export async function exportXlsx(ports: Ports, ctx: Pick<Context, 'openid' | 'now'>, file: { fileBase: string; sheets: XlsxSheet[] }): Promise<ExportFile> {
  const bytes = await xlsxBytes(file.sheets)
  const fileName = `${fileBaseOf(file.fileBase)}-${chinaDate(ctx.now).replace(/-/g, '')}.xlsx`
  // the time keeps two exports of one minute apart; the name is ASCII so every storage takes it
  const path = `exports/${ctx.openid}/${ctx.now.getTime()}-${Math.random().toString(36).slice(2, 8)}.xlsx`
  const fileId = await ports.storage.put(path, bytes, MIME)
  await ports.db.collection<ExportDoc>('exports').add({ openid: ctx.openid, fileId, fileName, createdAt: ctx.now.toISOString() })
  const url = fileId.startsWith('cloud://') ? fileId : (await ports.storage.urls([fileId]))[0]
  return { url, fileName }
}

const PAGE = 100

/** Deletes exports older than EXPORT_KEEP_MS (files first, then their records). */
export const exportCleanupSweep: Sweep = {
  name: 'export-cleanup',
  async page(ports, now) {
    const cutoff = new Date(now.getTime() - EXPORT_KEEP_MS).toISOString()
    const old = await ports.db.collection<ExportDoc>('exports').find({ createdAt: cmd.lt(cutoff) }, { orderBy: [['createdAt', 'asc']], limit: PAGE })
    if (!old.length) return { handled: 0, more: false }
    const gone = new Set(await ports.storage.remove(old.map((e) => e.fileId)))
    let handled = 0
    for (const e of old) if (gone.has(e.fileId) && (await ports.db.collection('exports').remove(e._id))) handled++
    // storage refusing every file: the rest waits for the next run rather than spinning
    return { handled, more: old.length === PAGE && handled > 0 }
  }
}
