import { DuplicateKeyError } from './errors'
import { cmd, type Collection, type Doc, type Patch, type Where } from './ports'

/**
 * Batches of per-owner work (ARCHITECTURE.md, "At a city's scale"): up to 1,000 documents per
 * query, per `where(_id in ids)` update and per bulk add, as the cloud database allows.
 */
export const BATCH = 1000

let seq = 0
/**
 * A token unique to one attempt at one batch. It is written with the batch (a `claim` field), so
 * reading the batch back tells what this attempt wrote from what another run, or an earlier run
 * that crashed, wrote: the database answers a batch write with a count, never with which ones.
 */
export function newToken(now: Date): string {
  seq = (seq + 1) % 1_000_000_000
  return `${now.getTime().toString(36)}.${seq.toString(36)}.${Math.random().toString(36).slice(2, 10)}`
}

/**
 * Inserts documents (each with its own deterministic `_id`) and answers which of them this call
 * wrote. `addMany` fails as a whole on a duplicate while any of the documents before it may have
 * been written (wx-server-sdk reports only the error), so after a DuplicateKeyError the batch is
 * read back: a document carrying `token` is ours, one carrying another claim (or none) is not,
 * and a missing one is tried again. Without a token, an existing document simply counts as there
 * (idempotent inserts such as next year's obligation).
 */
export async function insertMany<T extends Doc>(coll: Collection<T>, docs: Array<T & { claim?: string }>, token?: string): Promise<Set<string>> {
  const ours = new Set<string>()
  // one message per key: a second copy in the same batch would only clash with the first
  const seen = new Set<string>()
  let pending = docs.filter((d) => !seen.has(d._id) && seen.add(d._id))
  while (pending.length) {
    const batch = pending.slice(0, BATCH)
    const rest = pending.slice(BATCH)
    try {
      await coll.addMany(batch.map((d) => (token ? { ...d, claim: token } : d)))
      for (const d of batch) ours.add(d._id)
      pending = rest
      continue
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err
    }
    const found = new Map((await coll.find({ _id: cmd.in(batch.map((d) => d._id)) } as never, { limit: BATCH })).map((d) => [d._id, d as T & { claim?: string }]))
    for (const d of batch) if (token && found.get(d._id)?.claim === token) ours.add(d._id)
    const missing = batch.filter((d) => !found.has(d._id))
    // a clash that reading back cannot see (a unique key other than _id) would loop for ever
    if (missing.length === batch.length) throw new DuplicateKeyError()
    pending = [...missing, ...rest]
  }
  return ours
}

/**
 * A conditional update of many documents at once, answering which ones it changed: the update
 * writes `claim: token`; when it changed as many as asked (the usual case) they are all ours,
 * otherwise they are read back by the token.
 */
export async function claimWhere<T extends { _id: string; claim?: string }>(coll: Collection<T>, ids: string[], where: Where, data: Patch, token: string): Promise<Set<string>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Set()
  const n = await coll.updateWhere({ _id: cmd.in(unique), ...where }, { ...data, claim: token })
  if (n === unique.length) return new Set(unique)
  if (n === 0) return new Set()
  return new Set((await coll.find({ _id: cmd.in(unique), claim: token }, { limit: BATCH })).map((d) => d._id))
}

/** Runs `fn` over `items` with at most `size` calls in flight (the bounded pool of sends). */
export async function pool<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane))
  return out
}

/**
 * Splits items into rounds in which no key appears twice: one `where(_id in ids)` update changes
 * each document once, so an owner with two messages in one batch has the second in a later round.
 */
export function rounds<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const out: Array<{ keys: Set<string>; items: T[] }> = []
  for (const item of items) {
    const k = keyOf(item)
    let round = out.find((r) => !r.keys.has(k))
    if (!round) out.push((round = { keys: new Set(), items: [] }))
    round.keys.add(k)
    round.items.push(item)
  }
  return out.map((r) => r.items)
}

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const item of items) {
    const k = keyOf(item)
    const g = m.get(k)
    if (g) g.push(item)
    else m.set(k, [item])
  }
  return m
}
