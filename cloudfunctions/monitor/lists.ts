import { createHash } from 'node:crypto'
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from '../../src/core/complaint/labels'
import { chinaDate } from '../../src/core/common/time'
import { APPLICATION_STATUSES } from '../../src/core/loan/status'
import { figureKind, maskName, VISIT_NEED_LABELS, type ListFigure } from '../../src/core/monitor/figures'
import { BUSINESS_TYPES, INDUSTRIES } from '../../src/core/user/options'
import { PERMIT_TYPES } from '../../src/core/reminder/permitTypes'
import { complaints } from '../complaint/store'
import type { Context } from '../common/context'
import { invalid } from '../common/errors'
import { decodeCursor, encodeCursor, pageNewestFirst, type Paged } from '../common/paging'
import { cmd, type Collection, type Cond, type Doc, type Where } from '../common/ports'
import { progress } from '../course/store'
import { marks } from '../policy/store'
import { obligations, permits } from '../reminder/store'
import { owners, type OwnerDoc } from '../user/owners'
import { followups, loanApplications, pushedPolicyIds, visits, wheres } from './counts'
import type { Scope } from './scope'

/** One row of a figure's list as staff see it: names masked, no ids but a 诉求's tracking number. */
export interface Row {
  id: string
  title: string
  lines: string[]
  date: string | null
}

type AnyDoc = Doc & Record<string, unknown>
/** a row's key for the page: stable, short, and not the document's id (an openid must not leave the server) */
const rowId = (id: string) => createHash('sha256').update(`monitor-row:${id}`).digest('base64url').slice(0, 12)
const str = (v: unknown) => (typeof v === 'string' ? v : '')
const dateOf = (iso: unknown) => (typeof iso === 'string' && iso ? (iso.length === 10 ? iso : chinaDate(new Date(iso))) : null)

/** Where each figure's list reads: the collection, what narrows it, the field it pages by. */
interface Source {
  coll: Collection<AnyDoc>
  where: Where
  field: string
  /** the owner a row is about (names are read from `owners` in one query per page) */
  openid(d: AnyDoc): string | null
  row(d: AnyDoc, owner: OwnerDoc | null, marketName: (id: unknown) => string | null): Row
}

const ownerTitle = (o: OwnerDoc | null) => (o?.profile ? maskName(o.profile.businessName) : '个体户（未建档）')
const marketLine = (name: string | null) => (name ? [`市场：${name}`] : [])

