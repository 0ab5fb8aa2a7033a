import { invalid } from './errors'
import { cmd, type Collection, type Doc, type Where } from './ports'

/**
 * Cursor paging for lists that grow (src/core/common/paging.ts says why not offsets).
 *
 * A cursor is the position of the last entry a page showed, base64url-encoded so the client
 * treats it as an opaque string: for lists the database orders, the entry's (createdAt, _id);
 * for lists ordered in memory (the policy library), the entry's id. The next page is what comes
 * strictly after that position in the same total order, so an entry added or removed elsewhere
 * never makes a page repeat or skip one that was there all along.
 */
export interface Paged<T> {
  items: T[]
  total: number
  nextCursor: string | null
}

type CursorKind = 't' | 'p'

export function encodeCursor(kind: CursorKind, parts: string[]): string {
  return Buffer.from(JSON.stringify([kind, ...parts]), 'utf8').toString('base64url')
}

/** The cursor's parts; a cursor that is not one of ours (or of another kind of list) is refused in words. */
export function decodeCursor(cursor: string, kind: CursorKind, n: number): string[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(v) && v.length === n + 1 && v[0] === kind && v.slice(1).every((x) => typeof x === 'string')) return v.slice(1) as string[]
  } catch {
    // falls through to the refusal
  }
  throw invalid('列表位置不对，请刷新后再试', 'cursor')
}

/**
 * One page of `where`, newest first by (`field`, _id) — a total order even when many entries
 * share an instant — and the count of all of `where`. Indexed queries only: `where`'s fields,
 * then `field` and `_id`, must be an index (common/indexes.ts). Costs two queries at once (the
 * page and the count), and a third on a page that starts among entries sharing the cursor's
 * instant.
 */
export async function pageNewestFirst<T extends Doc>(
  coll: Collection<T>,
  where: Where,
  opts: { cursor?: string; limit: number; field?: string }
): Promise<Paged<T>> {
  const field = opts.field ?? 'createdAt'
  if (field in where || '_id' in where) throw new Error(`paging by ${field} cannot also filter on it`)
  const want = opts.limit + 1
  const order: Array<[string, 'asc' | 'desc']> = [[field, 'desc'], ['_id', 'desc']]
  const rows = async (): Promise<T[]> => {
    if (!opts.cursor) return coll.find(where, { orderBy: order, limit: want })
    const [at, id] = decodeCursor(opts.cursor, 't', 2)
    // the rest of the cursor's own instant (by _id), then everything older: the page's order is
    // (field desc, _id desc) without an "or", which the cloud's where objects would need
    const same = await coll.find({ ...where, [field]: at, _id: cmd.lt(id) }, { orderBy: [['_id', 'desc']], limit: want })
    if (same.length >= want) return same
    return [...same, ...(await coll.find({ ...where, [field]: cmd.lt(at) }, { orderBy: order, limit: want - same.length }))]
  }
  const [found, total] = await Promise.all([rows(), coll.count(where)])
  const items = found.slice(0, opts.limit)
  const last = items[items.length - 1] as (T & Record<string, unknown>) | undefined
  const nextCursor = found.length > opts.limit && last ? encodeCursor('t', [String(last[field]), last._id]) : null
  return { items, total, nextCursor }
}

/**
 * One page of a list already ordered in memory by `compare` (a total order: it ends in the id).
 * The cursor names the last entry shown; when that entry has left the list since (a policy
 * withdrawn between two pages), `lookup` rebuilds it so the page still starts right after where
 * it stood.
 */
export async function pageAfter<R extends { id: string }>(
  ordered: R[],
  compare: (a: R, b: R) => number,
  opts: { cursor?: string; limit: number },
  lookup: (id: string) => Promise<R | null>
): Promise<Paged<R>> {
  let rest = ordered
  if (opts.cursor) {
    const [id] = decodeCursor(opts.cursor, 'p', 1)
    const at = ordered.findIndex((r) => r.id === id)
    if (at >= 0) rest = ordered.slice(at + 1)
    else {
      const gone = await lookup(id)
      if (!gone) throw invalid('列表已更新，请刷新后再试', 'cursor')
      rest = ordered.filter((r) => compare(r, gone) > 0)
    }
  }
  const items = rest.slice(0, opts.limit)
  const nextCursor = rest.length > opts.limit ? encodeCursor('p', [items[items.length - 1].id]) : null
  return { items, total: ordered.length, nextCursor }
}
