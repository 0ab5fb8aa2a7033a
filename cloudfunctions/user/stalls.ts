import { regionName } from '../../src/core/region/names'
import { within } from '../../src/core/region/code'
import type { MyStallRequest, StaffStallRequest } from '../../src/core/user/contract'
import { shareAllowed, STALL_REQUEST_STATUSES, type StallHolding, type StallRequestStatus } from '../../src/core/user/stall'
import type { Context, StaffDoc } from '../common/context'
import { AppError, forbidden, notFound } from '../common/errors'
import { notify } from '../common/notify'
import { cmd } from '../common/ports'
import { markets, owners, stalls, type MarketDoc, type OwnerDoc, type StallDoc } from './owners'

/**
 * Who holds a stall, and requests to move it (#14: a second owner scanning a held stall was bound
 * to it without a word). The stall document is the truth for "who holds it" (StallDoc.holder);
 * the owner's document says which stall they are bound to and whether beside its holder.
 */

/**
 * A claim whose owner document never followed (the process died between the two writes) is
 * freed after this long. Far longer than a function may run (10 s), so never a claim in progress.
 */
export const CLAIM_SETTLE_MS = 60_000

export async function findStall(ctx: Context, code: string): Promise<{ stall: StallDoc; market: MarketDoc } | null> {
  const [stall] = await stalls(ctx).find({ code }, { limit: 1 })
  if (!stall) return null
  const market = await markets(ctx).get(stall.marketId)
  return market ? { stall, market } : null
}

/**
 * The openid holding `stall`, or null. Stalls bound before holders were recorded learn theirs
 * once, from the earliest owner bound to them; a holder whose own document no longer points at
 * the stall (they moved on and the release was lost) is freed. Both by conditional updates, so
 * concurrent readers agree.
 */
export async function holderOf(ctx: Context, stall: StallDoc): Promise<string | null> {
  if (stall.holder === undefined) {
    const bound = await owners(ctx).find({ stallId: stall._id }, { orderBy: [['createdAt', 'asc']], limit: 20 })
    const first = bound.find((o) => !o.stallShared)
    await stalls(ctx).updateWhere({ _id: stall._id, holder: cmd.exists(false) }, { holder: first?._id ?? '', heldAt: first?.createdAt ?? '' })
    const now = await stalls(ctx).get(stall._id)
    stall.holder = now?.holder ?? ''
    stall.heldAt = now?.heldAt
    return stall.holder || null
  }
  if (!stall.holder) return null
  const settled = !stall.heldAt || Date.parse(stall.heldAt) < ctx.now.getTime() - CLAIM_SETTLE_MS
  if (settled) {
    const owner = await owners(ctx).get(stall.holder)
    if (!owner || owner.stallId !== stall._id || owner.stallShared) {
      await stalls(ctx).updateWhere({ _id: stall._id, holder: stall.holder }, { holder: '', heldAt: ctx.now.toISOString() })
      const now = await stalls(ctx).get(stall._id)
      stall.holder = now?.holder ?? ''
      stall.heldAt = now?.heldAt
      return stall.holder || null
    }
  }
  return stall.holder
}

/** Takes a free stall for `openid`; true when `openid` holds it afterwards. */
async function claim(ctx: Context, stall: StallDoc, openid: string): Promise<boolean> {
  const at = ctx.now.toISOString()
  const taken = await stalls(ctx).updateWhere({ _id: stall._id, holder: '' }, { holder: openid, heldAt: at })
  if (taken === 1) {
    stall.holder = openid
    stall.heldAt = at
    return true
  }
  const now = await stalls(ctx).get(stall._id)
  return now?.holder === openid
}

/** Gives up `stallId` if `openid` holds it (after they bound elsewhere). */
export async function release(ctx: Context, stallId: string, openid: string) {
  await stalls(ctx).updateWhere({ _id: stallId, holder: openid }, { holder: '', heldAt: ctx.now.toISOString() })
}

export function holdingFor(openid: string, holder: string | null, owner: OwnerDoc | null, stall: StallDoc): StallHolding {
  if (holder === openid) return 'mine'
  if (owner?.stallId === stall._id && owner.stallShared) return 'mineShared'
  return holder ? 'held' : 'free'
}

export const HELD_MESSAGE = '这个摊位已由另一户经营者绑定。您可以申请转到您名下，由市场监管部门核实后决定；也可以先不绑定摊位。'