async function sourceOf(ctx: Context, s: Scope, kind: ListFigure, param: string | null): Promise<Source> {
  const w = wheres(ctx, s)
  const c = <T extends Doc>(coll: Collection<T>) => coll as unknown as Collection<AnyDoc>
  const ownerRow: Source['row'] = (d, _o, market) => {
    const o = d as unknown as OwnerDoc
    return {
      id: rowId(o._id),
      title: ownerTitle(o),
      lines: [
        ...(o.profile ? [INDUSTRIES[o.profile.industry] ?? ''] : []),
        // the year's decision where there is one (#18); else the estimate from the profile, said as such
        ...(o.decided?.type ? [`分型（${o.decided.year}年判定）：${BUSINESS_TYPES[o.decided.type]}`] : o.classType ? [`分型（估算）：${BUSINESS_TYPES[o.classType]}`] : []),
        ...marketLine(market(o.marketId)),
        ...(o.lastSeenOn ? [`最近使用：${o.lastSeenOn}`] : [])
      ].filter(Boolean),
      date: dateOf(o.createdAt)
    }
  }
  const ownersOf = (where: Where): Source => ({ coll: c(owners(ctx)), where, field: 'createdAt', openid: () => null, row: ownerRow })
  const byOwner = (coll: Collection<AnyDoc>, where: Where, field: string, lines: (d: AnyDoc) => string[], date: (d: AnyDoc) => string | null, openidField = 'openid'): Source => ({
    coll,
    where,
    field,
    openid: (d) => (typeof d[openidField] === 'string' ? (d[openidField] as string) : null),
    row: (d, o, market) => ({ id: rowId(d._id), title: ownerTitle(o), lines: [...lines(d), ...marketLine(market(o?.marketId ?? d.marketId))], date: date(d) })
  })
  const complaintSource = (where: Where): Source => ({
    coll: c(complaints(ctx.db)),
    where,
    field: 'createdAt',
    openid: () => null,
    row: (d, _o, market) => ({
      id: d._id,
      title: d.businessName ? maskName(str(d.businessName)) : `诉求 ${d._id}`,
      lines: [
        `诉求 ${d._id}`,
        `${COMPLAINT_CATEGORIES[str(d.category) as keyof typeof COMPLAINT_CATEGORIES] ?? ''} · ${COMPLAINT_STATUSES[str(d.status) as keyof typeof COMPLAINT_STATUSES] ?? ''}${d.overdue ? ' · 已超期' : ''}`,
        ...marketLine(str(d.marketName) || market(d.marketId))
      ],
      date: dateOf(d.createdAt)
    })
  })
  const permitLines = (d: AnyDoc) => [`${str(d.name) || PERMIT_TYPES[str(d.type) as keyof typeof PERMIT_TYPES]?.label || '证照'}，${str(d.expiresOn)}到期`]
  const visitLines = (d: AnyDoc) => {
    const needs = (Array.isArray(d.needs) ? d.needs : []).map((n) => VISIT_NEED_LABELS[n as keyof typeof VISIT_NEED_LABELS] ?? '').filter(Boolean)
    return [needs.length ? `需求：${needs.join('、')}` : '未提需求', ...(d.creditCode && !d.ownerOpenid ? [`尚未加入（信用代码尾号${str(d.creditCode).slice(-4)}）`] : [])]
  }
  switch (kind) {
    case 'households': return ownersOf(w.households)
    case 'newHouseholds': return ownersOf(w.newHouseholds)
    case 'active': return ownersOf(w.active)
    case 'type': return ownersOf(w.type(param!))
    case 'industry': return ownersOf(w.industry(param!))
    case 'annualFiled': return byOwner(c(obligations(ctx.db)), w.annualFiled, 'createdAt', (d) => [`${d.reportYear}年度年报已报送`], (d) => dateOf(d.filedAt))
    case 'permits30': return byOwner(c(permits(ctx.db)), w.permits30, 'createdAt', permitLines, (d) => str(d.expiresOn))
    case 'permits90': return byOwner(c(permits(ctx.db)), w.permits90, 'createdAt', permitLines, (d) => str(d.expiresOn))
    case 'permitsExpired': return byOwner(c(permits(ctx.db)), w.permitsExpired, 'createdAt', permitLines, (d) => str(d.expiresOn))
    case 'complaints': return complaintSource(w.complaints)
    case 'complaintCategory': return complaintSource(w.complaintCategory(param!))
    case 'complaintStatus': return complaintSource(w.complaintStatus(param!))
    case 'complaintsOverdue': return complaintSource(w.complaintsOverdue)
    case 'courseStarted':
    case 'courseCompleted':
    case 'coursePassed': {
      const lines = (d: AnyDoc) => [d.passed ? '已通过测验' : d.completed ? '已学完，未通过测验' : `已读${Object.keys((d.lessons as object) ?? {}).length}课`]
      return byOwner(c(progress(ctx.db)), w[kind], 'createdAt', lines, (d) => dateOf(d.updatedAt), '_id')
    }
    case 'loans':
    case 'loanStatus': {
      const lines = (d: AnyDoc) => [`${APPLICATION_STATUSES[str(d.status) as keyof typeof APPLICATION_STATUSES] ?? ''}`]
      const where = kind === 'loans' ? w.loans : w.loanStatus(param!)
      return {
        coll: c(loanApplications(ctx)),
        where,
        field: 'createdAt',
        openid: () => null,
        row: (d, _o, market) => ({ id: rowId(d._id), title: maskName(str(d.businessName)), lines: [...lines(d), ...marketLine(market(d.marketId))], date: dateOf(d.createdAt) })
      }
    }
    case 'policyOpened':
    case 'policyFavorited': {
      const ids = await pushedPolicyIds(ctx, s)
      return byOwner(c(marks(ctx.db)), w.policyMarks(ids.length ? ids : ['-'], kind === 'policyOpened' ? 'read' : 'favorite'), 'updatedAt', () => [kind === 'policyOpened' ? '查看了推送的政策' : '收藏了推送的政策'], (d) => dateOf(d.updatedAt))
    }
    case 'visits': return byOwner(c(visits(ctx)), w.visits, 'visitedAt', visitLines, (d) => str(d.visitedOn) || null, 'ownerOpenid')
    case 'need': return byOwner(c(visits(ctx)), w.need(param!), 'visitedAt', visitLines, (d) => str(d.visitedOn) || null, 'ownerOpenid')
    case 'followupsOverdue':
      return {
        ...byOwner(c(followups(ctx)), w.followupsOverdue, 'createdAt', (d) => [str(d.title), `应在${str(d.dueOn)}前办结`], (d) => str(d.dueOn) || null, 'ownerOpenid')
      }
  }
}

