/**
 * Reads a register export into rows of plain cells. Maintained parsers, not our own: exceljs
 * (.xlsx, its streaming reader, so a 100,000-row sheet never sits in memory as a workbook) and
 * papaparse (.csv: quotes, commas and line breaks inside cells). Both run here in the function,
 * never in the mini-program (their size, and the phone would have to hold the whole file).
 */
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { Readable } from 'node:stream'
import { invalid } from '../common/errors'

export type FileKind = 'xlsx' | 'csv'

/** One row as Excel numbers it (the header counts), and its cells from column A on. */
export interface SheetRow {
  n: number
  cells: unknown[]
}

/**
 * What the bytes are, whatever the name says: an .xlsx is a ZIP, an old .xls an OLE file
 * (which we cannot read: the regulator saves it again), a CSV is text.
 */
export function kindOf(bytes: Uint8Array): FileKind {
  if (!bytes.length) throw invalid('文件是空的，请重新导出后再选', 'fileId')
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx'
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw invalid('这是旧版 Excel（.xls）文件，请在 Excel 里“另存为” .xlsx 或 CSV 后再导入', 'fileId')
  }
  // text has no NUL bytes; a picture, PDF or Word file does (or starts with its own signature)
  const head = bytes.subarray(0, 4096)
  if (head.includes(0) || (bytes[0] === 0x25 && bytes[1] === 0x50)) throw invalid('文件类型不对，只能导入 Excel（.xlsx）或 CSV 文件', 'fileId')
  return 'csv'
}

/** CSV text: UTF-8 (with or without BOM), else GB18030, which Excel in Chinese saves CSV as. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/** An exceljs cell value as a plain value: rich text as its text, a formula as its result. */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null
  if (typeof v !== 'object' || v instanceof Date) return v
  const o = v as Record<string, unknown>
  if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('')
  if ('result' in o) return plain(o.result)
  if ('text' in o) return plain(o.text)
  if ('error' in o) return null
  return String(v)
}

async function* xlsxRows(bytes: Uint8Array): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache',
    // date cells are told apart by their number format
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit'
  })
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        // row.values is 1-based (index 0 empty)
        const values = (row.values as unknown[]) ?? []
        yield { n: row.number, cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => plain(values[i + 1])) }
      }
      // the first sheet only: a second one is usually notes or a summary
      return
    }
  } catch (err) {
    if (err && typeof err === 'object' && 'code' in err && (err as { code: string }).code === 'INVALID_INPUT') throw err
    throw invalid('这个 Excel 文件打不开，可能已损坏，请重新导出后再试', 'fileId')
  }
}

function* csvRows(bytes: Uint8Array): Generator<SheetRow> {
  const parsed = Papa.parse<string[]>(decodeText(bytes), { skipEmptyLines: false })
  const rows = parsed.data
  for (let i = 0; i < rows.length; i++) yield { n: i + 1, cells: rows[i] }
}

export function readRows(bytes: Uint8Array, kind: FileKind): AsyncIterable<SheetRow> | Iterable<SheetRow> {
  return kind === 'xlsx' ? xlsxRows(bytes) : csvRows(bytes)
}
