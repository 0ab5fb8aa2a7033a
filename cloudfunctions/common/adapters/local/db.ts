import Datastore from '@seald-io/nedb'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { DuplicateKeyError } from '../../errors'
import { INDEXES } from '../../indexes'
import { escapeRegExp, MAX_GROUPS, type Collection, type Cond, type Db, type Doc, type FindOptions, type GroupRow, type GroupSpec, type Patch, type PatchOp, type Scalar, type Where } from '../../ports'

const NAME = /^[a-z][a-zA-Z]{1,40}$/

/**
 * The local database: one NeDB datastore per collection, an append-only file under DATA_DIR.
 * A write's promise resolves only after its line is appended, so a call the server confirmed
 * survives the process being killed.
 */
export class LocalDb implements Db {
  private stores = new Map<string, Promise<Datastore>>()

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true })
  }

  /** A collection exists once its file does (the local store makes one at first use, as before). */
  async createCollection(name: string): Promise<boolean> {
    if (!NAME.test(name)) throw new Error(`bad collection name ${name}`)
    const file = join(this.dir, `${name}.db`)
    if (this.stores.has(name) || existsSync(file)) return false
    const ds = await this.store(name)
    // NeDB writes its file only on the first persist; make it now, so "exists" survives a restart
    if (!existsSync(file)) await ds.compactDatafileAsync()
    return true
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    if (!NAME.test(name)) throw new Error(`bad collection name ${name}`)
    return new LocalCollection<T>(() => this.store(name))
  }

  private store(name: string): Promise<Datastore> {
    let s = this.stores.get(name)
    if (!s) {
      s = (async () => {
        const ds = new Datastore({ filename: join(this.dir, `${name}.db`) })
        await ds.loadDatabaseAsync()
        for (const index of INDEXES[name] ?? []) {
          await ds.ensureIndexAsync({ fieldName: index.fields, unique: index.unique ?? false, sparse: index.sparse ?? false })
        }
        return ds
      })()
      this.stores.set(name, s)
    }
    return s
  }

  /** Seeding only (benchmarks, demo data): many documents in one append. */
  async insertMany(name: string, docs: Array<Record<string, unknown>>): Promise<void> {
    if (!NAME.test(name)) throw new Error(`bad collection name ${name}`)
    await (await this.store(name)).insertAsync(docs)
  }

}

const isCond = (v: unknown): v is Cond => typeof v === 'object' && v !== null && '$op' in v
const isPatchOp = (v: unknown): v is PatchOp => typeof v === 'object' && v !== null && '$patch' in v

const NEDB_OPS: Record<Exclude<Cond['$op'], 'eq' | 'prefix' | 'range'>, string> = {
  neq: '$ne',
  gt: '$gt',
  gte: '$gte',
  lt: '$lt',
  lte: '$lte',
  in: '$in',
  nin: '$nin',
  exists: '$exists'
}

/** Our portable Where → a NeDB query. Anything that is neither a scalar nor a command is refused. */
export function toNedbQuery(where: Where): Record<string, unknown> {
  const q: Record<string, unknown> = {}
  for (const [field, v] of Object.entries(where)) {
    if (field.startsWith('$')) throw new Error(`bad field ${field}`)
    if (isCond(v)) {
      if (v.$op === 'eq') q[field] = v.value
      else if (v.$op === 'prefix') q[field] = { $regex: new RegExp('^' + escapeRegExp(String(v.value))) }
      else if (v.$op === 'range') q[field] = { $gte: (v.value as unknown[])[0], $lt: (v.value as unknown[])[1] }
      else q[field] = { [NEDB_OPS[v.$op]]: v.value }
    }
    else if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) q[field] = v
    else throw new Error(`bad condition for ${field}`)
  }
  return q
}

export function toNedbUpdate(data: Patch): Record<string, Record<string, unknown>> {
  const $set: Record<string, unknown> = {}
  const $inc: Record<string, number> = {}
  const $unset: Record<string, true> = {}
  const $addToSet: Record<string, { $each: unknown[] }> = {}
  for (const [field, v] of Object.entries(data)) {
    if (field === '_id' || field.startsWith('$')) throw new Error(`bad field ${field}`)
    if (isPatchOp(v)) {
      if (v.$patch === 'inc') $inc[field] = (v.value as number | undefined) ?? 1
      else if (v.$patch === 'addToSet') $addToSet[field] = { $each: v.value as unknown[] }
      else $unset[field] = true
    } else $set[field] = v
  }
  const u: Record<string, Record<string, unknown>> = {}
  if (Object.keys($set).length) u.$set = $set
  if (Object.keys($inc).length) u.$inc = $inc
  if (Object.keys($unset).length) u.$unset = $unset
  if (Object.keys($addToSet).length) u.$addToSet = $addToSet
  return u
}

const isUnique = (err: unknown) => (err as { errorType?: string })?.errorType === 'uniqueViolated'

// NeDB hands back its own objects; copy so a caller's mutation never reaches the cache.
const clone = <T>(v: T): T => (v == null ? v : structuredClone(v))

class LocalCollection<T extends Doc> implements Collection<T> {
  constructor(private readonly ds: () => Promise<Datastore>) {}

  async get(id: string): Promise<T | null> {
    return clone(((await (await this.ds()).findOneAsync({ _id: id })) as T | null) ?? null)
  }

