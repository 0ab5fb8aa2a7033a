import { register } from '../register/store'
import type { ClaimStatus } from '../../src/core/verify/contract'
import type { Context } from '../common/context'
import type { StoredProfile } from './owners'

/** The register (collection `register`) is written only by the import (cloudfunctions/register); verification reads it. */
export type { RegisterDoc } from '../register/store'

/**
 * One business, one owner account: `_id` is the credit code, `openid` the account holding it
 * ('' when none: released, like a stall's holder). Created by an insert (a second insert of the
 * same code fails in the database) and moved only by conditional updates on `openid`. Carries
 * copies of where the business is (from the register where it has it) and whether it is
 * verified, so coverage is a handful of count queries.
 */
export interface BindingDoc {
  _id: string
  openid: string
  region: string
  /** the register's market for this business (null: none, or not in the register) */
  marketId: string | null
  /** the register has this business */
  inRegister?: boolean
  verified: boolean
  boundAt: string
  createdAt: string
  updatedAt: string
}

/** A request to move a business bound to another account to the claimant (regulator decides). */
export interface ClaimDoc {
  _id: string
  openid: string
  creditCode: string
  businessName: string
  operatorName: string | null
  /** the profile the claimant typed (without a stall), saved for them when a regulator agrees */
  profile: Omit<StoredProfile, 'updatedAt'>
  note: string | null
  /** the register's region for the business, else the typed one: whose regulators decide */
  region: string
  status: ClaimStatus
  /** true while pending/approving: the regulator's queue */
  open: boolean
  /** `<openid>:<creditCode>` while open, `closed:<_id>` after: unique, one open request per owner and business */
  openKey: string
  /** the account holding the business when the request was made (told of it, and of the decision) */
  holder: string
  /** who held it when a regulator agreed (set once, so a retry still tells them) */
  previous?: string
  reason: string | null
  decidedBy: string | null
  decidedByName: string | null
  decidedAt: string | null
  createdAt: string
  updatedAt: string
}

export const registerRows = (ctx: Pick<Context, 'db'>) => register(ctx.db)
export const bindings = (ctx: Pick<Context, 'db'>) => ctx.db.collection<BindingDoc>('bindings')
export const claims = (ctx: Pick<Context, 'db'>) => ctx.db.collection<ClaimDoc>('claimTransfers')
