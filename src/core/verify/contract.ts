import { action, OWNER, REGULATOR } from '../common/action'
import { pageInput, pageOutput } from '../common/paging'
import { creditCodeSchema, profileInputSchema } from '../user/contract'
import { id, text, z } from '../zod'

/**
 * Verified businesses (#16): the owner's verification, the 电子营业执照 authorization, the
 * regulator's in-person check, transfer of a business bound to another account, and coverage.
 * Actions of the `user` function (they read and write the owner's document).
 */

export const CLAIM_STATUSES = { pending: '等待审核', approving: '等待审核', approved: '已同意', declined: '未同意' } as const
export type ClaimStatus = keyof typeof CLAIM_STATUSES

/** The claimant's own view of a transfer request: nothing about the account that holds the business. */
export const myClaimSchema = z.strictObject({
  id,
  status: z.enum(['pending', 'approving', 'approved', 'declined']),
  statusLabel: z.string(),
  creditCode: z.string(),
  businessName: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable()
})
export type MyClaim = z.infer<typeof myClaimSchema>

export const verifyStatusSchema = z.strictObject({
  hasProfile: z.boolean(),
  state: z.enum(['verified', 'pending']),
  /** 已核验（登记信息一致） / 已核验（电子营业执照） / 已核验（现场核验） / 待核验 */
  label: z.string(),
  via: z.enum(['register', 'license', 'inPerson']).nullable(),
  at: z.string().nullable(),
  /** why it waits, in plain words (null when verified) */
  why: z.string().nullable(),
  /** what the owner can do (empty when verified) */
  steps: z.array(z.string()),
  /**
   * how 电子营业执照 works here: `official` opens the official mini-program (its appId),
   * `demo` the local demo authorization, `off` not configured (the page says so)
   */
  license: z.strictObject({ mode: z.enum(['official', 'demo', 'off']), appId: z.string().nullable(), path: z.string().nullable() }),
  /** the latest transfer request of this owner that is open or was decided lately */
  claim: myClaimSchema.nullable()
})
export type VerifyStatus = z.infer<typeof verifyStatusSchema>

/** An owner waiting for verification, as a regulator sees them (person masked). */
export const pendingOwnerSchema = z.strictObject({
  id: z.string(),
  businessName: z.string(),
  creditCode: z.string(),
  /** the operator's name from the register, masked; null when the register does not have the business */
  operator: z.string().nullable(),
  regionName: z.string(),
  marketName: z.string().nullable(),
  why: z.string(),
  state: z.enum(['verified', 'pending']),
  label: z.string(),
  verifiedByName: z.string().nullable()
})
export type PendingOwner = z.infer<typeof pendingOwnerSchema>

const partySchema = z.strictObject({ businessName: z.string(), state: z.string() })

export const staffClaimSchema = z.strictObject({
  id,
  status: z.enum(['pending', 'approving', 'approved', 'declined']),
  statusLabel: z.string(),
  creditCode: z.string(),
  regionName: z.string(),
  /** the claimant's business as they typed it */
  claimant: z.strictObject({ businessName: z.string(), operatorName: z.string().nullable() }),
  /** the account holding the business now (its saved profile), null if none any more */
  holder: partySchema.nullable(),
  /** what the register says, when it has the business */
  register: z.strictObject({ name: z.string(), operator: z.string(), statusText: z.string() }).nullable(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable()
})
export type StaffClaim = z.infer<typeof staffClaimSchema>

export const coverageRowSchema = z.strictObject({
  /** null: businesses of the region the register places in no market */
  marketId: z.string().nullable(),
  name: z.string(),
  inRegister: z.number().int(),
  joined: z.number().int(),
  verified: z.number().int(),
  neverJoined: z.number().int()
})
export type CoverageRow = z.infer<typeof coverageRowSchema>

export const visitSchema = z.strictObject({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  operator: z.string(),
  address: z.string(),
  registeredOn: z.string().nullable()
})
export type Visit = z.infer<typeof visitSchema>

const statusOut = verifyStatusSchema

export const verifyContract = {
  'user.verify.status': action({ input: z.strictObject({}), output: statusOut, roles: OWNER }),
  /** Checks the saved profile against the register again (after the office updated it, say). */
  'user.verify.check': action({ input: z.strictObject({}), output: statusOut, roles: OWNER }),
  /** The 电子营业执照 authorization: the code the official service (or the local demo) handed back. */
  'user.verify.license': action({
    input: z.strictObject({ authCode: z.string().trim().min(1, '请填写授权码').max(200, '授权码格式不对').regex(/^[0-9A-Za-z_.:-]+$/, '授权码格式不对') }),
    output: statusOut,
    roles: OWNER
  }),
  /** 待核验 owners of the regulator's region, newest first. */
  'user.verify.pending': action({
    input: z.strictObject({ ...pageInput(20) }),
    output: z.strictObject({ items: z.array(pendingOwnerSchema), ...pageOutput, verified: z.number().int() }),
    roles: REGULATOR
  }),
  /** 现场核验: the officer saw the licence, and says so. */
  'user.verify.inPerson': action({
    input: z.strictObject({ id: z.string().min(1).max(64), sawLicence: z.literal(true, { error: '请确认已当面查看营业执照原件' }) }),
    output: pendingOwnerSchema,
    roles: REGULATOR
  }),
  /** Asks for a business bound to another account to be moved to the caller (with the profile they typed). */
  'user.claim.request': action({
    input: z.strictObject({ profile: profileInputSchema, note: text(200, 0).optional() }),
    output: myClaimSchema,
    roles: OWNER,
    creates: true
  }),
  'user.claim.list': action({
    input: z.strictObject({ status: z.enum(['open', 'decided']), ...pageInput(20) }),
    output: z.strictObject({ items: z.array(staffClaimSchema), ...pageOutput }),
    roles: REGULATOR
  }),
  'user.claim.decide': action({
    input: z.strictObject({ id, decision: z.enum(['approve', 'decline']), reason: text(200, 0).optional() }),
    output: staffClaimSchema,
    roles: REGULATOR
  }),
  /** Per market: in the register, joined (a bound account), verified, never joined. */
  'user.coverage': action({
    input: z.strictObject({}),
    output: z.strictObject({ markets: z.array(coverageRowSchema), totals: coverageRowSchema.omit({ marketId: true, name: true }) }),
    roles: REGULATOR
  }),
  /** 走访名单: businesses of a market (or of no market: `none`) in the register that never joined. */
  'user.coverage.visits': action({
    input: z.strictObject({ marketId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不对'), ...pageInput(20) }),
    output: z.strictObject({ items: z.array(visitSchema), ...pageOutput }),
    roles: REGULATOR
  })
}

export { creditCodeSchema }