/** One page of a figure's list (newest first, cursor paging as every list), names read in one query. */
export async function listPage(ctx: Context, s: Scope, figure: string, opts: { cursor?: string; limit: number }): Promise<Paged<Row>> {
  const f = figureKind(figure)
  if (!f) throw invalid('没有这项数据的名单', 'figure')
  const src = await sourceOf(ctx, s, f.kind, f.param)
  const page = await pageWithin(src.coll, src.where, { ...opts, field: src.field })
  return { ...page, items: await rowsOf(ctx, s, src, page.items) }
}

/**
 * pageNewestFirst, also when the list is a period of its own paging field (诉求 filed in the
 * period, newest first): the next page is the rest of the cursor's instant by _id, then what is
 * older but still inside the period. The same total order, two exact queries, no "or".
 */
async function pageWithin<T extends Doc>(coll: Collection<T>, where: Where, opts: { cursor?: string; limit: number; field: string }): Promise<Paged<T>> {
  const period = where[opts.field] as Cond | undefined
  if (!period) return pageNewestFirst(coll, where, opts)
  if (typeof period !== 'object' || period.$op !== 'range') throw new Error(`a list paged by ${opts.field} filters it only by a period`)
  const [since] = period.value as [string, string]
  const want = opts.limit + 1
  const order: Array<[string, 'asc' | 'desc']> = [[opts.field, 'desc'], ['_id', 'desc']]
  const rows = async (): Promise<T[]> => {
    if (!opts.cursor) return coll.find(where, { orderBy: order, limit: want })
    const [at, id] = decodeCursor(opts.cursor, 't', 2)
    const same = await coll.find({ ...where, [opts.field]: at, _id: cmd.lt(id) }, { orderBy: [['_id', 'desc']], limit: want })
    if (same.length >= want) return same
    return [...same, ...(await coll.find({ ...where, [opts.field]: cmd.range(since, at) }, { orderBy: order, limit: want - same.length }))]
  }
  const [found, total] = await Promise.all([rows(), coll.count(where)])
  const items = found.slice(0, opts.limit)
  const last = items[items.length - 1] as (T & Record<string, unknown>) | undefined
  return { items, total, nextCursor: found.length > opts.limit && last ? encodeCursor('t', [String(last[opts.field]), last._id]) : null }
}

async function rowsOf(ctx: Context, s: Scope, src: Source, docs: AnyDoc[]): Promise<Row[]> {
  const ids = [...new Set(docs.map((d) => src.openid(d)).filter((x): x is string => !!x))]
  const [os, ms] = await Promise.all([ids.length ? owners(ctx).find({ _id: cmd.in(ids) }, { limit: ids.length, fields: ['profile', 'marketId', 'classType'] }) : [], s.markets])
  const byId = new Map(os.map((o) => [o._id, o]))
  const marketNames = new Map(ms.map((m) => [m._id, m.name]))
  const market = (id: unknown) => (typeof id === 'string' ? marketNames.get(id) ?? null : null)
  return docs.map((d) => {
    const openid = src.openid(d)
    return src.row(d, openid ? byId.get(openid) ?? null : null, market)
  })
}

/** Rows an export holds at most: a figure's list is a working list, not an archive. */
export const EXPORT_MAX_ROWS = 5000

/** Every row of a figure's list up to EXPORT_MAX_ROWS, a page of 500 at a time; `more` when cut. */
export async function allRows(ctx: Context, s: Scope, figure: string): Promise<{ rows: Row[]; total: number; more: boolean }> {
  const rows: Row[] = []
  let cursor: string | undefined
  let total = 0
  for (;;) {
    const page = await listPage(ctx, s, figure, { cursor, limit: 500 })
    total = page.total
    rows.push(...page.items)
    if (!page.nextCursor || rows.length >= EXPORT_MAX_ROWS) return { rows: rows.slice(0, EXPORT_MAX_ROWS), total, more: total > EXPORT_MAX_ROWS }
    cursor = page.nextCursor
  }
}
