import { isRegionCode } from '../../src/core/region/code'
import { codeFromText } from '../../src/core/region/names'
import type { Condition } from '../../src/core/policy/rules'
import { cmd, type Db, type Doc } from '../common/ports'

/**
 * Free-text regions ("温州市鹿城区") stored before regions became GB/T 2260 codes are rewritten as
 * codes, collection by collection, in pages by _id. Idempotent (a code is left alone) and
 * resumable: a run stops after `budget` documents and says where work remains; the next run
 * continues from the saved cursor. Text that is not one place (a typo, an ambiguous name) is left
 * and counted: its owner or a regulator picks the region again.
 */
const FIELDS: Array<{ collection: string; field: string }> = [
  { collection: 'owners', field: 'profile.region' },
  { collection: 'markets', field: 'region' },
  { collection: 'staff', field: 'region' },
  { collection: 'complaints', field: 'region' },
  { collection: 'courseProgress', field: 'region' }
]
const PAGE = 500

export interface MigrationResult {
  migrated: number
  unresolved: number
  /** true while documents are left to look at */
  more: boolean
}

const read = (doc: Doc, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc)

export async function migrateRegions(db: Db, budget = 5000): Promise<MigrationResult> {
  const meta = db.collection<Doc & { cursor?: Record<string, string>; done?: boolean }>('meta')
  const state = (await meta.get('region-migration')) ?? { _id: 'region-migration', cursor: {}, done: false }
  if (state.done) return { migrated: 0, unresolved: 0, more: false }
  const cursor: Record<string, string> = { ...(state.cursor ?? {}) }
  let seen = 0
  let migrated = 0
  let unresolved = 0
  for (const target of [...FIELDS, { collection: 'policies', field: 'conditions' }]) {
    if (cursor[target.collection] === '\uffff') continue
    for (;;) {
      if (seen >= budget) {
        await meta.set('region-migration', { cursor, done: false } as never)
        return { migrated, unresolved, more: true }
      }
      const after = cursor[target.collection] ?? ''
      const page = await db.collection(target.collection).find(after ? { _id: cmd.gt(after) } : {}, { orderBy: [['_id', 'asc']], limit: PAGE })
      for (const doc of page) {
        seen++
        if (target.collection === 'policies') {
          const conditions = (doc as Doc & { conditions?: Condition[] }).conditions ?? []
          if (!conditions.some((c) => c.fact === 'region' && !isRegionCode(c.value))) continue
          const next = conditions.map((c) => (c.fact === 'region' && !isRegionCode(c.value) ? { ...c, value: codeFromText(c.value) ?? c.value } : c))
          if (next.some((c) => c.fact === 'region' && !isRegionCode(c.value))) unresolved++
          else migrated++
          await db.collection(target.collection).update(doc._id, { conditions: next })
          continue
        }
        const value = read(doc, target.field)
        if (typeof value !== 'string' || !value || isRegionCode(value)) continue
        const code = codeFromText(value)
        if (!code) {
          unresolved++
          continue
        }
        await db.collection(target.collection).update(doc._id, { [target.field]: code })
        migrated++
      }
      if (page.length < PAGE) {
        cursor[target.collection] = '\uffff'
        break
      }
      cursor[target.collection] = page[page.length - 1]._id
    }
  }
  await meta.set('region-migration', { cursor, done: true } as never)
  return { migrated, unresolved, more: false }
}
