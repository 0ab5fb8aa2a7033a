import { classify } from '../../src/core/user/classify'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { regionName } from '../../src/core/region/names'
import { VERIFIED_LABELS } from '../../src/core/verify/rules'
import type { Context } from '../common/context'
import { AppError, conflict, DuplicateKeyError, invalid, notFound, precondition } from '../common/errors'
import { notify } from '../common/notify'
import { addOnce, recordId } from '../common/once'
import { decodeCursor, encodeCursor, pageNewestFirst } from '../common/paging'
import { cmd, type Where } from '../common/ports'
import type { Handlers } from '../common/router'
import { ensureCurrentObligation } from '../reminder/store'
import { ensureOwner, markets, owners, type OwnerDoc } from './owners'
import { regulatorsFor } from './stalls'
import {
  assertRegion,
  audit,
  isVerified,
  licenseInfo,
  marketNames,
  myClaimView,
  pendingView,
  regionWhere,
  staffClaimView,
  statusOf,
  syncBinding,
  verificationFor
} from './verify'
import { bindings, claims, registerRows, type ClaimDoc } from './verifyStore'
import { neverJoinedPage } from './neverJoined'
import { markForRedecision, typeInUse } from './classification'
import { maskName } from '../../src/core/course/certificateCode'

type VerifyActions =
  | 'user.verify.status'
  | 'user.verify.check'
  | 'user.verify.license'
  | 'user.verify.pending'
  | 'user.verify.inPerson'
  | 'user.claim.request'
  | 'user.claim.list'
  | 'user.claim.decide'
  | 'user.coverage'
  | 'user.coverage.visits'

/** The caller's latest transfer request (open, or decided within 30 days), for 我的 and the form. */
async function latestClaim(ctx: Context) {
  const [c] = await claims(ctx).find({ openid: ctx.openid }, { orderBy: [['createdAt', 'desc']], limit: 1 })
  if (!c) return null
  if (!c.open && c.decidedAt && Date.parse(c.decidedAt) < ctx.now.getTime() - 30 * 86400_000) return null
  return myClaimView(c)
}

async function status(ctx: Context, doc: OwnerDoc | null) {
  return statusOf(doc, licenseInfo(ctx), await latestClaim(ctx))
}

/** Re-checks the owner's saved profile against the register; stores and returns the result. */
async function recheck(ctx: Context, doc: OwnerDoc): Promise<OwnerDoc> {
  if (!doc.profile) return doc
  const v = await verificationFor(ctx, doc, doc.profile)
  const at = ctx.now.toISOString()
  const binding = await bindings(ctx).get(doc.profile.creditCode)
  // a business another account holds (moved away by a regulator) stays pending here, whatever the register says
  const mine = binding?.openid === ctx.openid
  const verification = mine ? v.verification : { state: 'pending' as const, via: null, at: null, by: null }
  const verifyNote = mine ? v.verifyNote : { reason: 'transferred' as const, statusText: null }
  await owners(ctx).update(ctx.openid, { verification, verifyNote, registered: mine ? v.registered : null, updatedAt: at })
  // the register's facts may have changed what the decision read: the re-decision looks again
  if (verification.state !== doc.verification?.state) await markForRedecision(ctx, (mine ? v.registered?.region : null) || doc.profile.region)
  if (mine) await syncBinding(ctx, doc.profile.creditCode, ctx.openid, verification.state === 'verified', v.row, doc.profile.region)
  return { ...doc, verification, verifyNote, registered: mine ? v.registered : null }
}

