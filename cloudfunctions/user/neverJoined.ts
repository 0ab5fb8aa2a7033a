import type { Context } from '../common/context'
import { cmd, type Where } from '../common/ports'
import { bindings, registerRows, type RegisterDoc } from './verifyStore'

/** Register rows scanned by _id in batches, the joined ones left out; at most this many rows a call. */
const VISIT_BATCH = 100
const VISIT_SCAN_MAX = 2000

/**
 * 走访名单's query (#16), shared by 覆盖与走访 (user.coverage.visits) and 走访问需 (visit.list):
 * register rows of `where` after `after` in _id (credit code) order whose business no account
 * holds (a binding with an openid). `last` is the last row looked at, so a long run of joined rows
 * is not read twice; `more`: rows may remain after it.
 */
export async function neverJoinedPage(ctx: Context, where: Where, after: string, limit: number): Promise<{ items: RegisterDoc[]; last: string; more: boolean }> {
  const items: RegisterDoc[] = []
  let scanned = 0
  let more = false
  scan: while (scanned < VISIT_SCAN_MAX) {
    const rows = await registerRows(ctx).find({ ...where, ...(after ? { _id: cmd.gt(after) } : {}) }, { orderBy: [['_id', 'asc']], limit: VISIT_BATCH })
    scanned += rows.length
    const held = rows.length ? new Set((await bindings(ctx).find({ _id: cmd.in(rows.map((r) => r._id)), openid: cmd.neq('') }, { limit: VISIT_BATCH })).map((b) => b._id)) : new Set<string>()
    for (const r of rows) {
      if (!held.has(r._id)) {
        if (items.length === limit) {
          more = true
          break scan
        }
        items.push(r)
      }
      after = r._id
    }
    if (rows.length < VISIT_BATCH) break
    if (scanned >= VISIT_SCAN_MAX) more = true
  }
  return { items, last: after, more }
}
