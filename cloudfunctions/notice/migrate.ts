import { cmd, type Db, type Doc } from '../common/ports'
import type { OwnerDoc } from '../user/owners'
import { repairs } from './store'

const PAGE = 500

/**
 * Before #18 an owner could tick 经营异常 on their own profile, and policy matching and the loan
 * score believed it. Only the register or staff mark it now. This migration looks at every
 * owner whose profile says abnormal: where no official mark stands behind it, the tick is cleared
 * and kept apart as `abnormalSelfReportedAt` (what the owner once said, and when we stopped
 * believing it), so staff can check those businesses against the register; it is never turned
 * into a mark. Idempotent and resumable (a cursor in `meta`), bounded per run like migrateRegions.
 */
export async function migrateAbnormalTicks(db: Db, now: Date, budget = 5000): Promise<{ cleared: number; more: boolean }> {
  const meta = db.collection<Doc & { cursor?: string; done?: boolean }>('meta')
  const state = (await meta.get('abnormal-migration')) ?? { _id: 'abnormal-migration', cursor: '', done: false }
  if (state.done) return { cleared: 0, more: false }
  let cursor = state.cursor ?? ''
  let seen = 0
  let cleared = 0
  const owners = db.collection<OwnerDoc & { abnormalSelfReportedAt?: string }>('owners')
  for (;;) {
    if (seen >= budget) {
      await meta.set('abnormal-migration', { cursor, done: false } as never)
      return { cleared, more: true }
    }
    const page = await owners.find({ 'profile.abnormal': true, ...(cursor ? { _id: cmd.gt(cursor) } : {}) }, { orderBy: [['_id', 'asc']], limit: PAGE })
    for (const o of page) {
      seen++
      const code = o.profile?.creditCode
      const official = code ? await repairs(db).get(code) : null
      if (official?.status === 'marked') continue
      await owners.update(o._id, { 'profile.abnormal': false, abnormalSelfReportedAt: now.toISOString() })
      cleared++
    }
    if (page.length) cursor = page[page.length - 1]._id
    if (page.length < PAGE) break
  }
  await meta.set('abnormal-migration', { cursor, done: true } as never)
  return { cleared, more: false }
}