export const verifyRoutes: Handlers<VerifyActions> = {
  async 'user.verify.status'(ctx) {
    let doc = await owners(ctx).get(ctx.openid)
    // a profile saved before verification existed is checked the first time anyone asks
    if (doc?.profile && !doc.verification) doc = await recheck(ctx, doc)
    return status(ctx, doc)
  },

  async 'user.verify.check'(ctx) {
    const doc = await owners(ctx).get(ctx.openid)
    if (!doc?.profile) throw precondition('请先建档，再核验营业执照')
    return status(ctx, await recheck(ctx, doc))
  },

  async 'user.verify.license'(ctx, { authCode }) {
    const doc = await owners(ctx).get(ctx.openid)
    if (!doc?.profile) throw precondition('请先建档，再核验营业执照')
    const license = ctx.ports.license
    if (!license || license.mode === 'off') throw precondition('电子营业执照核验暂不可用，请带营业执照到市场监管所或市场管理处现场核验')
    const binding = await bindings(ctx).get(doc.profile.creditCode)
    if (binding?.openid && binding.openid !== ctx.openid) throw new AppError('CONFLICT', '这个营业执照已绑定在另一个微信号上，请先申请转移')
    let answer: { match: boolean; invalidCode?: boolean }
    try {
      answer = await license.verify({ authCode, creditCode: doc.profile.creditCode, name: doc.profile.businessName, openid: ctx.openid })
    } catch (err) {
      if (err instanceof AppError) throw err
      ctx.ports.log.error('[user.verify.license] the authorization service failed', err)
      throw new AppError('INTERNAL', '电子营业执照核验暂不可用，请稍后再试，或带营业执照到市场监管所现场核验')
    }
    if (answer.invalidCode) throw invalid('授权码不对或已过期，请重新授权', 'authCode')
    // never verified unless the service says this code and this name match
    if (!answer.match) throw new AppError('PRECONDITION_FAILED', '电子营业执照上的信息与您的档案不一致：请核对统一社会信用代码和字号名称（按营业执照填写）后再试')
    const at = ctx.now.toISOString()
    const verification = { state: 'verified' as const, via: 'license' as const, at, by: null }
    await owners(ctx).update(ctx.openid, { verification, verifyNote: null, updatedAt: at })
    const row = await registerRows(ctx).get(doc.profile.creditCode)
    await syncBinding(ctx, doc.profile.creditCode, ctx.openid, true, row, doc.profile.region)
    return status(ctx, { ...doc, verification, verifyNote: null })
  },

  async 'user.verify.pending'(ctx, { cursor, limit }) {
    const region = regionWhere(ctx, 'profile.region')
    const [page, verified] = await Promise.all([
      pageNewestFirst(owners(ctx), { 'verification.state': 'pending', ...region }, { cursor, limit }),
      owners(ctx).count({ 'verification.state': 'verified', ...region })
    ])
    const names = await marketNames(ctx, page.items.map((o) => o.marketId))
    return { items: await Promise.all(page.items.map((o) => pendingView(ctx, o, names))), total: page.total, nextCursor: page.nextCursor, verified }
  },

  async 'user.verify.inPerson'(ctx, { id: code }) {
    const b = await bindings(ctx).get(code)
    const openid = b?.openid || (await owners(ctx).find({ 'profile.creditCode': code }, { limit: 1 }))[0]?._id
    const doc = openid ? await owners(ctx).get(openid) : null
    if (!doc?.profile || doc.profile.creditCode !== code) throw notFound('没有找到这户经营者，可能已经修改了档案')
    assertRegion(ctx, doc.profile.region)
    if (b?.openid && b.openid !== doc._id) throw conflict('这个营业执照已绑定在另一个微信号上')
    const before = doc.verification ?? null
    if (!isVerified(doc)) {
      const at = ctx.now.toISOString()
      const verification = { state: 'verified' as const, via: 'inPerson' as const, at, by: ctx.openid }
      await owners(ctx).update(doc._id, { verification, verifyNote: null, updatedAt: at })
      await syncBinding(ctx, code, doc._id, true, await registerRows(ctx).get(code), doc.profile.region)
      await audit(ctx, { action: 'owner.verify.inPerson', target: doc._id, before: before ? { ...before } : null, after: { ...verification } })
      await notify(ctx.ports, ctx.now, {
        openid: doc._id,
        topic: 'account',
        key: `verify:${code}:inPerson:${at}`,
        title: '营业执照已核验',
        body: `${doc.profile.businessName}已由${ctx.staff?.name ?? '市场监管部门工作人员'}现场核验营业执照，档案显示为${VERIFIED_LABELS.inPerson}。`,
        page: 'pages/me/index'
      })
      doc.verification = verification
      doc.verifyNote = null
    }
    return pendingView(ctx, doc, await marketNames(ctx, [doc.marketId]))
  },

  async 'user.claim.request'(ctx, { profile: input, note }) {
    const { doc } = await ensureOwner(ctx)
    const privacy = doc.consents.privacy
    if (!privacy?.granted || privacy.version !== PRIVACY_VERSION) throw precondition('请先阅读并同意《个人信息保护告知书》')
    const { stallCode: _s, stallShare: _sh, ...profile } = input
    const code = profile.creditCode
    const _id = recordId(ctx, 'claim')
    let stored = await claims(ctx).get(_id)
    if (!stored) {
      const b = await bindings(ctx).get(code)
      if (!b?.openid || b.openid === ctx.openid) throw precondition('这个营业执照现在没有绑定其他微信号，直接保存档案即可')
      const row = await registerRows(ctx).get(code)
      const at = ctx.now.toISOString()
      const doc2: Omit<ClaimDoc, '_id'> = {
        openid: ctx.openid,
        creditCode: code,
        businessName: profile.businessName,
        operatorName: null,
        profile: { ...profile, groups: profile.groups ?? [] } as ClaimDoc['profile'],
        note: note ? note : null,
        region: row?.region ?? profile.region,
        status: 'pending',
        open: true,
        openKey: `${ctx.openid}:${code}`,
        holder: b.openid,
        reason: null,
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
        createdAt: at,
        updatedAt: at
      }
      try {
        stored = (await addOnce(claims(ctx), _id, doc2)).doc
      } catch (err) {
        if (err instanceof DuplicateKeyError) throw conflict('您已经申请过转移这个营业执照，正在等待市场监管部门审核，不用重复申请')
        throw err
      }
    }
    for (const s of await regulatorsFor(ctx, stored.region)) {
      await notify(ctx.ports, ctx.now, {
        openid: s._id,
        topic: 'account',
        key: `claim:${_id}:staff:${s._id}`,
        title: '新的营业执照转移申请',
        body: `${stored.businessName}（${code}）申请把营业执照转到自己的微信号，请核实营业执照后处理。`,
        page: 'staff/pages/claims/index'
      })
    }
    // the account holding it hears of it too: if it is theirs, they can say so to the office
    await notify(ctx.ports, ctx.now, {
      openid: stored.holder,
      topic: 'account',
      key: `claim:${_id}:holder`,
      title: '有人申请转移您的营业执照',
      body: `另一个微信号申请把统一社会信用代码为${code}的营业执照转到自己名下。市场监管部门会先核实营业执照；如有疑问，请联系${regionName(stored.region)}市场监管部门。`,
      page: 'pages/me/index'
    })
    return myClaimView(stored)
  },

  async 'user.claim.list'(ctx, { status: which, cursor, limit }) {
    const page = await pageNewestFirst(claims(ctx), { open: which === 'open', ...regionWhere(ctx, 'region') }, { cursor, limit })
    return { items: await Promise.all(page.items.map((c) => staffClaimView(ctx, c))), total: page.total, nextCursor: page.nextCursor }
  },

  async 'user.claim.decide'(ctx, { id, decision, reason }) {
    const c = await claims(ctx).get(id)
    if (!c) throw notFound('没有找到这条申请')
    assertRegion(ctx, c.region, '申请')
    if (decision === 'decline' && !reason) throw invalid('请写明不同意的理由，申请人会看到', 'reason')
    const at = ctx.now.toISOString()
    const decided = { decidedBy: ctx.openid, decidedByName: ctx.staff?.name ?? null, decidedAt: at, updatedAt: at }
    let won = 0
    if (c.status === 'pending') {
      won = await claims(ctx).updateWhere(
        { _id: id, status: 'pending' },
        decision === 'approve' ? { status: 'approving', ...decided } : { status: 'declined', open: false, openKey: `closed:${id}`, reason: reason ?? null, ...decided }
      )
    }
    let now = (await claims(ctx).get(id))!
    if (decision === 'approve' && (now.status === 'approving' || now.status === 'approved')) now = await finishTransfer(ctx, now)
    else if (decision === 'decline' && now.status === 'declined') {
      if (won) await audit(ctx, { action: 'owner.claim.decline', target: now.creditCode, before: { openid: now.holder }, after: { reason: now.reason } })
      await tellDeclined(ctx, now)
    }
    else throw conflict(`这条申请已经处理过了（${now.status === 'declined' ? '未同意' : '已同意'}）`)
    return staffClaimView(ctx, now)
  },

  async 'user.coverage'(ctx) {
    const region = ctx.staff?.region ?? null
    const ms = await markets(ctx).find(regionWhere(ctx, 'region'), { orderBy: [['name', 'asc']], limit: 200 })
    const counts = async (reg: Where, bind: Where) => {
      const [inRegister, joined, verified] = await Promise.all([
        registerRows(ctx).count(reg),
        bindings(ctx).count({ ...bind, inRegister: true, openid: cmd.neq('') }),
        bindings(ctx).count({ ...bind, inRegister: true, verified: true })
      ])
      return { inRegister, joined, verified, neverJoined: Math.max(0, inRegister - joined) }
    }
    const rows = await Promise.all(ms.map(async (m) => ({ marketId: m._id as string | null, name: m.name, ...(await counts({ marketId: m._id }, { marketId: m._id })) })))
    const inRegion = (field: string): Where => (region ? regionWhere(ctx, field) : {})
    const outside = await counts({ ...inRegion('region'), marketId: null }, { ...inRegion('region'), marketId: null })
    if (outside.inRegister) rows.push({ marketId: null, name: '不在市场内', ...outside })
    const totals = await counts(inRegion('region'), inRegion('region'))
    return { markets: rows, totals }
  },

  async 'user.coverage.visits'(ctx, { marketId, cursor, limit }) {
    let where: Where
    if (marketId === 'none') where = { ...regionWhere(ctx, 'region'), marketId: null }
    else {
      const m = await markets(ctx).get(marketId)
      if (!m) throw notFound('没有这个市场')
      assertRegion(ctx, m.region, '市场')
      where = { marketId }
    }
    const [inRegister, joined] = await Promise.all([
      registerRows(ctx).count(where),
      bindings(ctx).count({ ...(marketId === 'none' ? where : { marketId }), inRegister: true, openid: cmd.neq('') })
    ])
    const { items, last: after, more } = await neverJoinedPage(ctx, where, cursor ? decodeCursor(cursor, 'p', 1)[0] : '', limit)
    const nextCursor = more ? encodeCursor('p', [after]) : null
    return {
      items: items.map((r) => ({ id: r._id, creditCode: r.creditCode, name: r.name, operator: maskOperator(r.operatorName), address: r.address, registeredOn: r.registeredOn })),
      total: Math.max(0, inRegister - joined),
      nextCursor
    }
  }
}

