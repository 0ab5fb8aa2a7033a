import { latestOverdueReportYear, VISIT_REASONS, type VisitReason } from '../../src/core/visit/rules'
import type { ReasonView, VisitRow } from '../../src/core/visit/contract'
import { complaints, type ComplaintDoc } from '../complaint/store'
import type { Context } from '../common/context'
import { notFound } from '../common/errors'
import { decodeCursor, encodeCursor } from '../common/paging'
import { cmd, type Where } from '../common/ports'
import { obligations, permits } from '../reminder/store'
import { markets, owners, type OwnerDoc } from '../user/owners'
import { neverJoinedPage } from '../user/neverJoined'
import { assertRegion, regionWhere } from '../user/verify'
import { bindings, registerRows } from '../user/verifyStore'
import { helpWhere, isHelp, operatorOf, permitText, reason, sortReasons } from './household'
import { visits } from './store'

/** The reminder collections carry no region: each page reads this many of them, in openid order. */
const SCAN = 100

/**
 * 走访名单 (visit.list). Two parts, in this order, each in a total order a cursor can resume:
 *
 * 1. Households that joined (keyed by the owner's openid): 生存型 (owners), 诉求 past deadline or
 *    urged (complaints), 年报 overdue (obligations) and an expired permit (permits). Each source is
 *    one query per page, ascending by openid after the cursor; the page takes the smallest keys up
 *    to the point every source has been read to (its "frontier"), so a household's reasons are
 *    always complete and merged into one row. Owners and complaints are filtered by region in the
 *    database; obligations and permits hold only the openid, so their page is narrowed by one
 *    owners query (`_id in …` plus the region) and may come back short — the cursor moves on anyway.
 * 2. Businesses in the register that never joined: #16's 走访名单 query (user/neverJoined.ts).
 */
export async function visitList(ctx: Context, opts: { marketId?: string; cursor?: string; limit: number }) {
  const ms = await markets(ctx).find(regionWhere(ctx, 'region'), { orderBy: [['name', 'asc']], limit: 200 })
  const names = new Map(ms.map((m) => [m._id, m.name]))
  let market: Where = {}
  if (opts.marketId && opts.marketId !== 'none') {
    const m = names.has(opts.marketId) ? ms.find((x) => x._id === opts.marketId)! : await markets(ctx).get(opts.marketId)
    if (!m) throw notFound('没有这个市场')
    assertRegion(ctx, m.region, '市场')
    names.set(m._id, m.name)
    market = { marketId: m._id }
  } else if (opts.marketId === 'none') market = { marketId: null }

  let [seg, after] = opts.cursor ? decodeCursor(opts.cursor, 'p', 2) : ['o', '']
  if (seg !== 'o' && seg !== 'r') throw notFound('列表位置不对，请刷新后再试')
  const items: VisitRow[] = []
  let nextCursor: string | null = null

  if (seg === 'o') {
    const page = await joinedPage(ctx, market, after, opts.limit, names)
    items.push(...page.rows)
    if (page.next !== null) nextCursor = encodeCursor('p', ['o', page.next])
    else {
      seg = 'r'
      after = ''
    }
  }
  if (seg === 'r' && items.length < opts.limit) {
    const where: Where = opts.marketId && opts.marketId !== 'none' ? market : { ...regionWhere(ctx, 'region'), ...market }
    const r = await neverJoinedPage(ctx, where, after, opts.limit - items.length)
    items.push(
      ...r.items.map((row) => ({
        id: row._id,
        code: row._id,
        businessName: row.name,
        operator: operatorOf(row),
        marketName: row.marketId ? names.get(row.marketId) ?? null : null,
        joined: false,
        reasons: [reason('neverJoined')],
        lastVisitedOn: null as string | null
      }))
    )
    nextCursor = r.more ? encodeCursor('p', ['r', r.last]) : null
  } else if (seg === 'r') nextCursor = encodeCursor('p', ['r', after])

  await addLastVisits(ctx, items)
  return { items, nextCursor, markets: ms.map((m) => ({ id: m._id, name: m.name })), counts: await counts(ctx, market, opts.marketId) }
}