/**
 * Binds the caller's document to the stall with `code`: a free stall is claimed; a held one only
 * beside its holder, where the regulator allows it and the caller asked for that. Returns the
 * binding to store and what to do once it is stored (free the stall the caller held before).
 */
export async function bindStall(ctx: Context, doc: OwnerDoc, code: string, share: boolean) {
  const found = await findStall(ctx, code)
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个摊位，请重新扫描摊位上的二维码', [{ path: 'stallCode', message: '摊位不存在' }])
  const { stall, market } = found
  let holder = await holderOf(ctx, stall)
  let shared = false
  if (holder !== ctx.openid && !holder) {
    if (await claim(ctx, stall, ctx.openid)) holder = ctx.openid
    else holder = await holderOf(ctx, (await stalls(ctx).get(stall._id)) ?? stall)
  }
  if (holder && holder !== ctx.openid) {
    if (!share || !shareAllowed(stall, market)) {
      throw new AppError('CONFLICT', HELD_MESSAGE, [{ path: 'stallCode', message: '这个摊位已有人绑定' }])
    }
    shared = true
  }
  const before = doc.stallId && doc.stallId !== stall._id && !doc.stallShared ? doc.stallId : null
  return {
    binding: { marketId: market._id, stallId: stall._id, stallShared: shared },
    after: async () => {
      if (before) await release(ctx, before, ctx.openid)
    }
  }
}

// ---- requests to move a held stall ----

export interface StallRequestDoc {
  _id: string
  /** the requester */
  openid: string
  stallId: string
  stallCode: string
  stallNumber: string
  marketId: string
  marketName: string
  /** the market's region, for the regulator's scope */
  region: string
  /** the requester's business at the time of asking */
  businessName: string
  creditCode: string
  note: string | null
  status: StallRequestStatus
  /**
   * `<openid>:<stallId>` while the request is open, `closed:<_id>` after: a unique index, so the
   * database refuses a second open request by the same owner for the same stall however many
   * arrive at once.
   */
  openKey: string
  /** who held the stall when a regulator agreed (absent until then); told that it moved */
  previous?: string
  reason: string | null
  decidedBy: string | null
  decidedByName: string | null
  decidedAt: string | null
  createdAt: string
  updatedAt: string
}

export const stallRequests = (ctx: Context) => ctx.db.collection<StallRequestDoc>('stallRequests')
export const openKeyOf = (openid: string, stallId: string) => `${openid}:${stallId}`
const closedKey = (id: string) => `closed:${id}`

export const myRequestView = (r: StallRequestDoc): MyStallRequest => ({
  id: r._id,
  status: r.status,
  statusLabel: STALL_REQUEST_STATUSES[r.status],
  marketName: r.marketName,
  stallNumber: r.stallNumber,
  stallCode: r.stallCode,
  note: r.note,
  reason: r.reason,
  createdAt: r.createdAt,
  decidedAt: r.decidedAt
})

export async function openRequestOf(ctx: Context, stallId: string): Promise<StallRequestDoc | null> {
  const [r] = await stallRequests(ctx).find({ openKey: openKeyOf(ctx.openid, stallId) }, { limit: 1 })
  return r ?? null
}

/** A regulator works inside their region; an admin (region null) everywhere. */
export function assertStaffRegion(ctx: Context, region: string) {
  const mine = ctx.staff?.region
  if (mine && !within(region, mine)) throw forbidden(`您只能处理${regionName(mine)}范围内的摊位`)
}

/** Regulators whose region contains `region` (the county's, the city's, the province's). */
export async function regulatorsFor(ctx: Context, region: string): Promise<StaffDoc[]> {
  const areas = [...new Set([region, `${region.slice(0, 4)}00`, `${region.slice(0, 2)}0000`])]
  // a suspended officer hears nothing until resumed
  return (await ctx.db.collection<StaffDoc>('staff').find({ role: 'regulator', region: cmd.in(areas) }, { limit: 100 })).filter((s) => !s.suspended)
}

async function partyOf(ctx: Context, openid: string | null) {
  if (!openid) return null
  const o = await owners(ctx).get(openid)
  return o?.profile ? { businessName: o.profile.businessName, creditCode: o.profile.creditCode } : null
}

