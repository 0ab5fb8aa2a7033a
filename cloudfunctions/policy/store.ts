import { POLICY_LIBRARY, type PolicyBase, type PolicySeed } from '../../src/core/policy/library'
import type { Condition } from '../../src/core/policy/rules'
import { DuplicateKeyError } from '../common/errors'
import { patch, type Db } from '../common/ports'

/** The library's evidence fields: absent on policies staff write in the workbench. */
type SeedExtras = Partial<Pick<PolicySeed, 'aliases' | 'period' | 'reviewedAt' | 'evidence' | 'platform'>>

export interface PolicyDoc extends PolicyBase, SeedExtras {
  _id: string
  status: 'draft' | 'published' | 'withdrawn'
  publishedAt: string | null
  withdrawnAt: string | null
  createdBy: string
  createdAt: string
  updatedAt: string
  /** the push to matching owners: queued by publishing, swept by the scheduler */
  push: 'none' | 'queued' | 'done' | 'stopped'
  pushCursor: string
  nextDueAt: string | null
  leaseUntil: string
  stats: { pushed: number; opened: number; favorited: number }
  /** the staff member who last confirmed it is still in force (policy.admin.review) */
  reviewedBy?: string | null
  /** set when staff edit it: a library policy staff have edited is never refreshed from the library */
  editedAt?: string | null
}

/** One document per owner and policy: read and favourite marks. */
export interface MarkDoc {
  _id: string
  openid: string
  policyId: string
  read: boolean
  favorite: boolean
  /** where the owner was at the first mark (监测分析 counts a region's reach); absent on older marks */
  region?: string | null
  marketId?: string | null
  updatedAt: string
}

/** A new policy document: the fields staff or the library give, plus the bookkeeping. */
export function newPolicyDoc(
  fields: PolicyBase & SeedExtras,
  status: PolicyDoc['status'],
  createdBy: string,
  at: string,
  publishedAt: string | null = null
): Omit<PolicyDoc, '_id'> {
  return {
    ...fields,
    status,
    publishedAt,
    withdrawnAt: null,
    createdBy,
    createdAt: at,
    updatedAt: at,
    push: 'none',
    pushCursor: '',
    nextDueAt: null,
    leaseUntil: '',
    stats: { pushed: 0, opened: 0, favorited: 0 }
  }
}

export const policies = (db: Db) => db.collection<PolicyDoc>('policies')
export const marks = (db: Db) => db.collection<MarkDoc>('policyMarks')
export const markId = (openid: string, policyId: string) => `${openid}:${policyId}`

interface VersionDoc {
  _id: string
  v: number
}
const VERSION_ID = 'policyVersion'

/** Any change to what owners can see bumps the version, so every warm instance reloads. */
export async function bumpVersion(db: Db): Promise<void> {
  const versions = db.collection<VersionDoc>('meta')
  if (await versions.update(VERSION_ID, { v: patch.inc(1) })) return
  try {
    await versions.add({ _id: VERSION_ID, v: 1 })
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err
    await versions.update(VERSION_ID, { v: patch.inc(1) })
  }
}

/**
 * The published policies, cached in the function instance and reloaded only when the version
 * changes: a feed costs one round trip for the version instead of reading every policy.
 */
const cache = new WeakMap<Db, { v: number; list: PolicyDoc[] }>()
export async function publishedPolicies(db: Db): Promise<PolicyDoc[]> {
  const v = (await db.collection<VersionDoc>('meta').get(VERSION_ID))?.v ?? 0
  const hit = cache.get(db)
  if (hit && hit.v === v) return hit.list
  const list = await policies(db).find({ status: 'published' }, { orderBy: [['publishedAt', 'desc']], limit: 1000 })
  cache.set(db, { v, list })
  return list
}


/**
 * Loads the library into the store: published, not pushed (no flood of messages on first load),
 * never overwriting a policy staff have edited. Idempotent.
 */
/** The library's own content of a policy: what a corrected library replaces. */
const CONTENT_FIELDS = ['title', 'summary', 'department', 'category', 'effectiveFrom', 'effectiveTo', 'source', 'conditions', 'period', 'evidence', 'platform', 'aliases', 'act'] as const
const contentOf = (p: Partial<PolicyDoc> | PolicySeed) => JSON.stringify(CONTENT_FIELDS.map((k) => (p as Record<string, unknown>)[k] ?? null))

/**
 * Loads the cited library (idempotent). A library policy already stored is refreshed when the
 * library's content changed (a corrected quote, a narrowed rule, an end date) unless staff have
 * edited it: an environment seeded before a review must not keep telling owners the old text.
 * Status, push, statistics and staff reviews are kept.
 */
export async function seedPolicies(db: Db, now: Date): Promise<{ added: number; updated: number }> {
  let added = 0
  let updated = 0
  const at = now.toISOString()
  for (const seed of POLICY_LIBRARY) {
    const { id, ...rest } = seed
    const doc: PolicyDoc = { _id: id, ...newPolicyDoc(rest, 'published', 'library', at, new Date(`${seed.effectiveFrom}T00:00:00+08:00`).toISOString()) }
    try {
      await policies(db).add(doc)
      added++
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err
      const stored = await policies(db).get(id)
      if (!stored || stored.createdBy !== 'library' || stored.editedAt || contentOf(stored) === contentOf(seed)) continue
      // stored before editedAt existed: a published library policy whose updatedAt moved was edited
      const legacyEdit = !('editedAt' in stored) && stored.status === 'published' && stored.updatedAt !== stored.createdAt && !stored.reviewedAt
      if (legacyEdit) continue
      await policies(db).update(id, { ...Object.fromEntries(CONTENT_FIELDS.map((k) => [k, (rest as Record<string, unknown>)[k] ?? null])), editedAt: null, updatedAt: at })
      updated++
    }
  }
  if (added || updated) await bumpVersion(db)
  return { added, updated }
}

export type { Condition }
