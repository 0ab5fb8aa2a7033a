import { recognisedCategory } from '../recognition/store'
import type { Featured } from '../../src/core/policy/facts'
import { audit as auditLog } from '../common/audit'
import { maskName } from '../../src/core/course/certificateCode'
import { regionPrefix, within } from '../../src/core/region/code'
import { regionName } from '../../src/core/region/names'
import type { MyClaim, PendingOwner, StaffClaim, VerifyStatus } from '../../src/core/verify/contract'
import { CLAIM_STATUSES } from '../../src/core/verify/contract'
import {
  checkAgainstRegister,
  PENDING_LABEL,
  PENDING_STEPS,
  pendingWhy,
  sameName,
  VERIFIED_LABELS,
  type Verification,
  type VerifyNote
} from '../../src/core/verify/rules'
import type { Context } from '../common/context'
import { AppError, DuplicateKeyError, forbidden } from '../common/errors'
import { cmd, type Where } from '../common/ports'
import { markets, owners, type OwnerDoc, type StoredProfile } from './owners'
import type { BusinessType } from '../../src/core/user/options'
import { bindings, registerRows, type BindingDoc, type ClaimDoc, type RegisterDoc } from './verifyStore'

/**
 * Verified businesses (#16): one business (credit code) is bound to one owner account, and a
 * business is 已核验 only when the register, the 电子营业执照 or an officer in person says so.
 */

export const BOUND_MESSAGE = '这个营业执照已被另一个微信号绑定。如果这是您的店，可以申请转移，由市场监管部门核实后决定。'
/** A claim whose account never saved its profile (the call died between the two writes) is freed after this. */
const BIND_SETTLE_MS = 60_000

const PENDING: Verification = { state: 'pending', via: null, at: null, by: null }

/** The business is bound to someone else: refused with the field, so the form offers 申请转移. */
const taken = () => new AppError('CONFLICT', BOUND_MESSAGE, [{ path: 'creditCode', message: '这个营业执照已被另一个微信号绑定' }])

/**
 * Binds `code` to the caller, or refuses. A free code is taken by an insert (two accounts at once:
 * the database lets one through); a released one by a conditional update; one held by an account
 * whose saved profile no longer names it (a lost release) is freed once settled. Returns whether
 * this call took it (so a later refusal can give it back).
 */
export async function claimBinding(ctx: Context, code: string, region: string): Promise<{ fresh: boolean }> {
  const at = ctx.now.toISOString()
  let b = await bindings(ctx).get(code)
  if (!b) {
    try {
      await bindings(ctx).add({ _id: code, openid: ctx.openid, region, marketId: null, inRegister: false, verified: false, boundAt: at, createdAt: at, updatedAt: at })
      return { fresh: true }
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err
      b = await bindings(ctx).get(code)
    }
  }
  if (!b) throw taken()
  if (b.openid === ctx.openid) return { fresh: false }
  let from = b.openid
  if (from) {
    const holder = await owners(ctx).get(from)
    const settled = Date.parse(b.boundAt) < ctx.now.getTime() - BIND_SETTLE_MS
    if (!settled || holder?.profile?.creditCode === code) throw taken()
  } else from = ''
  await bindings(ctx).updateWhere({ _id: code, openid: from }, { openid: ctx.openid, verified: false, boundAt: at, updatedAt: at })
  if ((await bindings(ctx).get(code))?.openid !== ctx.openid) throw taken()
  return { fresh: true }
}

/** Gives a business back (the owner changed their credit code, or a save was refused after the claim). */
export async function releaseBinding(ctx: Context, code: string, openid: string) {
  await bindings(ctx).updateWhere({ _id: code, openid }, { openid: '', verified: false, updatedAt: ctx.now.toISOString() })
}

/** What to store on the owner for this profile: the register's answer, or a verification that still holds. */
export async function verificationFor(ctx: Context, doc: OwnerDoc, profile: { creditCode: string; businessName: string }) {
  const row = await registerRows(ctx).get(profile.creditCode)
  const out = checkAgainstRegister(profile, row)
  const at = ctx.now.toISOString()
  if (out.state === 'verified') {
    const was = doc.verification
    const keep = was?.state === 'verified' && was.via === 'register' && doc.profile?.creditCode === profile.creditCode
    return {
      verification: keep ? was! : { state: 'verified' as const, via: 'register' as const, at, by: null },
      verifyNote: null,
      registered: { registeredOn: row!.registeredOn, region: row!.region },
      row
    }
  }
  // a licence or an officer vouched for this very business and name: the register's silence does not undo that
  const was = doc.verification
  if (was?.state === 'verified' && was.via !== 'register' && doc.profile?.creditCode === profile.creditCode && sameName(doc.profile.businessName, profile.businessName)) {
    return { verification: was, verifyNote: null, registered: null, row }
  }
  return { verification: PENDING, verifyNote: out.note, registered: null, row }
}

/** The binding's copies (verified, where the register puts the business) follow the owner's state. */
export async function syncBinding(ctx: Context, code: string, openid: string, verified: boolean, row: RegisterDoc | null, region: string) {
  await bindings(ctx).updateWhere(
    { _id: code, openid },
    { verified, marketId: row?.marketId ?? null, inRegister: !!row, region: row?.region ?? region, updatedAt: ctx.now.toISOString() }
  )
}

