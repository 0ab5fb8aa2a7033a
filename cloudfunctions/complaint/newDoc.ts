import { ACCEPT_WORKING_DAYS } from '../../src/core/complaint/labels'
import type { Context } from '../common/context'
import { markets, owners, stalls } from '../user/owners'
import { deadline, type ComplaintDoc } from './store'

/** What the one who files a 诉求 decides; everything else a new 诉求 holds is the same for all. */
export type ComplaintFiling = Pick<ComplaintDoc, 'openid' | 'category' | 'party' | 'what' | 'happenedOn' | 'place' | 'photos' | 'phone' | 'disclose' | 'check'> &
  Partial<Pick<ComplaintDoc, 'source' | 'visitId' | 'filedBy'>>

/**
 * A new 诉求 as stored, whether the owner files it (complaint.submit) or a regulator at a 走访 on
 * their behalf (onBehalf.ts): the owner's market, stall and business copied in for the workbench,
 * 提交 as the first step of its timeline, and the deadline to 受理 (ACCEPT_WORKING_DAYS).
 */
export async function newComplaintDoc(ctx: Context, filing: ComplaintFiling, note: string | null): Promise<Omit<ComplaintDoc, '_id'>> {
  const owner = await owners(ctx).get(filing.openid)
  const [market, stall] = await Promise.all([owner?.marketId ? markets(ctx).get(owner.marketId) : null, owner?.stallId ? stalls(ctx).get(owner.stallId) : null])
  const at = ctx.now.toISOString()
  return {
    ...filing,
    region: market?.region ?? owner?.profile?.region ?? '',
    marketId: market?._id ?? null,
    marketName: market?.name ?? null,
    businessName: owner?.profile?.businessName ?? null,
    stallNumber: stall?.number ?? null,
    status: 'submitted',
    reopened: 0,
    office: null,
    reply: null,
    rejectReason: null,
    ratings: [],
    timeline: [{ status: 'submitted', at, note }],
    supplements: [],
    urgeAgainOn: null,
    handler: null,
    rev: 0,
    ...deadline('accept', ctx.today, ACCEPT_WORKING_DAYS),
    createdAt: at,
    updatedAt: at
  }
}
