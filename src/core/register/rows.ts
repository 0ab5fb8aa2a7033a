/**
 * Rules for one row of a register export (an Excel or CSV file from the registration system):
 * which header names mean which column, and how a row's cells become a register entry or a
 * reason in plain Chinese. Pure: the cloud function reads the file (exceljs / papaparse) and
 * hands the cells in; no Node, Taro or storage here.
 */
import { checkCreditCode, normalizeCreditCode } from '../user/creditCode'
import { isKnownRegion, regionName } from '../region/names'
import { isRegionCode, within } from '../region/code'
import type { AbnormalCause } from '../notice/labels'

export const REGISTER_STATUSES = ['active', 'cancelled', 'revoked', 'other'] as const
export type RegisterStatus = (typeof REGISTER_STATUSES)[number]
export const STATUS_LABELS: Record<RegisterStatus, string> = { active: '存续', cancelled: '已注销', revoked: '已吊销', other: '其他' }

export type RegisterColumn = 'creditCode' | 'name' | 'operatorName' | 'address' | 'registeredOn' | 'status' | 'region' | 'market' | 'abnormal'

/** How the page and the error report name each column. */
export const COLUMN_LABELS: Record<RegisterColumn, string> = {
  creditCode: '统一社会信用代码',
  name: '名称',
  operatorName: '经营者姓名',
  address: '经营场所',
  registeredOn: '成立日期',
  status: '登记状态',
  region: '行政区划',
  market: '所属市场',
  abnormal: '经营异常'
}

/**
 * Header names accepted for each column, after normalizeHeader (spaces, "*", "（必填）" dropped).
 * Exports from different registration systems and versions name them differently; these are the
 * ones a 个体工商户 list commonly carries. The page's help text lists them (HEADER_HELP).
 */
export const HEADER_VARIANTS: Record<RegisterColumn, string[]> = {
  creditCode: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码', '统一社会信用代码/注册号', '注册号/统一社会信用代码'],
  name: ['名称', '字号名称', '个体工商户名称', '字号', '商户名称', '主体名称', '企业名称', '个体户名称'],
  operatorName: ['经营者姓名', '经营者', '经营者名称', '姓名', '负责人'],
  address: ['经营场所', '地址', '经营场所地址', '经营地址', '住所', '住所/经营场所', '经营场所/地址'],
  registeredOn: ['成立日期', '登记日期', '注册日期', '开业日期', '成立时间', '登记时间'],
  status: ['登记状态', '状态', '经营状态', '存续状态', '主体状态'],
  region: ['行政区划', '行政区划代码', '区划代码', '所属区域', '所在地区', '区域'],
  market: ['所属市场', '市场', '市场名称'],
  // #18: the 经营异常 mark and its cause; empty (or 否/无) means not marked
  abnormal: ['经营异常', '经营异常状态', '是否经营异常', '列入经营异常名录原因', '列入经营异常原因', '经营异常原因', '列入原因', '异常名录', '异常原因']
}

/** Columns every file must have; the others are used when present. */
export const REQUIRED_COLUMNS: RegisterColumn[] = ['creditCode', 'name', 'operatorName', 'status']

export const HEADER_HELP = (Object.keys(HEADER_VARIANTS) as RegisterColumn[]).map(
  (c) => `${COLUMN_LABELS[c]}${REQUIRED_COLUMNS.includes(c) ? '（必需）' : '（可选）'}：${HEADER_VARIANTS[c].join('、')}`
)

/** Longest text per field: longer cells are refused, not cut (a cut name would never match). */
export const FIELD_MAX: Partial<Record<RegisterColumn, number>> = { name: 60, operatorName: 30, address: 120, status: 20, region: 40, market: 40, abnormal: 100 }

