import { RATE_LIMITS, rateMessage, rateWindow, type RateKindName } from '../../src/core/common/rateLimit'
import type { Context } from './context'
import { DuplicateKeyError, rateLimited } from './errors'
import type { RequestDoc } from './once'
import { cmd, patch, type Db, type Doc } from './ports'

/**
 * Per-owner limits on creating actions (the numbers: src/core/common/rateLimit.ts). Counted by the
 * database, as slots.ts counts: one document per owner, kind and window length in `slots`
 * (`<openid>:rate:<kind>:<per>`) holding the current window's start and its count, changed only by
 * conditional updates, so twenty calls at once let exactly `limit` through.
 */
interface RateDoc extends Doc {
  /** the start (ISO) of the window `n` counts */
  window: string
  n: number
}

const counters = (db: Db) => db.collection<RateDoc>('slots')

/** Counts one use in `window` unless `limit` are counted there already. */
async function take(db: Db, key: string, window: string, limit: number): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    if ((await counters(db).updateWhere({ _id: key, window, n: cmd.lt(limit) }, { n: patch.inc(1) })) === 1) return true
    // an ended window starts again at one: of several calls at once, one restarts it, the rest count on
    if ((await counters(db).updateWhere({ _id: key, window: cmd.lt(window) }, { window, n: 1 })) === 1) return true
    const doc = await counters(db).get(key)
    if (!doc) {
      try {
        await counters(db).add({ _id: key, window, n: 1 })
        return true
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err
        continue
      }
    }
    // full; or a window later than ours (an instance whose clock runs ahead): refused either way
    if (doc.window > window || (doc.window === window && doc.n >= limit)) return false
  }
  return false
}

/** Gives back a use counted in `window` (a later rule refused the call). */
const refund = (db: Db, key: string, window: string) => counters(db).updateWhere({ _id: key, window, n: cmd.gt(0) }, { n: patch.inc(-1) })

/**
 * Counts this call against the owner's limits for `kind`, or refuses it with RATE_LIMITED, a
 * Chinese message saying from when (China time) and `retryAt`. Call it after the checks that can
 * refuse the input and before the first write, so a form sent back for a correction costs nothing.
 * A retry of a request already counted (common/once.ts, same requestId) is not counted again; a
 * crash between the count and its mark counts that request twice, never less.
 */
export async function limitRate(ctx: Context, kind: RateKindName): Promise<void> {
  if (ctx.request?.rated) return
  const spec = RATE_LIMITS[kind]
  const taken: Array<{ key: string; window: string }> = []
  for (const rule of spec.rules) {
    const w = rateWindow(rule.per, ctx.now)
    const key = `${ctx.openid}:rate:${kind}:${rule.per}`
    const window = w.start.toISOString()
    if (!(await take(ctx.db, key, window, rule.limit))) {
      await Promise.all(taken.map((t) => refund(ctx.db, t.key, t.window)))
      throw rateLimited(rateMessage(spec, rule, w.end, ctx.now), w.end)
    }
    taken.push({ key, window })
  }
  if (ctx.request) {
    await ctx.db.collection<RequestDoc>('requests').update(ctx.request.key, { rated: true })
    ctx.request.rated = true
  }
}
