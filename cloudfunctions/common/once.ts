import { createHash, randomUUID } from 'node:crypto'
import { CODE_CHARS } from './codes'
import type { Context } from './context'
import { AppError, DuplicateKeyError } from './errors'
import { cmd, type Collection, type Doc } from './ports'

/**
 * Exactly once for every action marked `creates`, under crashes at any point. One mechanism:
 *
 * 1. The request record (`requests`, key `<openid>:<action>:<requestId>`) is written first. It
 *    holds the time the request was first seen (`firstAt`, never changed) and, once answered, the
 *    answer. A duplicate in flight gets CONFLICT; a finished one gets the stored answer.
 * 2. Every record the handler creates takes its `_id` from the request: `recordId(ctx, part)` is
 *    a hash of the request key and the part's name. A retry of the same request (after a crash,
 *    after the 60 s takeover of a pending claim, or after the handler threw) therefore writes the
 *    same `_id`; the database's unique `_id` refuses the second insert and `addOnce` answers with
 *    the record the first attempt stored. Whatever step the first attempt died at, one record.
 *
 * Without a requestId there is nothing to bind to: ids are random, as for any other call.
 */
export interface RequestDoc {
  _id: string
  status: 'pending' | 'done' | 'failed'
  result?: unknown
  /** when this request was first seen; a retry keeps it (tracking numbers carry its date) */
  firstAt: string
  /** when the current attempt claimed it (a pending claim older than the timeout is taken over) */
  createdAt: string
  /** counted against the owner's rate limit (common/rateLimit.ts): a retry is not counted again */
  rated?: boolean
}

/** How long a crashed creating request blocks a retry with the same requestId. */
export const PENDING_TIMEOUT_MS = 60_000

const requestKey = (ctx: Pick<Context, 'openid' | 'action'>, requestId: string) => `${ctx.openid}:${ctx.action}:${requestId}`

const requestDigest = (key: string, part: string) => createHash('sha256').update(`${key}\u0000${part}`).digest()

/** A stable id for a record this request creates: the same on every retry of the request. */
export function recordId(ctx: Context, part: string): string {
  if (!ctx.request) return randomUUID().replace(/-/g, '')
  return requestDigest(ctx.request.key, part).toString('hex').slice(0, 32)
}

/** Like recordId, as `length` readable characters (for codes a person reads: tracking numbers). */
export function recordCode(ctx: Context, part: string, length: number): string | null {
  if (!ctx.request) return null
  const digest = requestDigest(ctx.request.key, part)
  return Array.from({ length }, (_, i) => CODE_CHARS[digest[i] % CODE_CHARS.length]).join('')
}

/**
 * Inserts `doc` under `_id`, or, when a record with that `_id` exists (this request's earlier
 * attempt stored it), returns that record. `created` says which.
 */
export async function addOnce<T extends Doc>(coll: Collection<T>, _id: string, doc: Omit<T, '_id'>): Promise<{ doc: T; created: boolean }> {
  try {
    await coll.add({ ...doc, _id } as Omit<T, '_id'> & { _id: string })
    return { doc: { ...doc, _id } as T, created: true }
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err
    const prior = await coll.get(_id)
    if (!prior) throw err
    return { doc: prior, created: false }
  }
}

/**
 * Runs a creating action once per requestId: claims the request, runs the handler with
 * `ctx.request` set (so recordId is stable), stores the answer. See the comment at the top.
 */
export async function once(ctx: Context, requestId: string, execute: () => Promise<unknown>): Promise<unknown> {
  const requests = ctx.db.collection<RequestDoc>('requests')
  const key = requestKey(ctx, requestId)
  const at = ctx.now.toISOString()
  let firstAt = at
  let rated = false
  try {
    await requests.add({ _id: key, status: 'pending', firstAt: at, createdAt: at })
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err
    const prior = await requests.get(key)
    if (!prior) throw err
    if (prior.status === 'done') return prior.result
    // A failed attempt, or a pending one older than the timeout (its process died): take it over.
    const stale = new Date(ctx.now.getTime() - PENDING_TIMEOUT_MS).toISOString()
    const taken =
      prior.status === 'failed'
        ? await requests.updateWhere({ _id: key, status: 'failed', createdAt: prior.createdAt }, { status: 'pending', createdAt: at })
        : await requests.updateWhere({ _id: key, status: 'pending', createdAt: cmd.lt(stale) }, { createdAt: at })
    if (taken !== 1) throw new AppError('CONFLICT', '这个请求正在处理，请稍候查看结果')
    firstAt = prior.firstAt ?? prior.createdAt
    rated = !!prior.rated
  }
  ctx.request = { key, firstAt: new Date(firstAt), rated }
  try {
    const result = await execute()
    await requests.update(key, { status: 'done', result })
    return result
  } catch (err) {
    // Kept, not removed: a retry must reuse this request's record ids (the handler may have
    // stored something before it failed). The owner can retry at once.
    await requests.update(key, { status: 'failed' }).catch(() => undefined)
    throw err
  }
}
