import { maskName } from '../../src/core/course/certificateCode'
import { regionPrefix } from '../../src/core/region/code'
import { codeFromText, regionName } from '../../src/core/region/names'
import {
  COLUMN_LABELS,
  findHeader,
  isBlankRow,
  MAX_FILE_BYTES,
  MAX_ROWS,
  missingColumns,
  normalizeRow,
  changedFields,
  type MarketRef,
  type RegisterColumn,
  type RegisterRow
} from '../../src/core/register/rows'
import { BATCH, insertMany, pool } from '../common/bulk'
import type { Context } from '../common/context'
import { forbidden, invalid, notFound } from '../common/errors'
import { decodeCursor, encodeCursor } from '../common/paging'
import { cmd, type Where } from '../common/ports'
import { defineFunction } from '../common/router'
import { markets } from '../user/owners'
import { syncFromRegister } from '../notice/repairs'
import { kindOf, readRows, type SheetRow } from './read'
import { chunkId, chunks, CHUNK, imports, jobIdOf, register, registerFolder, type ChunkDoc, type ImportDoc, type RegisterDoc, type RowError } from './store'

/** Time one run call spends writing before it answers with progress (the function's timeout is 60 s). */
export const RUN_BUDGET_MS = 40_000
/** Error entries per page of the report. */
export const ERRORS_PAGE = 50
/** Rows the preview shows. */
const SAMPLE = 5
/** Reads and writes in flight at once while a preview stores and classifies its chunks. */
const PARALLEL = 4

const entryView = (r: RegisterRow, marketName: string | null) => ({
  creditCode: r.creditCode,
  name: r.name,
  operatorName: maskName(r.operatorName),
  address: r.address,
  registeredOn: r.registeredOn,
  status: r.status,
  statusText: r.statusText,
  region: r.region,
  regionName: regionName(r.region),
  marketName
})

/** The job, if it is the caller's (an admin sees any): someone else's is "not found". */
async function jobFor(ctx: Context, jobId: string): Promise<ImportDoc> {
  const job = await imports(ctx.db).get(jobId)
  if (!job || (job.by !== ctx.openid && ctx.role !== 'admin')) throw notFound('没有找到这次导入，请重新选择文件')
  return job
}

async function errorsPage(ctx: Context, job: ImportDoc, cursor?: string) {
  const from = cursor ? Number(decodeCursor(cursor, 'p', 1)[0]) + 1 : 0
  if (!Number.isInteger(from) || from < 0) throw invalid('列表位置不对，请刷新后再试', 'cursor')
  const items: RowError[] = []
  // the report never changes once made, so a position in it is stable
  for (let i = from; items.length < ERRORS_PAGE && i < job.errors; ) {
    const c = await chunks(ctx.db).get(chunkId(job._id, 'errors', Math.floor(i / CHUNK)))
    const list = c?.errors ?? []
    const start = i % CHUNK
    const take = list.slice(start, start + ERRORS_PAGE - items.length)
    if (!take.length) break
    items.push(...take)
    i += take.length
  }
  const last = from + items.length - 1
  return { items, total: job.errors, nextCursor: last + 1 < job.errors && items.length ? encodeCursor('p', [String(last)]) : null }
}

/** Market names for a page of entries: one query. */
async function marketNames(ctx: Context, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))]
  if (!unique.length) return new Map()
  return new Map((await markets(ctx).find({ _id: cmd.in(unique) }, { limit: unique.length })).map((m) => [m._id, m.name]))
}

async function previewView(ctx: Context, job: ImportDoc) {
  const names = await marketNames(ctx, job.sample.map((r) => r.marketId))
  return {
    jobId: job._id,
    rows: job.rows,
    valid: job.valid,
    errors: job.errors,
    willAdd: job.willAdd,
    willUpdate: job.willUpdate,
    unchanged: job.unchanged,
    columns: job.columns,
    ignored: job.ignored,
    sample: job.sample.map((r) => entryView(r, r.marketId ? names.get(r.marketId) ?? null : null)),
    errorsPage: await errorsPage(ctx, job)
  }
}