/** The rows of one file we take at most: a county's register is far smaller. */
export const MAX_ROWS = 200_000
/** The largest file: 200,000 rows of a register export are about 15 MB as .xlsx. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024

export function normalizeHeader(s: unknown): string {
  return cellText(s)
    .replace(/[\s\u3000*＊:：]/g, '')
    .replace(/[（(](必填|选填|可选|必需)[）)]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
}

const VARIANT_OF = new Map<string, RegisterColumn>()
for (const c of Object.keys(HEADER_VARIANTS) as RegisterColumn[]) for (const v of HEADER_VARIANTS[c]) VARIANT_OF.set(normalizeHeader(v), c)

export interface HeaderMatch {
  /** the 0-based row the header is on */
  index: number
  /** column → 0-based cell position */
  columns: Partial<Record<RegisterColumn, number>>
  /** headers present but not used (shown so the regulator knows nothing was read from them) */
  ignored: string[]
}

/** Which columns a row of header cells names; the first of two same-meaning headers wins. */
export function matchHeader(cells: unknown[]): Omit<HeaderMatch, 'index'> {
  const columns: Partial<Record<RegisterColumn, number>> = {}
  const ignored: string[] = []
  cells.forEach((cell, i) => {
    const h = normalizeHeader(cell)
    if (!h) return
    const c = VARIANT_OF.get(h)
    if (c && columns[c] === undefined) columns[c] = i
    else ignored.push(cellText(cell))
  })
  return { columns, ignored }
}

/**
 * The header row: exports often open with a title line ("鹿城区个体工商户名录") or a date, so the
 * first rows are searched for one naming the credit code and the name. null: none found.
 */
export function findHeader(rows: unknown[][], scan = 10): HeaderMatch | null {
  for (let i = 0; i < Math.min(scan, rows.length); i++) {
    const m = matchHeader(rows[i] ?? [])
    if (m.columns.creditCode !== undefined && m.columns.name !== undefined) return { index: i, ...m }
  }
  return null
}

/** Required columns the header lacks, in Chinese, for the whole-file error. */
export const missingColumns = (columns: Partial<Record<RegisterColumn, number>>) => REQUIRED_COLUMNS.filter((c) => columns[c] === undefined).map((c) => COLUMN_LABELS[c])

/** A cell as text: numbers as written, dates as YYYY-MM-DD, anything else trimmed. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (v instanceof Date) return isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)
  return String(v).trim()
}

/** 存续/在业/开业 → active, 注销 → cancelled, 吊销 → revoked, anything else → other (kept as written). */
export function mapStatus(text: string): RegisterStatus {
  const t = text.replace(/\s/g, '')
  // "吊销，未注销" is revoked: 吊销 is checked before 注销
  if (t.includes('吊销')) return 'revoked'
  if (t.includes('注销')) return 'cancelled'
  if (/存续|在业|开业|在营|正常|在册/.test(t)) return 'active'
  return 'other'
}

const ymd = (y: number, m: number, d: number): string | null => {
  const dt = new Date(Date.UTC(y, m - 1, d))
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** Excel's day 0 is 1899-12-30 (it counts a 29 Feb 1900 that never was; from March 1900 this is exact). */
export function excelSerialDate(n: number): string | null {
  if (!Number.isInteger(n) || n < 61 || n > 2958465) return null
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10)
}

/**
 * A registration date in the forms exports use: a real date cell, an Excel serial (45047), or
 * text 2023-05-01 / 2023/5/1 / 2023.5.1 / 2023年5月1日 / 20230501, a time after it ignored.
 * Empty is null (the register may not say); unreadable is an error.
 */
