import { LocalDb, toNedbQuery } from '../cloudfunctions/common/adapters/local/db'
import type { Collection, Db, Doc, FindOptions, Where } from '../cloudfunctions/common/ports'

/**
 * The local store (NeDB) made fit for a million due items, for the peak bench only. Nothing here
 * changes what a call answers; it changes how long the local store takes to find it, which the
 * cloud model does not count anyway (it charges its own 10 ms per round trip). Without it one
 * peak scenario would take days of wall time on the local store, most of it in three spots:
 *
 * 1. A query naming one `_id` and also another indexed field by value (the sweeps' lease:
 *    `{_id, nextDueAt, leaseUntil < now}`): NeDB takes its candidates from the LAST such field,
 *    i.e. all million documents due at the same instant, and tests each. Here `_id` is put last,
 *    so NeDB reads the one document (the answer cannot differ: at most one document has that _id).
 * 2. "The first page, in the order of an indexed field, of what is due" (nextDueAt <= now by
 *    nextDueAt; _id > cursor by _id): NeDB sorts every candidate, each page. Here the same index
 *    is walked in order and the walk stops once the page is full. The answer is the same, document
 *    for document: this runs only where NeDB itself would take its candidates from that very index
 *    (its _getRawCandidates' choice), so they come in the same order, and NeDB's sort is stable.
 * 3. Removing one of many documents that share an index key (fastEqualKeyRemoval below), and the
 *    append to the data file on every write (skipPersistence below: the bench's data is thrown away).
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nedbModel = require('@seald-io/nedb/lib/model.js') as { match(doc: unknown, query: unknown): boolean }

interface TreeNode {
  key?: unknown
  data: unknown[]
  left: TreeNode | null
  right: TreeNode | null
  getLowerBoundMatcher(query: unknown): (key: unknown) => boolean
  getUpperBoundMatcher(query: unknown): (key: unknown) => boolean
}
interface NedbIndex {
  fieldName: string | string[]
  sparse: boolean
  tree: { tree: TreeNode }
}
interface NedbStore {
  indexes: Record<string, NedbIndex>
  executor: { pushAsync<T>(task: () => Promise<T>): Promise<T> }
}

const RANGE = ['$lt', '$lte', '$gt', '$gte']
const isPrimitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date
const has = (v: unknown, k: string) => typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, k)

/**
 * Which index NeDB takes its candidates from for `query` (datastore.js _getRawCandidates):
 * a field name for a range on an indexed field, '_all' for every document (the _id index),
 * or null when it would use an exact match, a compound index or $in (left to NeDB).
 */
export function candidateIndex(query: Record<string, unknown>, indexNames: string[]): string | null {
  const entries = Object.entries(query)
  if (entries.some(([k, v]) => isPrimitive(v) && indexNames.includes(k))) return null
  const compound = indexNames.filter((n) => n.includes(',')).map((n) => n.split(','))
  if (compound.some((fields) => entries.filter(([k, v]) => isPrimitive(v) && fields.includes(k)).length === fields.length)) return null
  if (entries.some(([k, v]) => has(v, '$in') && indexNames.includes(k))) return null
  const ranged = entries.filter(([k, v]) => RANGE.some((op) => has(v, op)) && indexNames.includes(k)).pop()
  return ranged ? ranged[0] : '_all'
}

/** In the index's order (or its reverse), each node's documents in stored order; stops when `take` says so. */
function walk(node: TreeNode | null, lbm: (k: unknown) => boolean, ubm: (k: unknown) => boolean, desc: boolean, take: (doc: unknown) => boolean): boolean {
  if (!node || !Object.prototype.hasOwnProperty.call(node, 'key')) return true
  const first = desc ? node.right : node.left
  const second = desc ? node.left : node.right
  const goFirst = desc ? ubm(node.key) : lbm(node.key)
  const goSecond = desc ? lbm(node.key) : ubm(node.key)
  if (goFirst && first && !walk(first, lbm, ubm, desc, take)) return false
  if (lbm(node.key) && ubm(node.key)) for (const d of node.data) if (!take(d)) return false
  if (goSecond && second && !walk(second, lbm, ubm, desc, take)) return false
  return true
}

/** A where with an exact `_id` names at most one document: NeDB should look it up by `_id`. */
function idLast(where: unknown): unknown {
  if (!where || typeof where !== 'object' || Array.isArray(where)) return where
  const w = where as Record<string, unknown>
  if (!('_id' in w) || !isPrimitive(w._id)) return where
  const { _id, ...rest } = w
  return { ...rest, _id }
}

