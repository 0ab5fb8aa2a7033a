import { DuplicateKeyError } from './errors'
import { cmd, patch, type Db, type Doc } from './ports'

/**
 * Rules of the form "at most one open X per owner" and "at most N a day", enforced by the
 * database rather than by a check followed by a write (twenty calls at once all pass a check).
 * One document per rule and owner in `slots`, keyed `<openid>:<rule>`: an insert claims it, and
 * afterwards only a conditional update (on the holder, the expiry or the count) can change it.
 */
export interface SlotDoc extends Doc {
  /** what holds the slot (an exam attempt's id) */
  holder?: string
  /** the claim lapses at this instant (ISO); a later claim may then take the slot */
  until?: string
  /** uses counted against a limit */
  n?: number
}

const slots = (db: Db) => db.collection<SlotDoc>('slots')

/**
 * Claims `key` for `holder` until `until`, unless another holder's claim is still running. Returns
 * the slot as it now is: `holder === holder` means this call holds it.
 */
export async function claimSlot(db: Db, key: string, holder: string, now: Date, until: Date): Promise<SlotDoc> {
  const doc = { holder, until: until.toISOString() }
  try {
    await slots(db).add({ _id: key, ...doc })
    return { _id: key, ...doc }
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err
  }
  const taken = await slots(db).updateWhere({ _id: key, until: cmd.lte(now.toISOString()) }, doc)
  if (taken === 1) return { _id: key, ...doc }
  return (await slots(db).get(key)) ?? { _id: key, ...doc }
}

/** Ends `holder`'s claim at `until` (now, or later to keep the slot closed for a while). */
export async function releaseSlot(db: Db, key: string, holder: string, until: Date): Promise<boolean> {
  return (await slots(db).updateWhere({ _id: key, holder }, { until: until.toISOString() })) === 1
}

export const readSlot = (db: Db, key: string) => slots(db).get(key)

/** Counts one use of `key` if fewer than `limit` were counted; false when the limit is reached. */
export async function takeCount(db: Db, key: string, limit: number): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await slots(db).updateWhere({ _id: key, n: cmd.lt(limit) }, { n: patch.inc(1) })) === 1) return true
    if (await slots(db).get(key)) return false
    try {
      await slots(db).add({ _id: key, n: 1 })
      return true
    } catch (err) {
      // another call created it first: count against it
      if (!(err instanceof DuplicateKeyError)) throw err
    }
  }
  return false
}