/** Progress from the chunks themselves (one query), so it is right after any crash. */
async function progress(ctx: Context, job: ImportDoc) {
  if (job.state === 'finished' && job.result) return { done: job.valid, total: job.valid, ...job.result, finished: true }
  const list = await chunks(ctx.db).find({ jobId: job._id, kind: 'rows' }, { fields: ['state', 'size', 'added', 'updated', 'unchanged'], limit: BATCH })
  const p = { done: 0, total: job.valid, added: 0, updated: 0, unchanged: 0, finished: false }
  for (const c of list) {
    if (c.state !== 'done') continue
    p.done += c.size
    p.added += c.added ?? 0
    p.updated += c.updated ?? 0
    p.unchanged += c.unchanged ?? 0
  }
  return p
}

/**
 * Writes one chunk: reads which of its codes exist (one `in` query), adds the new ones in one
 * bulk add, updates only the entries whose content changed (nothing else is touched), then marks
 * the chunk done. Every step is safe to repeat after a crash; the counts are those planned before
 * the first write.
 */
async function writeChunk(ctx: Context, job: ImportDoc, c: ChunkDoc) {
  const rows = c.rows ?? []
  const at = ctx.now.toISOString()
  const found = await register(ctx.db).find({ _id: cmd.in(rows.map((r) => r.creditCode)) }, { limit: BATCH })
  const stored = new Map(found.map((d) => [d._id, d]))
  const adds: RegisterDoc[] = []
  const updates: Array<[string, Partial<RegisterRow>]> = []
  let unchanged = 0
  for (const r of rows) {
    const s = stored.get(r.creditCode)
    if (!s) {
      adds.push({ _id: r.creditCode, ...r, marketId: r.marketId ?? null, importId: job._id, importedAt: at, updatedAt: at })
      continue
    }
    const diff = changedFields(r, s)
    if (Object.keys(diff).length) updates.push([r.creditCode, diff])
    else unchanged++
  }
  // #18: a 经营异常 mark that appeared or went away becomes a credit-repair record (or clears one)
  // before the register is written: both are idempotent, so a run after a crash syncs the same rows
  const abnormal = rows.flatMap((r) => {
    if (r.abnormalCause === undefined) return []
    const s = stored.get(r.creditCode)
    const was = s?.abnormalCause ?? null
    if (s ? was === r.abnormalCause && (s.abnormalText ?? null) === (r.abnormalText ?? null) : !r.abnormalCause) return []
    return [{ creditCode: r.creditCode, name: r.name, region: r.region, cause: r.abnormalCause, text: r.abnormalText ?? null, was }]
  })
  if (abnormal.length) await syncFromRegister(ctx.ports, ctx.now, abnormal)
  let planned = c.planned
  if (!planned) {
    planned = { added: adds.length, updated: updates.length, unchanged }
    await chunks(ctx.db).update(c._id, { planned })
  }
  // an entry another import added meanwhile counts as there: never a second copy
  if (adds.length) await insertMany(register(ctx.db), adds)
  await pool(updates, 10, ([id, diff]) => register(ctx.db).update(id, { ...diff, importId: job._id, importedAt: at, updatedAt: at }))
  await chunks(ctx.db).update(c._id, { state: 'done', ...planned })
}

/** Where the row's region comes from when the file names a place: the region library. */
const regionFromText = (t: string) => codeFromText(t)