async function joinedPage(ctx: Context, market: Where, after: string, limit: number, names: Map<string, string>): Promise<{ rows: VisitRow[]; next: string | null }> {
  const gt: Where = after ? { _id: cmd.gt(after) } : {}
  const ogt: Where = after ? { openid: cmd.gt(after) } : {}
  const ownerRegion = regionWhere(ctx, 'profile.region')
  const [survival, helpDocs, annual, expired] = await Promise.all([
    owners(ctx).find({ classType: 'survival', ...ownerRegion, ...market, ...gt }, { orderBy: [['_id', 'asc']], limit }),
    complaints(ctx.db).find({ ...regionWhere(ctx, 'region'), ...helpWhere(), ...market, ...ogt }, { orderBy: [['openid', 'asc']], limit: SCAN }),
    obligations(ctx.db).find({ filedAt: null, reportYear: cmd.lte(latestOverdueReportYear(ctx.today)), ...ogt }, { orderBy: [['openid', 'asc']], limit: SCAN }),
    permits(ctx.db).find({ expiresOn: cmd.lt(ctx.today), ...ogt }, { orderBy: [['openid', 'asc']], limit: SCAN })
  ])
  // how far each source has been read: a source that returned a full page may hold more after its last key
  const frontiers: string[] = []
  if (survival.length === limit) frontiers.push(survival[survival.length - 1]._id)
  for (const docs of [helpDocs, annual, expired]) if (docs.length === SCAN) frontiers.push(docs[docs.length - 1].openid)
  const frontier = frontiers.length ? frontiers.sort()[0] : null

  const reasons = new Map<string, ReasonView[]>()
  const add = (openid: string, kind: VisitReason, detail: string | null) => {
    if (frontier !== null && openid > frontier) return
    const list = reasons.get(openid) ?? []
    const same = list.find((r) => r.kind === kind)
    if (same) same.detail = [same.detail, detail].filter(Boolean).join('、') || null
    else list.push(reason(kind, detail))
    reasons.set(openid, list)
  }
  for (const o of survival) add(o._id, 'survival', null)
  for (const c of helpDocs as ComplaintDoc[]) if (isHelp(c)) add(c.openid, 'help', `${c._id}${c.overdue ? '（超期）' : '（已催办）'}`)
  for (const o of annual) add(o.openid, 'annualOverdue', `${o.reportYear}年度`)
  for (const p of expired) add(p.openid, 'permitExpired', permitText(p))

  // one owners query: the documents for the rows, and the region (and market) for the reminder sources
  const ids = [...reasons.keys()]
  const docs = ids.length ? await owners(ctx).find({ _id: cmd.in(ids), ...ownerRegion, ...market }, { limit: ids.length }) : []
  const byId = new Map<string, OwnerDoc>(docs.filter((o) => o.profile).map((o) => [o._id, o]))
  const keys = ids.filter((k) => byId.has(k)).sort()
  const taken = keys.slice(0, limit)
  const codes = taken.map((k) => byId.get(k)!.profile!.creditCode)
  const rowsByCode = new Map(codes.length ? (await registerRows(ctx).find({ _id: cmd.in(codes) }, { limit: codes.length })).map((r) => [r._id, r]) : [])
  const rows: VisitRow[] = taken.map((k) => {
    const o = byId.get(k)!
    const code = o.profile!.creditCode
    return {
      id: code,
      code,
      businessName: o.profile!.businessName,
      operator: operatorOf(rowsByCode.get(code)),
      marketName: o.marketId ? names.get(o.marketId) ?? null : null,
      joined: true,
      reasons: sortReasons(reasons.get(k)!),
      lastVisitedOn: null
    }
  })
  // more households than the page holds, or sources read only part way: go on after what was covered
  const next = taken.length === limit && keys.length > limit ? taken[taken.length - 1] : taken.length === limit && frontier !== null ? taken[taken.length - 1] : frontier
  return { rows, next }
}

/** The last visit of each row: one query over the visits of these credit codes. */
async function addLastVisits(ctx: Context, rows: VisitRow[]) {
  if (!rows.length) return
  const vs = await visits(ctx.db).find({ creditCode: cmd.in(rows.map((r) => r.code)) }, { orderBy: [['visitedAt', 'desc']], limit: 1000 })
  const last = new Map<string, string>()
  for (const v of vs) if (v.creditCode && !last.has(v.creditCode)) last.set(v.creditCode, v.visitedOn)
  for (const r of rows) r.lastVisitedOn = last.get(r.code) ?? null
}

/** Households per reason where a count query can say it for the region: never joined and 生存型. */
async function counts(ctx: Context, market: Where, marketId?: string) {
  const scoped = marketId && marketId !== 'none' ? market : { ...regionWhere(ctx, 'region'), ...market }
  const [inRegister, joined, survival] = await Promise.all([
    registerRows(ctx).count(scoped),
    bindings(ctx).count({ ...scoped, inRegister: true, openid: cmd.neq('') }),
    owners(ctx).count({ classType: 'survival', ...regionWhere(ctx, 'profile.region'), ...market })
  ])
  const known: Partial<Record<VisitReason, number>> = { neverJoined: Math.max(0, inRegister - joined), survival }
  return (Object.keys(VISIT_REASONS) as VisitReason[]).map((kind) => ({ kind, label: VISIT_REASONS[kind], count: known[kind] ?? null }))
}
