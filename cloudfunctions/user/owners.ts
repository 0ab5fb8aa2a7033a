import type { NotifySettings } from '../../src/core/reminder/contract'
import type { Consent, Market, Profile, Settings, Stall } from '../../src/core/user/contract'
import { DEFAULT_SETTINGS } from '../../src/core/user/contract'
import { regionName } from '../../src/core/region/names'
import { classify } from '../../src/core/user/classify'
import type { BusinessType } from '../../src/core/user/options'
import type { Context } from '../common/context'
import { DuplicateKeyError } from '../common/errors'
import type { Verification, VerifyNote } from '../../src/core/verify/rules'
import { FEATURED, type Featured } from '../../src/core/policy/facts'
import { recognisedCategory } from '../recognition/store'
import type { RecognisedMirror } from '../recognition/store'
import { briefOf, type DecidedOnOwner } from './classification'

/** The profile as stored: the region is its code; its name is added for views only. */
export type StoredProfile = Omit<Profile, 'regionName'>

/** One document per WeChat user, keyed by openid. Staff have one too (for their settings). */
export interface OwnerDoc {
  _id: string
  profile: StoredProfile | null
  marketId: string | null
  stallId: string | null
  /**
   * bound to the stall as a further business beside its holder; otherwise the owner holds it,
   * as long as the stall says so (StallDoc.holder): a move approved by a regulator changes that
   */
  stallShared?: boolean
  settings: Settings
  /** the latest decision per consent kind; the full history is in `consents` */
  consents: Partial<Record<Consent['kind'], Consent>>
  /**
   * The 分型 in use, so audiences can be counted in the database: the latest yearly decision
   * where there is one (#18, user/classification.ts), else the estimate at the last profile save
   */
  classType?: BusinessType
  /** the latest yearly 分型 decision (#18), absent where none has run for this owner */
  decided?: DecidedOnOwner | null
  /** topics and the daily cap of phone messages (absent: the defaults) */
  notify?: NotifySettings
  /** broadcasts delivered to this owner (common/broadcast.ts), oldest first; absent: none */
  broadcasts?: string[]
  /** of those, the ones the owner has read */
  broadcastsRead?: string[]
  /** is the business really this owner's (#16, user/verify.ts); absent: saved before verification existed */
  verification?: Verification
  /** why it is pending (null when verified) */
  verifyNote?: VerifyNote | null
  /** the register's facts for this business while it is verified against it: policy matching prefers them */
  registered?: { registeredOn: string | null; region: string } | null
  /** China date of the last login (监测分析's "active"); absent: not logged in since it was recorded */
  lastSeenOn?: string
  /**
   * 名特优新 in force, written only by the recognition function at 认定 (and cleared when it
   * lapses); matching, audiences and the loan scorecard read it (recognition/store.ts)
   */
  recognised?: RecognisedMirror | null
  /** a category the owner ticked before ticks stopped counting: offered on the 申报 page, never believed */
  featuredWish?: Featured | null
  createdAt: string
  updatedAt: string
}

export interface MarketDoc {
  _id: string
  name: string
  region: string
  address: string
  /** a further business may bind to a stall another owner holds (absent: no) */
  allowShared?: boolean
  createdBy: string
  createdAt: string
  updatedAt: string
}

export interface StallDoc {
  _id: string
  marketId: string
  number: string
  code: string
  qrFileId: string | null
  qrTarget: string | null
  /**
   * The openid of the owner who holds the stall, '' when nobody does. Claimed and moved only by
   * conditional updates on this field, so two owners saving at once cannot both take it.
   * Absent on stalls bound before this field existed: see holderOf (user/stalls.ts).
   */
  holder?: string
  /** when the holder took it (a claim whose owner never finished saving is freed after a while) */
  heldAt?: string
  /** the stall's own sharing setting; absent or null: as its market says */
  allowShared?: boolean | null
  createdAt: string
  updatedAt: string
}

/** Append-only record of every consent decision (个人信息保护法: what, which version, when). */
export interface ConsentDoc extends Consent {
  _id: string
  openid: string
}

export const consentLog = (ctx: Context) => ctx.db.collection<ConsentDoc>('consents')
export const owners = (ctx: Context) => ctx.db.collection<OwnerDoc>('owners')
export const markets = (ctx: Context) => ctx.db.collection<MarketDoc>('markets')
export const stalls = (ctx: Context) => ctx.db.collection<StallDoc>('stalls')

/** Reads the caller's document, creating it on first sight (concurrent first calls are fine). */
export async function ensureOwner(ctx: Context): Promise<{ doc: OwnerDoc; isNew: boolean }> {
  const existing = await owners(ctx).get(ctx.openid)
  if (existing) return { doc: existing, isNew: false }
  const at = ctx.now.toISOString()
  const doc: OwnerDoc = {
    _id: ctx.openid,
    profile: null,
    marketId: null,
    stallId: null,
    settings: { ...DEFAULT_SETTINGS },
    consents: {},
    createdAt: at,
    updatedAt: at
  }
  try {
    await owners(ctx).add(doc)
    return { doc, isNew: true }
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err
    return { doc: (await owners(ctx).get(ctx.openid))!, isNew: false }
  }
}

export const toMarket = (m: MarketDoc): Market => ({ id: m._id, name: m.name, region: m.region, regionName: regionName(m.region), address: m.address })
export const profileView = (p: StoredProfile): Profile => {
  // a 名特优新 tick stored before #18 is not part of the profile any more (recognition/migrate.ts)
  const { featured: _tick, ...rest } = p as StoredProfile & { featured?: unknown }
  return { ...rest, regionName: regionName(p.region) }
}
export const toStall = (s: StallDoc): Stall => ({ id: s._id, code: s.code, number: s.number, marketId: s.marketId })

/**
 * Is `doc` still bound to `stall`? A holder stays bound while the stall names them (a stall from
 * before holders were recorded names nobody yet and trusts the owner's document); a stall moved
 * to another owner by a regulator unbinds the one it was moved from even if their document was
 * not updated yet.
 */
export const boundTo = (doc: Pick<OwnerDoc, '_id' | 'stallShared'>, stall: StallDoc) =>
  !!doc.stallShared || stall.holder === undefined || stall.holder === doc._id

/** What the owner sees of themselves: profile, 分型 with reasons, market and stall. */
export async function ownerView(ctx: Context, doc: OwnerDoc) {
  const [market, found] = await Promise.all([
    doc.marketId ? markets(ctx).get(doc.marketId) : null,
    doc.stallId ? stalls(ctx).get(doc.stallId) : null
  ])
  const stall = found && boundTo(doc, found) ? found : null
  return {
    profile: doc.profile ? profileView(doc.profile) : null,
    classification: doc.profile ? classify(doc.profile, ctx.today) : null,
    decision: doc.profile ? briefOf(doc.decided) : null,
    market: market && (stall || !found) ? toMarket(market) : null,
    stall: stall ? toStall(stall) : null,
    stallShared: !!(stall && doc.stallShared),
    recognition: recognisedCategory(doc, ctx.today) ? { category: doc.recognised!.category, label: FEATURED[doc.recognised!.category], until: doc.recognised!.until } : null
  }
}
