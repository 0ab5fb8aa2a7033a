import { DuplicateKeyError } from '../../errors'
import { escapeRegExp, MAX_GROUPS, type Collection, type GroupRow, type GroupSpec, type Scalar, type Cond, type Db, type Doc, type FindOptions, type Patch, type PatchOp, type Where } from '../../ports'
import type { CloudAggregate, CloudCommand, CloudDatabase } from './sdk'

type RegExpFactory = CloudDatabase['RegExp']

const isCond = (v: unknown): v is Cond => typeof v === 'object' && v !== null && '$op' in v
const isPatchOp = (v: unknown): v is PatchOp => typeof v === 'object' && v !== null && '$patch' in v

/** Our portable Where → a cloud where object built with db.command. */
export function toCloudWhere(_: CloudCommand, where: Where, regExp: RegExpFactory): Record<string, unknown> {
  const w: Record<string, unknown> = {}
  for (const [field, v] of Object.entries(where)) {
    if (isCond(v)) {
      const c = v as Cond
      if (c.$op === 'prefix') w[field] = regExp({ regexp: '^' + escapeRegExp(String(c.value)), options: '' })
      else if (c.$op === 'range') {
        const [from, to] = c.value as [unknown, unknown]
        w[field] = (_.gte(from) as { and(x: unknown): unknown }).and(_.lt(to))
      }
      else w[field] = (_[c.$op] as (x: unknown) => unknown).call(_, c.value)
    } else if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) w[field] = v
    else throw new Error(`bad condition for ${field}`)
  }
  return w
}

export function toCloudData(_: CloudCommand, data: Patch): Record<string, unknown> {
  const d: Record<string, unknown> = {}
  for (const [field, v] of Object.entries(data)) {
    if (field === '_id') throw new Error('cannot update _id')
    if (!isPatchOp(v)) d[field] = v
    else if (v.$patch === 'inc') d[field] = _.inc((v.value as number | undefined) ?? 1)
    else if (v.$patch === 'addToSet') d[field] = _.addToSet({ $each: v.value })
    else d[field] = _.remove()
  }
  return d
}

// The cloud database reports a taken _id or unique index with errCode -502001 ("duplicate key").
const isDuplicate = (err: unknown) => {
  const e = err as { errCode?: number; message?: string }
  return e?.errCode === -502001 || /duplicate key/i.test(e?.message ?? '')
}

/**
 * createCollection on an existing collection fails. wx-server-sdk 3 has no constant for it (its
 * TCB_ERR_CODE list stops at -502005 "collection not exists"); the service answers errCode -501001
 * (the generic "resource system error") with the message "[ResourceUnavailable.ResourceExist]
 * Table exist. DATABASE_COLLECTION_ALREADY_EXIST". Match the specific words, never the bare code,
 * which also means a real system error.
 */
export const isCollectionExists = (err: unknown) => {
  const e = err as { errMsg?: string; message?: string; code?: string }
  return /DATABASE_COLLECTION_ALREADY_EXIST|ResourceExist|Table exist/i.test(`${e?.code ?? ''} ${e?.errMsg ?? ''} ${e?.message ?? ''}`)
}

/** Group keys by position (k0, k1...): a dotted field name cannot be a key of the group's _id. */
const groupId = (fields: string[]) => Object.fromEntries(fields.map((f, i) => [`k${i}`, `$${f}`]))

/**
 * match → (unwind) → group → limit. The limit is explicit: the cloud's aggregate answers only 20
 * records unless told otherwise.
 */
export async function cloudGroups(_: CloudCommand, matched: CloudAggregate, spec: GroupSpec): Promise<GroupRow[]> {
  const $ = _.aggregate
  let q = matched
  if (spec.unwind) q = q.unwind(`$${spec.unwind}`)
  const group: Record<string, unknown> = { _id: groupId(spec.by), count: $.sum(1) }
  ;(spec.sum ?? []).forEach((f, i) => (group[`s${i}`] = $.sum(`$${f}`)))
  const { list } = await q.group(group).limit(MAX_GROUPS).end()
  return list.map((row) => {
    const id = (row._id ?? {}) as Record<string, unknown>
    return {
      key: Object.fromEntries(spec.by.map((f, i) => [f, (id[`k${i}`] ?? null) as Scalar])),
      count: Number(row.count ?? 0),
      sums: Object.fromEntries((spec.sum ?? []).map((f, i) => [f, Number(row[`s${i}`] ?? 0)]))
    }
  })
}

export class CloudDb implements Db {
  constructor(private readonly db: CloudDatabase) {}
  async createCollection(name: string): Promise<boolean> {
    try {
      await this.db.createCollection(name)
      return true
    } catch (err) {
      if (isCollectionExists(err)) return false
      throw err
    }
  }
  collection<T extends Doc = Doc>(name: string): Collection<T> {
    const coll = this.db.collection(name)
    const _ = this.db.command
    const re: RegExpFactory = (o) => this.db.RegExp(o)
    const where = (w: Where) => toCloudWhere(_, w, re)
    return {
      async get(id) {
        // where+limit instead of doc().get(): the latter throws when the document is missing.
        const { data } = await coll.where({ _id: id }).limit(1).get()
        return (data[0] as T | undefined) ?? null
      },
      async add(data) {
        try {
          return (await coll.add({ data: data as Record<string, unknown> }))._id!
        } catch (err) {
          if (isDuplicate(err)) throw new DuplicateKeyError()
          throw err
        }
      },
      async addMany(docs) {
        if (docs.length > 1000) throw new Error('addMany takes at most 1000 documents')
        if (!docs.length) return []
        try {
          // one insertDocument request for the whole array (wx-server-sdk 3 / @cloudbase/database)
          return (await coll.add({ data: docs as Record<string, unknown>[] }))._ids ?? []
        } catch (err) {
          // which documents went in is not reported: the caller reads back (common/bulk.ts)
          if (isDuplicate(err)) throw new DuplicateKeyError()
          throw err
        }
      },
      async set(id, data) {
        const { _id: _drop, ...rest } = data as Record<string, unknown>
        await coll.doc(id).set({ data: rest })
      },
      async update(id, data) {
        const r = await coll.doc(id).update({ data: toCloudData(_, data) })
        return r.stats.updated > 0
      },
      async updateWhere(w, data) {
        const r = await coll.where(where(w)).update({ data: toCloudData(_, data) })
        return r.stats.updated
      },
      async remove(id) {
        const r = await coll.doc(id).remove()
        return r.stats.removed > 0
      },
      async find(w, options: FindOptions = {}) {
        let q = coll.where(where(w))
        for (const [f, d] of options.orderBy ?? []) q = q.orderBy(f, d)
        if (options.skip) q = q.skip(options.skip)
        q = q.limit(Math.min(options.limit ?? 100, 1000))
        if (options.fields?.length) q = q.field(Object.fromEntries(options.fields.map((f) => [f, true])))
        return (await q.get()).data as T[]
      },
      async count(w) {
        return (await coll.where(where(w)).count()).total
      },
      async countGroups(w, spec) {
        return cloudGroups(_, coll.aggregate().match(where(w)), spec)
      },
      async countDistinct(w, fields) {
        // group by the fields, then count the groups: one request, only the number comes back
        const r = await coll.aggregate().match(where(w)).group({ _id: groupId(fields) }).count('n').end()
        return Number(r.list[0]?.n ?? 0)
      }
    }
  }
}