export function parseRegisterDate(v: unknown): { ok: true; date: string | null } | { ok: false } {
  if (v === null || v === undefined || v === '') return { ok: true, date: null }
  if (v instanceof Date) {
    // exceljs gives a date cell as that day's UTC midnight
    if (isNaN(v.getTime())) return { ok: false }
    return { ok: true, date: v.toISOString().slice(0, 10) }
  }
  if (typeof v === 'number') {
    if (/^\d{8}$/.test(String(v))) return parseRegisterDate(String(v))
    const d = excelSerialDate(v)
    return d ? { ok: true, date: d } : { ok: false }
  }
  const s = cellText(v).replace(/\s+\d{1,2}:\d{2}(:\d{2})?(\.\d+)?$/, '').replace(/T.*$/, '')
  if (!s) return { ok: true, date: null }
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s)
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m) {
    const d = ymd(Number(m[1]), Number(m[2]), Number(m[3]))
    return d ? { ok: true, date: d } : { ok: false }
  }
  if (/^\d{5}$/.test(s)) {
    // a date cell saved to CSV as a plain number
    const d = excelSerialDate(Number(s))
    return d ? { ok: true, date: d } : { ok: false }
  }
  return { ok: false }
}

/**
 * The 经营异常 cell: empty, 否, 无, 正常 or 未列入 is not marked (null); otherwise the cause, read
 * from the words the register uses (未按规定报送年度报告 / 通过登记的经营场所无法联系), anything
 * else 'other' with the text kept so the owner sees the register's own words.
 */
export function mapAbnormal(text: string): { cause: AbnormalCause; text: string | null } | null {
  const t = text.replace(/[\s\u3000]/g, '')
  if (!t || /^(否|无|正常|未列入|不是|—|-|\/)$/.test(t)) return null
  if (/年报|年度报告/.test(t)) return { cause: 'annualReport', text: t === '是' ? null : text.trim() }
  if (/无法联系|联系不上/.test(t)) return { cause: 'unreachable', text: text.trim() }
  return { cause: 'other', text: t === '是' ? null : text.trim() }
}

/** A register entry as one row of the file gives it (before the database). */
export interface RegisterRow {
  creditCode: string
  name: string
  operatorName: string
  address: string
  registeredOn: string | null
  status: RegisterStatus
  statusText: string
  region: string
  /** undefined: the file has no 所属市场 column (an existing link is kept); null: the cell is empty */
  marketId?: string | null
  /** #18: undefined: the file has no 经营异常 column (a stored mark is kept); null: not marked */
  abnormalCause?: AbnormalCause | null
  /** the register's own words for the cause (null: none beyond the cause) */
  abnormalText?: string | null
}

export interface MarketRef {
  id: string
  name: string
  region: string
}

export interface RowRules {
  /** the importer's region; null: anywhere (admin) */
  scope: string | null
  /** today's China date: a registration cannot be later */
  today: string
  /** the markets the importer manages, for 所属市场 */
  markets: MarketRef[]
  /** resolves a region written as a name (codeFromText from region/names) */
  regionFromText: (text: string) => string | null
}

export interface RowProblem {
  column: string
  reason: string
}