export function statusOf(doc: OwnerDoc | null, license: VerifyStatus['license'], claim: MyClaim | null): VerifyStatus {
  const v = doc?.profile ? doc.verification ?? PENDING : PENDING
  const verified = v.state === 'verified' && v.via
  return {
    hasProfile: !!doc?.profile,
    state: verified ? 'verified' : 'pending',
    label: verified ? VERIFIED_LABELS[v.via!] : PENDING_LABEL,
    via: verified ? v.via : null,
    at: verified ? v.at : null,
    why: verified ? null : doc?.profile ? pendingWhy(doc.verifyNote ?? { reason: 'unchecked', statusText: null }) : '还没有建档',
    steps: verified || !doc?.profile ? [] : license.mode === 'off' ? PENDING_STEPS.slice(1) : PENDING_STEPS,
    license,
    claim
  }
}

export const licenseInfo = (ctx: Context): VerifyStatus['license'] => {
  const l = ctx.ports.license
  return l && l.mode !== 'off' ? { mode: l.mode, appId: l.appId, path: l.path } : { mode: 'off', appId: null, path: null }
}

export const isVerified = (doc: Pick<OwnerDoc, 'profile' | 'verification'> | null | undefined) => !!doc?.profile && doc.verification?.state === 'verified'

/**
 * The profile policy matching reads: the register's opening date and region where it has them,
 * the 名特优新 category only from a 认定 in force on `today` (#18, recognition/): a tick the
 * owner made in the profile is never believed; and the year's 分型 decision where there is one
 * (#18, user/classification.ts).
 */
export function matchProfile(doc: Pick<OwnerDoc, 'profile' | 'verification' | 'registered' | 'recognised' | 'decided'>, today: string): MatchedProfile | null {
  if (!doc.profile) return null
  const featured = recognisedCategory(doc, today)
  const decidedType = doc.decided?.type ?? null
  const r = isVerified(doc) ? doc.registered : null
  if (!r) return { ...doc.profile, featured, decidedType }
  return { ...doc.profile, openedOn: r.registeredOn ?? doc.profile.openedOn, region: r.region || doc.profile.region, featured, decidedType }
}
export type MatchedProfile = StoredProfile & { featured: Featured | null; decidedType: BusinessType | null }

// ---- the regulator's views ----

/** A regulator works inside their region; an admin (region null) everywhere. */
export function assertRegion(ctx: Context, region: string, what = '经营户') {
  const mine = ctx.staff?.region
  if (mine && !within(region, mine)) throw forbidden(`您只能处理${regionName(mine)}范围内的${what}`)
}

export const regionWhere = (ctx: Context, field: string): Where => {
  const r = ctx.staff?.region
  return r ? { [field]: cmd.prefix(regionPrefix(r)) } : {}
}

export async function pendingView(ctx: Context, o: OwnerDoc, names: Map<string, string>): Promise<PendingOwner> {
  const p = o.profile!
  const row = await registerRows(ctx).get(p.creditCode)
  const v = o.verification ?? PENDING
  const verified = v.state === 'verified' && !!v.via
  let by: string | null = null
  if (verified && v.via === 'inPerson' && v.by) by = (await ctx.db.collection<{ _id: string; name: string }>('staff').get(v.by))?.name ?? null
  return {
    id: p.creditCode,
    businessName: p.businessName,
    creditCode: p.creditCode,
    operator: row ? maskName(row.operatorName) : null,
    regionName: regionName(p.region),
    marketName: (o.marketId && names.get(o.marketId)) || null,
    why: verified ? '' : pendingWhy(o.verifyNote ?? { reason: 'unchecked', statusText: null }),
    state: verified ? 'verified' : 'pending',
    label: verified ? VERIFIED_LABELS[v.via!] : PENDING_LABEL,
    verifiedByName: by
  }
}

export async function marketNames(ctx: Context, ids: Array<string | null>) {
  const uniq = [...new Set(ids.filter((i): i is string => !!i))]
  const found = uniq.length ? await markets(ctx).find({ _id: cmd.in(uniq) }, { limit: 100 }) : []
  return new Map(found.map((m) => [m._id, m.name]))
}

export const myClaimView = (c: ClaimDoc): MyClaim => ({
  id: c._id,
  status: c.status,
  statusLabel: CLAIM_STATUSES[c.status],
  creditCode: c.creditCode,
  businessName: c.businessName,
  reason: c.reason,
  createdAt: c.createdAt,
  decidedAt: c.decidedAt
})

export async function staffClaimView(ctx: Context, c: ClaimDoc): Promise<StaffClaim> {
  const [b, row] = await Promise.all([bindings(ctx).get(c.creditCode), registerRows(ctx).get(c.creditCode)])
  const holderDoc = b?.openid ? await owners(ctx).get(b.openid) : null
  return {
    id: c._id,
    status: c.status,
    statusLabel: CLAIM_STATUSES[c.status],
    creditCode: c.creditCode,
    regionName: regionName(c.region),
    claimant: { businessName: c.businessName, operatorName: c.operatorName ? maskName(c.operatorName) : null },
    holder: holderDoc?.profile
      ? { businessName: holderDoc.profile.businessName, state: isVerified(holderDoc) ? VERIFIED_LABELS[holderDoc.verification!.via!] : PENDING_LABEL }
      : null,
    register: row ? { name: row.name, operator: maskName(row.operatorName), statusText: row.statusText } : null,
    note: c.note,
    reason: c.reason,
    decidedByName: c.decidedByName,
    createdAt: c.createdAt,
    decidedAt: c.decidedAt
  }
}

/** The audit log entry of a staff change to an owner (common/audit.ts: one log for every feature). */
export async function audit(ctx: Context, entry: { action: string; target: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  await auditLog(ctx.ports, ctx, entry)
}

export type { BindingDoc, VerifyNote }
