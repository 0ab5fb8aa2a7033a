import { OPEN_STATUSES } from '../../src/core/complaint/labels'
import { maskName } from '../../src/core/course/certificateCode'
import { latestOverdueReportYear, VISIT_REASONS, type VisitReason } from '../../src/core/visit/rules'
import type { ReasonView } from '../../src/core/visit/contract'
import { PENDING_LABEL, VERIFIED_LABELS } from '../../src/core/verify/rules'
import { complaints } from '../complaint/store'
import type { Context } from '../common/context'
import { notFound } from '../common/errors'
import { cmd } from '../common/ports'
import { PERMIT_TYPES } from '../../src/core/reminder/permitTypes'
import { obligations, permits, type PermitDoc } from '../reminder/store'
import { markets, owners, stalls, type OwnerDoc } from '../user/owners'
import { assertRegion } from '../user/verify'
import { bindings, registerRows, type RegisterDoc } from '../user/verifyStore'

/** The household a visit is about, resolved from a stall code or a credit code, with what a regulator needs. */
export interface Household {
  region: string
  marketId: string | null
  marketName: string | null
  stall: { id: string; number: string } | null
  creditCode: string | null
  owner: OwnerDoc | null
  row: RegisterDoc | null
  businessName: string | null
}

/**
 * Finds the household at a stall (the owner holding it) or by credit code (the account bound to
 * it, else the register row), refusing one outside the regulator's region as the 诉求 workbench does.
 */
export async function resolveHousehold(ctx: Context, target: { scene?: string; code?: string }): Promise<Household> {
  if (target.scene) {
    const [stall] = await stalls(ctx).find({ code: target.scene }, { limit: 1 })
    if (!stall) throw notFound('没有找到这个摊位码，请确认是市场发放的摊位二维码')
    const market = await markets(ctx).get(stall.marketId)
    if (!market) throw notFound('这个摊位所在的市场已不存在')
    assertRegion(ctx, market.region, '摊位')
    const holder = stall.holder || (stall.holder === undefined ? (await owners(ctx).find({ stallId: stall._id }, { limit: 1 }))[0]?._id : '')
    const owner = holder ? await owners(ctx).get(holder) : null
    const code = owner?.profile?.creditCode ?? null
    const row = code ? await registerRows(ctx).get(code) : null
    return {
      region: owner?.profile?.region ?? market.region,
      marketId: market._id,
      marketName: market.name,
      stall: { id: stall._id, number: stall.number },
      creditCode: code,
      owner: owner?.profile ? owner : null,
      row,
      businessName: owner?.profile?.businessName ?? row?.name ?? null
    }
  }
  const code = target.code
  if (!code) throw notFound('请扫摊位码，或从走访名单选一户')
  const [binding, row] = await Promise.all([bindings(ctx).get(code), registerRows(ctx).get(code)])
  let owner = binding?.openid ? await owners(ctx).get(binding.openid) : null
  if (!owner?.profile) owner = (await owners(ctx).find({ 'profile.creditCode': code }, { limit: 1 }))[0] ?? null
  if (owner && owner.profile?.creditCode !== code) owner = null
  if (!owner && !row) throw notFound('没有找到这户经营者')
  const region = owner?.profile?.region ?? row!.region
  assertRegion(ctx, region)
  const marketId = owner?.marketId ?? row?.marketId ?? null
  const market = marketId ? await markets(ctx).get(marketId) : null
  const stall = owner?.stallId ? await stalls(ctx).get(owner.stallId) : null
  return {
    region,
    marketId,
    marketName: market?.name ?? null,
    stall: stall ? { id: stall._id, number: stall.number } : null,
    creditCode: code,
    owner,
    row,
    businessName: owner?.profile?.businessName ?? row?.name ?? null
  }
}

export const verificationLabel = (h: Household) => {
  if (!h.owner) return '未加入小程序'
  const v = h.owner.verification
  return v?.state === 'verified' && v.via ? VERIFIED_LABELS[v.via] : PENDING_LABEL
}

export const operatorOf = (row: RegisterDoc | null | undefined) => (row?.operatorName ? maskName(row.operatorName) : null)

export const reason = (kind: VisitReason, detail: string | null = null): ReasonView => ({ kind, label: VISIT_REASONS[kind], detail })

/** Reason kinds in the order a row lists them (most pressing first). */
export const REASON_ORDER: VisitReason[] = ['help', 'annualOverdue', 'permitExpired', 'survival', 'neverJoined']
export const sortReasons = (rs: ReasonView[]) => [...rs].sort((a, b) => REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind))

/** Open 诉求 that asked for help: past their deadline, or urged by the owner. */
export const helpWhere = () => ({ status: cmd.in([...OPEN_STATUSES]) })
export const isHelp = (c: { overdue: boolean; urgeAgainOn?: string | null }) => c.overdue || !!c.urgeAgainOn

/** Why one household is on the list: a few queries, for the visit form. */
export async function reasonsOf(ctx: Context, h: Household): Promise<ReasonView[]> {
  const out: ReasonView[] = []
  if (!h.owner) {
    if (h.row) out.push(reason('neverJoined'))
    return out
  }
  const openid = h.owner._id
  const [cs, ar, ps] = await Promise.all([
    complaints(ctx.db).find({ openid, ...helpWhere() }, { limit: 20 }),
    obligations(ctx.db).find({ openid, filedAt: null, reportYear: cmd.lte(latestOverdueReportYear(ctx.today)) }, { limit: 5 }),
    permits(ctx.db).find({ openid, expiresOn: cmd.lt(ctx.today) }, { limit: 10 })
  ])
  const help = cs.filter(isHelp)
  if (help.length) out.push(reason('help', help.map((c) => `${c._id}${c.overdue ? '（超期）' : '（已催办）'}`).join('、')))
  if (ar.length) out.push(reason('annualOverdue', ar.map((o) => `${o.reportYear}年度`).join('、')))
  if (ps.length) out.push(reason('permitExpired', ps.map(permitText).join('、')))
  if (h.owner.classType === 'survival') out.push(reason('survival'))
  return sortReasons(out)
}

export const permitText = (p: Pick<PermitDoc, 'type' | 'name' | 'expiresOn'>) => `${p.type === 'other' ? p.name : PERMIT_TYPES[p.type].label}（${p.expiresOn}到期）`