/** One row's problems, in column order; the first names the column in the report. */
export function normalizeRow(cells: unknown[], columns: Partial<Record<RegisterColumn, number>>, rules: RowRules): { ok: true; row: RegisterRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = []
  const at = (c: RegisterColumn) => (columns[c] === undefined ? undefined : cells[columns[c]!])
  const textOf = (c: RegisterColumn) => cellText(at(c)).replace(/\s+/g, ' ')
  const problem = (c: RegisterColumn, reason: string) => problems.push({ column: COLUMN_LABELS[c], reason })
  const required = (c: RegisterColumn, missing: string) => {
    const t = textOf(c)
    if (!t) problem(c, missing)
    else if (FIELD_MAX[c] && t.length > FIELD_MAX[c]!) problem(c, `${COLUMN_LABELS[c]}超过${FIELD_MAX[c]}个字`)
    return t
  }

  const rawCode = cellText(at('creditCode'))
  let creditCode = ''
  if (!rawCode) problem('creditCode', '缺少统一社会信用代码')
  else {
    const checked = checkCreditCode(rawCode)
    if (checked.ok) creditCode = checked.code
    else if (normalizeCreditCode(rawCode).length === 18 && checked.message.startsWith('第18位')) problem('creditCode', '信用代码校验不通过（第18位校验码不对）')
    else problem('creditCode', `信用代码不对：${checked.message}`)
  }
  const name = required('name', '缺少名称')
  const operatorName = required('operatorName', '缺少经营者姓名')
  const statusText = required('status', '缺少登记状态')
  const address = textOf('address')
  if (address.length > FIELD_MAX.address!) problem('address', `经营场所超过${FIELD_MAX.address}个字`)

  let registeredOn: string | null = null
  const date = parseRegisterDate(at('registeredOn'))
  if (!date.ok) problem('registeredOn', `成立日期“${cellText(at('registeredOn'))}”看不懂，请写成 2023-05-01`)
  else if (date.date && date.date > rules.today) problem('registeredOn', '成立日期晚于今天')
  else if (date.date && date.date < '1949-10-01') problem('registeredOn', '成立日期太早，请核对')
  else registeredOn = date.date

  // the region: the column when the file has it, else the registering office's division in the
  // code (its 3rd to 8th characters)
  let region = ''
  const regionText = textOf('region')
  if (regionText) {
    const code = isRegionCode(regionText) && isKnownRegion(regionText) ? regionText : rules.regionFromText(regionText)
    if (code) region = code
    else problem('region', `行政区划“${regionText}”认不出来，请写6位区划代码（如330302）或完整地名`)
  } else if (creditCode) {
    const fromCode = creditCode.slice(2, 8)
    if (isKnownRegion(fromCode)) region = fromCode
    else problem('region', '信用代码里的区划代码已不在现行区划中，请在文件里加一列“行政区划”')
  }
  if (region && rules.scope && !within(region, rules.scope)) problem('region', `不在您的辖区（${regionName(rules.scope)}）内`)

  let marketId: string | null | undefined
  if (columns.market !== undefined) {
    const marketName = textOf('market')
    if (!marketName) marketId = null
    else {
      let hits = rules.markets.filter((m) => m.name === marketName)
      if (hits.length > 1 && region) hits = hits.filter((m) => m.region === region)
      if (hits.length === 1) marketId = hits[0].id
      else if (!hits.length) problem('market', `没有找到市场“${marketName}”（请先在 市场与摊位 里建好，或清空这一格）`)
      else problem('market', `有几个市场都叫“${marketName}”，请在 市场与摊位 里改名区分`)
    }
  }

  let abnormal: ReturnType<typeof mapAbnormal> | undefined
  if (columns.abnormal !== undefined) {
    const t = textOf('abnormal')
    if (t.length > FIELD_MAX.abnormal!) problem('abnormal', `经营异常超过${FIELD_MAX.abnormal}个字`)
    else abnormal = mapAbnormal(t)
  }

  if (problems.length) return { ok: false, problems }
  const row: RegisterRow = { creditCode, name, operatorName, address, registeredOn, status: mapStatus(statusText), statusText, region }
  if (marketId !== undefined) row.marketId = marketId
  if (abnormal !== undefined) {
    row.abnormalCause = abnormal?.cause ?? null
    row.abnormalText = abnormal?.text ?? null
  }
  return { ok: true, row }
}

/** A row with nothing in it (Excel keeps formatted empty rows): skipped, never an error. */
export const isBlankRow = (cells: unknown[]) => cells.every((c) => cellText(c) === '')

/** The fields an import writes; a row whose fields all equal the stored ones is left alone. */
export const COMPARED: Array<keyof RegisterRow> = ['name', 'operatorName', 'address', 'registeredOn', 'status', 'statusText', 'region', 'marketId', 'abnormalCause', 'abnormalText']

/** The fields of `row` that differ from `stored` (marketId and the 经营异常 pair only when the file had the column). */
export function changedFields(row: RegisterRow, stored: Partial<RegisterRow>): Partial<RegisterRow> {
  const out: Partial<RegisterRow> = {}
  for (const k of COMPARED) {
    if (row[k] === undefined) continue
    if ((stored[k] ?? null) !== (row[k] ?? null)) (out as Record<string, unknown>)[k] = row[k]
  }
  return out
}
