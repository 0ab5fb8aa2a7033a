import type { Featured } from '../../src/core/policy/facts'
import { cmd, patch, type Db } from '../common/ports'
import type { OwnerDoc } from '../user/owners'

/**
 * Before #18 an owner could tick a 名特优新 category in the profile, and matching believed it. Now
 * only a 认定 counts (recognition/). Each stored tick is moved, honestly, to `featuredWish`: the
 * 申报 page offers that category to apply for, and nothing treats it as recognised. (Matching
 * ignores `profile.featured` already, so an environment not yet migrated is never wrong, only
 * untidy.) Idempotent and bounded: each run moves up to `budget` owners and says whether more are left.
 */
export async function migrateFeaturedTicks(db: Db, budget = 1000): Promise<{ moved: number; more: boolean }> {
  const owners = db.collection<OwnerDoc & { profile: (OwnerDoc['profile'] & { featured?: Featured | null }) | null }>('owners')
  const found = await owners.find({ 'profile.featured': cmd.exists(true) }, { limit: Math.min(budget, 1000) })
  let moved = 0
  for (const o of found) {
    const tick = o.profile?.featured ?? null
    const wish = tick && !o.featuredWish ? { featuredWish: tick } : {}
    moved += (await owners.update(o._id, { 'profile.featured': patch.remove(), ...wish })) ? 1 : 0
  }
  return { moved, more: found.length === Math.min(budget, 1000) }
}