  async add(data: Omit<T, '_id'> & { _id?: string }): Promise<string> {
    try {
      const doc = await (await this.ds()).insertAsync(clone(data) as Record<string, unknown>)
      return doc._id as string
    } catch (err) {
      if (isUnique(err)) throw new DuplicateKeyError()
      throw err
    }
  }

  /**
   * One append for the batch. On a duplicate, NeDB would undo the whole batch; the cloud does not
   * promise that (wx-server-sdk reports only the error), so this store does what an ordered
   * insert does, the case callers must survive: the documents before the duplicate are written,
   * the rest are not, and DuplicateKeyError is thrown.
   */
  async addMany(docs: Array<Omit<T, '_id'> & { _id?: string }>): Promise<string[]> {
    if (docs.length > 1000) throw new Error('addMany takes at most 1000 documents')
    if (!docs.length) return []
    const ds = await this.ds()
    try {
      const written = await ds.insertAsync(clone(docs) as Array<Record<string, unknown>>)
      return (written as unknown as Array<{ _id: string }>).map((d) => d._id)
    } catch (err) {
      if (!isUnique(err)) throw err
    }
    const ids: string[] = []
    for (const doc of docs) {
      try {
        ids.push(((await ds.insertAsync(clone(doc) as Record<string, unknown>)) as { _id: string })._id)
      } catch (err) {
        if (isUnique(err)) throw new DuplicateKeyError()
        throw err
      }
    }
    // the clash went away meanwhile (a document removed): everything is written
    return ids
  }

  async set(id: string, data: Omit<T, '_id'>): Promise<void> {
    const { _id: _drop, ...rest } = data as Record<string, unknown>
    try {
      await (await this.ds()).updateAsync({ _id: id }, { ...clone(rest), _id: id }, { upsert: true })
    } catch (err) {
      if (isUnique(err)) throw new DuplicateKeyError()
      throw err
    }
  }

  async update(id: string, data: Patch): Promise<boolean> {
    return (await this.updateWhere({ _id: id }, data)) > 0
  }

  async updateWhere(where: Where, data: Patch): Promise<number> {
    const u = toNedbUpdate(clone(data))
    if (!Object.keys(u).length) return 0
    try {
      const r = await (await this.ds()).updateAsync(toNedbQuery(where), u, { multi: true })
      return r.numAffected
    } catch (err) {
      if (isUnique(err)) throw new DuplicateKeyError()
      throw err
    }
  }

  async remove(id: string): Promise<boolean> {
    return (await (await this.ds()).removeAsync({ _id: id }, { multi: false })) > 0
  }

  async find(where: Where, options: FindOptions = {}): Promise<T[]> {
    let cursor = (await this.ds()).findAsync(toNedbQuery(where))
    if (options.orderBy?.length) {
      cursor = cursor.sort(Object.fromEntries(options.orderBy.map(([f, d]) => [f, d === 'asc' ? 1 : -1])))
    }
    if (options.skip) cursor = cursor.skip(options.skip)
    cursor = cursor.limit(Math.min(options.limit ?? 100, 1000))
    if (options.fields?.length) cursor = cursor.projection(Object.fromEntries(options.fields.map((f) => [f, 1])))
    return clone((await cursor) as unknown as T[])
  }

  async count(where: Where): Promise<number> {
    return (await this.ds()).countAsync(toNedbQuery(where))
  }

  // The cloud groups inside the database; locally the same answer is computed over the matches.
  async countGroups(where: Where, spec: GroupSpec): Promise<GroupRow[]> {
    return groupRows((await (await this.ds()).findAsync(toNedbQuery(where))) as Array<Record<string, unknown>>, spec)
  }

  async countDistinct(where: Where, fields: string[]): Promise<number> {
    return groupRows((await (await this.ds()).findAsync(toNedbQuery(where))) as Array<Record<string, unknown>>, { by: fields }).length
  }
}

/** A dotted path's value, as the database reads it for a group key (missing: undefined). */
export function readPath(doc: unknown, path: string): unknown {
  let v: unknown = doc
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[k]
  }
  return v
}

const asScalar = (v: unknown): Scalar => (v === undefined ? null : v === null || ['string', 'number', 'boolean'].includes(typeof v) ? (v as Scalar) : JSON.stringify(v))

/**
 * What the cloud's match → unwind → group → limit(1000) answers, over documents already matched:
 * one row per distinct key, its count and sums (the order of rows is not promised, as in the cloud).
 */
export function groupRows(docs: Array<Record<string, unknown>>, spec: GroupSpec): GroupRow[] {
  const rows = new Map<string, GroupRow>()
  for (const doc of docs) {
    const units: unknown[] = []
    if (spec.unwind) {
      const arr = readPath(doc, spec.unwind)
      if (!Array.isArray(arr)) continue
      for (const el of arr) units.push({ el })
    } else units.push(null)
    for (const unit of units) {
      const read = (f: string) => (spec.unwind && f === spec.unwind ? (unit as { el: unknown }).el : readPath(doc, f))
      const key: Record<string, Scalar> = {}
      for (const f of spec.by) key[f] = asScalar(read(f))
      const id = JSON.stringify(spec.by.map((f) => key[f]))
      let row = rows.get(id)
      if (!row) rows.set(id, (row = { key, count: 0, sums: Object.fromEntries((spec.sum ?? []).map((f) => [f, 0])) }))
      row.count++
      for (const f of spec.sum ?? []) {
        const v = read(f)
        if (typeof v === 'number' && Number.isFinite(v)) row.sums[f] += v
      }
    }
  }
  return [...rows.values()].slice(0, MAX_GROUPS)
}