export default defineFunction('register', {
  async 'register.import.prepare'(ctx, { ext }) {
    const name = `${ctx.now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`
    return { cloudPath: `${registerFolder(ctx.openid)}/${name}.${ext}`, maxBytes: MAX_FILE_BYTES }
  },

  async 'register.import.preview'(ctx, { fileId }) {
    const jobId = jobIdOf(ctx.openid, fileId)
    const prior = await imports(ctx.db).get(jobId)
    if (prior) return previewView(ctx, prior)

    // only a file the caller stored in their own folder, at a path prepare issued
    const path = ctx.ports.storage.pathOf(fileId)
    if (!path || !path.startsWith(`${registerFolder(ctx.openid)}/`)) throw invalid('文件存放的位置不对，请重新选择文件', 'fileId')
    let bytes: Uint8Array | null
    try {
      bytes = await ctx.ports.storage.download(fileId)
    } catch (err) {
      ctx.ports.log.error('register file download failed', err)
      throw invalid('文件读取失败（云存储出错），请稍后重新选择文件', 'fileId')
    }
    if (!bytes) throw invalid('文件没有传上去，请重新选择文件', 'fileId')
    if (bytes.length > MAX_FILE_BYTES) throw invalid(`文件太大，不能超过${MAX_FILE_BYTES / 1024 / 1024}MB，请分成几个文件导入`, 'fileId')
    const kind = kindOf(bytes)

    const scope = ctx.staff?.region ?? null
    const marketList: MarketRef[] = (await markets(ctx).find(scope ? { region: cmd.prefix(regionPrefix(scope)) } : {}, { limit: BATCH })).map((m) => ({ id: m._id, name: m.name, region: m.region }))
    const rules = { scope, today: ctx.today, markets: marketList, regionFromText }

    const head: SheetRow[] = []
    let header: ReturnType<typeof findHeader> = null
    const valid: RegisterRow[] = []
    const errors: RowError[] = []
    const firstRow = new Map<string, number>()
    let rows = 0
    const take = (r: SheetRow) => {
      if (isBlankRow(r.cells)) return
      if (++rows > MAX_ROWS) throw invalid(`文件超过${MAX_ROWS.toLocaleString('en-US')}行，请分成几个文件导入`, 'fileId')
      const res = normalizeRow(r.cells, header!.columns, rules)
      // a code seen before is a duplicate, whatever else is wrong with either row
      const code = res.ok ? res.row.creditCode : null
      const seen = code ? firstRow.get(code) : undefined
      if (code && seen === undefined) firstRow.set(code, r.n)
      if (seen !== undefined) {
        errors.push({ row: r.n, column: COLUMN_LABELS.creditCode, reason: `文件里重复（与第${seen}行）` })
        return
      }
      if (res.ok) valid.push(res.row)
      else errors.push({ row: r.n, column: res.problems[0].column, reason: res.problems.map((p) => p.reason).join('；') })
    }
    for await (const r of readRows(bytes, kind)) {
      if (!header) {
        head.push(r)
        const found = findHeader(head.map((h) => h.cells))
        if (found) {
          header = found
          for (const h of head.slice(found.index + 1)) take(h)
        } else if (head.length >= 10) break
        continue
      }
      take(r)
    }
    if (!header) {
      if (!head.some((h) => !isBlankRow(h.cells))) throw invalid('文件是空的，请重新导出后再选', 'fileId')
      throw invalid('没有找到表头：文件前10行里要有“统一社会信用代码”“名称”这样的列名（见下方说明）', 'fileId')
    }
    const missing = missingColumns(header.columns)
    if (missing.length) throw invalid(`文件缺少这些列：${missing.join('、')}（列名写法见下方说明）`, 'fileId')
    if (!rows) throw invalid('文件里只有表头，没有数据', 'fileId')

    // the good rows and the report in chunks, then what each chunk would do
    const rowChunks: RegisterRow[][] = []
    for (let i = 0; i < valid.length; i += CHUNK) rowChunks.push(valid.slice(i, i + CHUNK))
    const errorChunks: RowError[][] = []
    for (let i = 0; i < errors.length; i += CHUNK) errorChunks.push(errors.slice(i, i + CHUNK))
    const counts = { willAdd: 0, willUpdate: 0, unchanged: 0 }
    await pool(rowChunks, PARALLEL, async (list) => {
      const found = await register(ctx.db).find({ _id: cmd.in(list.map((r) => r.creditCode)) }, { limit: BATCH })
      const stored = new Map(found.map((d) => [d._id, d]))
      for (const r of list) {
        const s = stored.get(r.creditCode)
        if (!s) counts.willAdd++
        else if (Object.keys(changedFields(r, s)).length) counts.willUpdate++
        else counts.unchanged++
      }
    })
    const chunkDocs: ChunkDoc[] = [
      ...rowChunks.map((list, index) => ({ _id: chunkId(jobId, 'rows', index), jobId, kind: 'rows' as const, index, size: list.length, rows: list, state: 'pending' as const, planned: null })),
      ...errorChunks.map((list, index) => ({ _id: chunkId(jobId, 'errors', index), jobId, kind: 'errors' as const, index, size: list.length, errors: list, state: 'done' as const }))
    ]
    // set, not add: a preview retried after a crash rewrites the same chunks
    await pool(chunkDocs, PARALLEL, ({ _id, ...doc }) => chunks(ctx.db).set(_id, doc))
    const cols = (Object.keys(header.columns) as RegisterColumn[]).sort((a, b) => header!.columns[a]! - header!.columns[b]!)
    const job: ImportDoc = {
      _id: jobId,
      by: ctx.openid,
      scope,
      fileId,
      state: 'previewed',
      rows,
      valid: valid.length,
      errors: errors.length,
      ...counts,
      columns: cols.map((c) => COLUMN_LABELS[c]),
      ignored: header.ignored.slice(0, 20),
      sample: valid.slice(0, SAMPLE),
      rowChunks: rowChunks.length,
      errorChunks: errorChunks.length,
      leaseUntil: '',
      createdAt: ctx.now.toISOString(),
      finishedAt: null,
      result: null
    }
    // the job last: it exists only once everything it names is stored
    const { _id, ...doc } = job
    await imports(ctx.db).set(_id, doc)
    return previewView(ctx, job)
  },

  async 'register.import.errors'(ctx, { jobId, cursor }) {
    return errorsPage(ctx, await jobFor(ctx, jobId), cursor)
  },

  async 'register.import.run'(ctx, { jobId }) {
    const job = await jobFor(ctx, jobId)
    if (job.scope !== (ctx.staff?.region ?? null) && ctx.role !== 'admin') throw forbidden('您的辖区已变更，请重新导入')
    if (job.state === 'finished') return progress(ctx, job)
    // one run at a time: a second tap (or a retried call) while one runs only reports progress
    const leaseUntil = new Date(ctx.now.getTime() + 60_000).toISOString()
    const held = await imports(ctx.db).updateWhere({ _id: jobId, state: 'previewed', leaseUntil: cmd.lt(ctx.now.toISOString()) }, { leaseUntil })
    if (held !== 1) return progress(ctx, job)
    const started = Date.now()
    const budget = ctx.ports.config.registerRunBudgetMs ?? RUN_BUDGET_MS
    try {
      const pending = await chunks(ctx.db).find({ jobId, kind: 'rows', state: 'pending' }, { orderBy: [['index', 'asc']], fields: ['index'], limit: BATCH })
      for (const p of pending) {
        if (Date.now() - started >= budget) break
        const c = await chunks(ctx.db).get(p._id)
        if (!c || c.state === 'done') continue
        await writeChunk(ctx, job, c)
      }
      const now = await progress(ctx, job)
      if (now.done >= now.total) {
        const result = { added: now.added, updated: now.updated, unchanged: now.unchanged }
        await imports(ctx.db).update(jobId, { state: 'finished', finishedAt: ctx.now.toISOString(), result, leaseUntil: '' })
        // the rows were only kept for the run: the register holds them now
        await chunks(ctx.db).updateWhere({ jobId, kind: 'rows' }, { rows: [] })
        return { ...now, finished: true }
      }
      return now
    } finally {
      await imports(ctx.db).updateWhere({ _id: jobId, leaseUntil }, { leaseUntil: '' })
    }
  },

  async 'register.list'(ctx, { q, marketId, cursor, limit }) {
    const scope = ctx.staff?.region ?? null
    const where: Where = {}
    if (scope) where.region = cmd.prefix(regionPrefix(scope))
    if (marketId) where.marketId = marketId
    const query = (q ?? '').replace(/[\s\u3000]/g, '')
    // a code is letters and digits only; a name has Chinese in it
    if (query && /^[0-9A-Za-z]+$/.test(query)) where.creditCode = cmd.prefix(query.toUpperCase())
    else if (query) where.name = cmd.prefix(query)
    // ordered by credit code; the cursor is the last code shown
    const after = cursor ? decodeCursor(cursor, 'p', 1)[0] : null
    const [found, total] = await Promise.all([
      register(ctx.db).find(after ? { ...where, _id: cmd.gt(after) } : where, { orderBy: [['_id', 'asc']], limit: limit + 1 }),
      register(ctx.db).count(where)
    ])
    const items = found.slice(0, limit)
    const names = await marketNames(ctx, items.map((d) => d.marketId))
    return {
      items: items.map((d) => entryView(d, d.marketId ? names.get(d.marketId) ?? null : null)),
      total,
      nextCursor: found.length > limit ? encodeCursor('p', [items[items.length - 1]._id]) : null
    }
  }
})