export function benchStore(local: LocalDb, hooks: { onWalk?: (collection: string) => void } = {}): Db {
  const storeOf = (name: string) => (local as unknown as { store(n: string): Promise<NedbStore> }).store(name)

  async function find<T extends Doc>(name: string, inner: Collection<T>, where: Where, options: FindOptions = {}): Promise<T[]> {
    const order = options.orderBy
    where = idLast(where) as Where
    if (!order || order.length !== 1) return inner.find(where, options)
    const [field, dir] = order[0]
    const ds = await storeOf(name)
    const query = toNedbQuery(where)
    const chosen = candidateIndex(query, Object.keys(ds.indexes))
    const indexField = chosen === '_all' ? '_id' : chosen
    const index = indexField === field ? ds.indexes[field] : undefined
    if (!index || Array.isArray(index.fieldName)) return inner.find(where, options)
    const limit = Math.min(options.limit ?? 100, 1000)
    const skip = options.skip ?? 0
    const bounds = chosen === '_all' ? {} : query[field]
    hooks.onWalk?.(name)
    return ds.executor.pushAsync(async () => {
      const root = index.tree.tree
      if (!Object.prototype.hasOwnProperty.call(root, 'key')) return []
      const lbm = root.getLowerBoundMatcher(bounds)
      const ubm = root.getUpperBoundMatcher(bounds)
      const out: unknown[] = []
      let skipped = 0
      walk(root, lbm, ubm, dir === 'desc', (doc) => {
        if (!nedbModel.match(doc, query)) return true
        if (skipped < skip) skipped++
        else out.push(doc)
        return out.length < limit
      })
      return structuredClone(out) as T[]
    })
  }

  return new Proxy(local, {
    get(target, prop) {
      if (prop === 'collection') {
        return <T extends Doc>(name: string): Collection<T> => {
          const inner = target.collection<T>(name)
          return new Proxy(inner, {
            get(c, p) {
              if (p === 'find') return (where: Where, options?: FindOptions) => find(name, inner, where, options)
              const v = (c as unknown as Record<string | symbol, unknown>)[p]
              if (typeof v !== 'function') return v
              if (p !== 'count' && !(typeof p === 'string' && p.endsWith('Where'))) return v.bind(c)
              // count, updateWhere and any other call whose first argument is a where
              return (first: unknown, ...rest: unknown[]) => (v as (...a: unknown[]) => unknown).call(c, idLast(first), ...rest)
            }
          })
        }
      }
      const v = (target as unknown as Record<string | symbol, unknown>)[prop]
      return typeof v === 'function' ? v.bind(target) : v
    }
  }) as Db
}

/**
 * NeDB keeps the documents that share an index key in one array per key, and removes one by
 * copying the rest: on a peak day a million obligations share one nextDueAt and a million inbox
 * entries one pushNextAt, so every update of one of them (NeDB re-indexes every index on every
 * update) copies a million references, and the bench would take days of wall time for the
 * cloud's hour. This makes that removal O(1): the removed entry's place is taken by the last
 * one (its position is looked up in a map kept per large array). What a query returns is
 * unchanged; only the order among documents with exactly the same key, which no query may rely
 * on (nor does the cloud promise one), differs. Process-wide while installed; bench only.
 * `undo` takes it out again; `fast` counts the removals it made.
 */
export function fastEqualKeyRemoval(): { undo: () => void; fast: () => number } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AVLTree } = require('@seald-io/binary-search-tree') as { AVLTree: new (o?: unknown) => { tree: object } }
  const proto = Object.getPrototypeOf(new AVLTree({}).tree) as {
    delete(this: AvlNode, key: unknown, value: unknown): unknown
  }
  const original = proto.delete
  const SMALL = 64
  let fast = 0
  /** per large array: where each entry is, for entries below `mapped` */
  const places = new WeakMap<unknown[], { at: Map<unknown, number>; mapped: number }>()
  proto.delete = function (this: AvlNode, key: unknown, value: unknown) {
    if (!Object.prototype.hasOwnProperty.call(this, 'key')) return original.call(this, key, value)
    let node: AvlNode | null = this
    while (node) {
      const c = node.compareKeys(key, node.key)
      if (c === 0) break
      node = c < 0 ? node.left : node.right
    }
    if (!node || node.data.length <= SMALL || value === undefined) return original.call(this, key, value)
    const data = node.data
    let p = places.get(data)
    if (!p) places.set(data, (p = { at: new Map(), mapped: 0 }))
    let i = p.at.get(value)
    if (i === undefined) {
      // entries pushed since the last removal: map them now
      for (let k = p.mapped; k < data.length; k++) p.at.set(data[k], k)
      p.mapped = data.length
      i = p.at.get(value)
      if (i === undefined) return this // not there: nothing to remove (as NeDB)
    }
    fast++
    const last = data.pop()
    p.at.delete(value)
    if (i < data.length) {
      data[i] = last
      p.at.set(last, i)
    }
    p.mapped = Math.min(p.mapped, data.length)
    return this
  }
  return {
    undo: () => {
      proto.delete = original
    },
    fast: () => fast
  }
}

interface AvlNode {
  key?: unknown
  data: unknown[]
  left: AvlNode | null
  right: AvlNode | null
  compareKeys(a: unknown, b: unknown): number
}

/** The local store keeps its data in memory only (no append to its file per write), while installed. */
export function skipPersistence(): { undo: () => void } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Persistence = require('@seald-io/nedb/lib/persistence.js') as { prototype: { persistNewStateAsync(docs: unknown[]): Promise<void> } }
  const original = Persistence.prototype.persistNewStateAsync
  Persistence.prototype.persistNewStateAsync = async () => undefined
  return {
    undo: () => {
      Persistence.prototype.persistNewStateAsync = original
    }
  }
}

/**
 * Indexes the bench adds to the local store beyond cloudfunctions/common/indexes.ts, so reading
 * an owner's 消息 afterwards (by openid alone: NeDB does not use the compound index for that)
 * does not scan a million entries per owner. They change no answer.
 */
export async function addReadIndexes(local: LocalDb, indexes: Record<string, string[]>) {
  const storeOf = (name: string) => (local as unknown as { store(n: string): Promise<{ ensureIndexAsync(o: { fieldName: string }): Promise<void> }> }).store(name)
  for (const [collection, fields] of Object.entries(indexes)) for (const fieldName of fields) await (await storeOf(collection)).ensureIndexAsync({ fieldName })
}