const maskOperator = (n: string) => maskName(n)

/**
 * Finishes a transfer a regulator agreed to (status `approving`): the binding moves to the
 * claimant, the account it moved from is unbound (its profile stays, pending, and it is told),
 * the claimant's typed profile is saved for them, verified in person. Every step can run again.
 */
async function finishTransfer(ctx: Context, c: ClaimDoc): Promise<ClaimDoc> {
  const code = c.creditCode
  if (c.previous === undefined) {
    const current = (await bindings(ctx).get(code))?.openid ?? ''
    await claims(ctx).updateWhere({ _id: c._id, status: 'approving', previous: cmd.exists(false) }, { previous: current })
    c = (await claims(ctx).get(c._id)) ?? c
  }
  const at = ctx.now.toISOString()
  const previous = c.previous || null
  const b = await bindings(ctx).get(code)
  if (!b) {
    try {
      await bindings(ctx).add({ _id: code, openid: c.openid, region: c.region, marketId: null, inRegister: false, verified: true, boundAt: at, createdAt: at, updatedAt: at })
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err
    }
  } else if (b.openid !== c.openid) {
    const moved = await bindings(ctx).updateWhere({ _id: code, openid: b.openid }, { openid: c.openid, verified: true, boundAt: at, updatedAt: at })
    if (moved !== 1 && (await bindings(ctx).get(code))?.openid !== c.openid) throw new AppError('CONFLICT', '这个营业执照的绑定刚有变化，请刷新后再处理')
  }
  const verification = { state: 'verified' as const, via: 'inPerson' as const, at: c.decidedAt ?? at, by: c.decidedBy }
  if (previous && previous !== c.openid) {
    await owners(ctx).updateWhere(
      { _id: previous, 'profile.creditCode': code },
      { verification: { state: 'pending', via: null, at: null, by: null }, verifyNote: { reason: 'transferred', statusText: null }, registered: null, updatedAt: at }
    )
  }
  const claimant = await owners(ctx).get(c.openid)
  if (claimant && (!claimant.profile || claimant.profile.creditCode === code)) {
    const profile = { ...c.profile, updatedAt: at }
    await owners(ctx).update(c.openid, { profile, classType: typeInUse(claimant, classify(profile, ctx.today).type), verification, verifyNote: null, updatedAt: at })
    if (!claimant.profile) await ensureCurrentObligation(ctx.db, c.openid, profile.openedOn, ctx.now)
    await syncBinding(ctx, code, c.openid, true, await registerRows(ctx).get(code), profile.region)
  }
  if (c.status === 'approving') {
    await claims(ctx).updateWhere({ _id: c._id, status: 'approving' }, { status: 'approved', open: false, openKey: `closed:${c._id}`, updatedAt: at })
    await audit(ctx, { action: 'owner.claim.approve', target: code, before: { openid: previous }, after: { openid: c.openid } })
  }
  await notify(ctx.ports, ctx.now, {
    openid: c.openid,
    topic: 'account',
    key: `claim:${c._id}:approved`,
    title: '营业执照已转到您的微信号',
    body: `${c.businessName}的营业执照转移申请，市场监管部门已核实同意，您的档案已保存并显示为${VERIFIED_LABELS.inPerson}。`,
    page: 'pages/me/index'
  })
  if (previous && previous !== c.openid) {
    await notify(ctx.ports, ctx.now, {
      openid: previous,
      topic: 'account',
      key: `claim:${c._id}:moved`,
      title: '营业执照绑定已变更',
      body: `统一社会信用代码为${code}的营业执照，经市场监管部门核实，已改为绑定另一个微信号，您的档案改为待核验。如有疑问，请联系${regionName(c.region)}市场监管部门。`,
      page: 'pages/me/index'
    })
  }
  return (await claims(ctx).get(c._id)) ?? c
}

async function tellDeclined(ctx: Context, c: ClaimDoc) {
  await notify(ctx.ports, ctx.now, {
    openid: c.openid,
    topic: 'account',
    key: `claim:${c._id}:declined`,
    title: '营业执照转移未同意',
    body: `您申请把${c.businessName}的营业执照转到自己的微信号，市场监管部门未同意：${c.reason ?? ''}`,
    page: 'pages/me/index'
  })
  await notify(ctx.ports, ctx.now, {
    openid: c.holder,
    topic: 'account',
    key: `claim:${c._id}:kept`,
    title: '营业执照仍绑定在您的微信号',
    body: `另一个微信号申请转移统一社会信用代码为${c.creditCode}的营业执照，市场监管部门未同意，营业执照仍绑定在您的微信号。`,
    page: 'pages/me/index'
  })
}