export async function staffRequestView(ctx: Context, r: StallRequestDoc): Promise<StaffStallRequest> {
  const stall = await stalls(ctx).get(r.stallId)
  // after a decision the holder is who it went to; while open, whoever holds it now
  const holder = stall ? await holderOf(ctx, stall) : null
  return {
    id: r._id,
    status: r.status,
    statusLabel: STALL_REQUEST_STATUSES[r.status],
    marketName: r.marketName,
    regionName: regionName(r.region),
    stallNumber: r.stallNumber,
    requester: { businessName: r.businessName, creditCode: r.creditCode },
    holder: await partyOf(ctx, holder),
    note: r.note,
    reason: r.reason,
    decidedByName: r.decidedByName,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt
  }
}

const stallLabel = (r: StallRequestDoc) => `${r.marketName}${r.stallNumber}号摊位`

/**
 * Finishes a request a regulator agreed to (status `approving`): the stall moves to the requester,
 * the owner it moved from is unbound, both are told. Every step can run again (a retry after a
 * crash, or a second regulator pressing 同意 at the same moment) without doing anything twice.
 */
export async function finishApproval(ctx: Context, req: StallRequestDoc): Promise<StallRequestDoc> {
  const stall = await stalls(ctx).get(req.stallId)
  if (!stall) throw notFound('这个摊位已不存在')
  if (req.previous === undefined) {
    // remember who loses the stall before it moves, so a retry still tells them
    const current = (await holderOf(ctx, stall)) ?? ''
    await stallRequests(ctx).updateWhere({ _id: req._id, status: 'approving', previous: cmd.exists(false) }, { previous: current })
    req = (await stallRequests(ctx).get(req._id)) ?? req
  }
  const current = await holderOf(ctx, stall)
  if (current !== req.openid) {
    const moved = await stalls(ctx).updateWhere({ _id: stall._id, holder: current ?? '' }, { holder: req.openid, heldAt: ctx.now.toISOString() })
    if (moved !== 1 && (await stalls(ctx).get(stall._id))?.holder !== req.openid) {
      throw new AppError('CONFLICT', '这个摊位的绑定刚有变化，请刷新后再处理')
    }
  }
  const at = ctx.now.toISOString()
  const previous = req.previous || null
  if (previous && previous !== req.openid) {
    await owners(ctx).updateWhere({ _id: previous, stallId: stall._id }, { stallId: null, marketId: null, stallShared: false, updatedAt: at })
  }
  const requester = await owners(ctx).get(req.openid)
  if (requester && (requester.stallId !== stall._id || requester.stallShared)) {
    const before = requester.stallId && requester.stallId !== stall._id && !requester.stallShared ? requester.stallId : null
    await owners(ctx).update(req.openid, { stallId: stall._id, marketId: stall.marketId, stallShared: false, updatedAt: at })
    if (before) await release(ctx, before, req.openid)
  }
  await stallRequests(ctx).updateWhere({ _id: req._id, status: 'approving' }, { status: 'approved', openKey: closedKey(req._id), updatedAt: at })
  await notify(ctx.ports, ctx.now, {
    openid: req.openid,
    topic: 'account',
    key: `stall-request:${req._id}:approved`,
    title: '摊位已转到您名下',
    body: `您申请的${stallLabel(req)}，市场监管部门已核实同意，现已绑定到您的档案。`,
    page: 'pages/me/index'
  })
  if (previous && previous !== req.openid) {
    await notify(ctx.ports, ctx.now, {
      openid: previous,
      topic: 'account',
      key: `stall-request:${req._id}:moved`,
      title: '摊位绑定已变更',
      body: `${stallLabel(req)}经市场监管部门核实，已改为绑定另一户经营者，您的档案不再绑定这个摊位。如有疑问，请联系${regionName(req.region)}市场监管部门。`,
      page: 'pages/me/index'
    })
  }
  return (await stallRequests(ctx).get(req._id)) ?? req
}

export async function tellDeclined(ctx: Context, req: StallRequestDoc) {
  await notify(ctx.ports, ctx.now, {
    openid: req.openid,
    topic: 'account',
    key: `stall-request:${req._id}:declined`,
    title: '摊位申请未同意',
    body: `您申请把${stallLabel(req)}转到名下，市场监管部门未同意：${req.reason ?? ''}`,
    page: 'pages/me/index'
  })
}

export const closedKeyOf = closedKey
