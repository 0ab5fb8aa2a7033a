import type { Featured } from '../../src/core/policy/facts'
import { classify } from '../../src/core/user/classify'
import { CONSENT_KINDS } from '../../src/core/user/contract'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { AppError, conflict, DuplicateKeyError, invalid, notFound, precondition } from '../common/errors'
import { notify } from '../common/notify'
import { ensureCurrentObligation, obligations, permits } from '../reminder/store'
import { inviteToCourse } from '../course/invite'
import { regionName } from '../../src/core/region/names'
import { regionPrefix } from '../../src/core/region/code'
import { shareAllowed } from '../../src/core/user/stall'
import { addOnce, recordId } from '../common/once'
import { cmd } from '../common/ports'
import { defineFunction } from '../common/router'
import { affairs } from './affairs'
import { officialMark } from '../notice/repairs'
import { claimBinding, releaseBinding, syncBinding, verificationFor } from './verify'
import { verifyRoutes } from './verifyRoutes'
import { classificationRoutes, markForRedecision, typeInUse } from './classification'
import { DELETE_PHRASE } from '../../src/core/rights/kept'
import type { Consent } from '../../src/core/user/contract'
import { ERASURE_ORDER, runErasure, startErasure } from './erasure'
import { assertNotErasing, operatorOf, rightsExport, rightsView, rightsWithdraw } from './rights'

/** A deletion call's share of the user function's 10 s timeout (config.json). */
const DELETE_BUDGET_MS = 6_000
import { consentLog, ensureOwner, ownerView, owners, toMarket, toStall, type OwnerDoc } from './owners'
import {
  assertStaffRegion,
  bindStall,
  closedKeyOf,
  findStall,
  finishApproval,
  holderOf,
  holdingFor,
  myRequestView,
  openKeyOf,
  openRequestOf,
  regulatorsFor,
  staffRequestView,
  stallRequests,
  tellDeclined,
  type StallRequestDoc
} from './stalls'

/** The current version of each consent document; recording an older one is refused. */
const CURRENT_VERSION: Record<keyof typeof CONSENT_KINDS, string> = { privacy: PRIVACY_VERSION, personalized: PRIVACY_VERSION }

/** The scene a stall QR carries, as a stall code (WeChat hands it encoded; be lenient). */
function stallCodeOf(scene: string): string | null {
  let code = scene
  try {
    code = decodeURIComponent(scene)
  } catch {
    /* not encoded: use as is */
  }
  code = code.trim().toUpperCase()
  return /^[2-9A-HJ-NP-Z]{6,10}$/.test(code) ? code : null
}

export default defineFunction('user', {
  ...verifyRoutes,
  ...classificationRoutes,
  async 'user.login'(ctx) {
    const { doc, isNew } = await ensureOwner(ctx)
    // 监测分析's "active" (opened the app in 30 days): the China date of the last login, written
    // at most once a day, so a day's further logins cost nothing
    if (doc.lastSeenOn !== ctx.today) await owners(ctx).update(ctx.openid, { lastSeenOn: ctx.today })
    const staff = ctx.staff
    return {
      role: ctx.role,
      isNew,
      settings: doc.settings,
      privacy: {
        acceptedVersion: doc.consents.privacy?.granted ? doc.consents.privacy.version : null,
        currentVersion: PRIVACY_VERSION,
        declined: doc.consents.privacy?.granted === false && doc.consents.privacy.version === PRIVACY_VERSION,
        operator: operatorOf(ctx)
      },
      erasing: !!(doc as { erasing?: unknown }).erasing,
      staff: staff ? { name: staff.name, role: staff.role, region: staff.region, regionName: staff.region ? regionName(staff.region) : null, bankName: staff.bankName } : null,
      templates: ctx.ports.config.templates,
      ...(await ownerView(ctx, doc))
    }
  },

  async 'user.profile.get'(ctx) {
    const doc = await owners(ctx).get(ctx.openid)
    if (!doc) return { profile: null, classification: null, decision: null, market: null, stall: null, stallShared: false }
    return ownerView(ctx, doc)
  },

  async 'user.profile.save'(ctx, input) {
    const { doc } = await ensureOwner(ctx)
    assertNotErasing(doc)
    const privacy = doc.consents.privacy
    if (!privacy?.granted || privacy.version !== PRIVACY_VERSION) {
      throw precondition('请先阅读并同意《个人信息保护告知书》')
    }
    if (input.openedOn > ctx.today) throw invalid('开业日期不能晚于今天', 'openedOn')

    const verdict = await ctx.ports.contentCheck.check(input.businessName, ctx.openid)
    if (verdict === 'risky') throw invalid('字号名称含有不适宜的内容，请修改', 'businessName')

    const { stallCode, stallShare, ...profile } = input
    // one business, one account: a credit code bound to another account is refused here (nothing
    // is saved, the page keeps the form and offers 申请转移)
    const business = await claimBinding(ctx, profile.creditCode, profile.region)
    let binding: Pick<OwnerDoc, 'marketId' | 'stallId' | 'stallShared'> = { marketId: doc.marketId, stallId: doc.stallId, stallShared: !!doc.stallShared }
    let afterSave = async () => undefined as void
    if (stallCode) {
      // a stall another owner holds is refused here (nothing is saved, the page keeps the form)
      try {
        const bound = await bindStall(ctx, doc, stallCode, !!stallShare)
        binding = bound.binding
        afterSave = bound.after
      } catch (err) {
        if (business.fresh) await releaseBinding(ctx, profile.creditCode, ctx.openid)
        throw err
      }
    }
    const at = ctx.now.toISOString()
    // 经营异常 is the official mark (#18: register import or staff), never the owner's to set
    const abnormal = await officialMark(ctx.db, ctx.now, profile.creditCode, ctx.openid)
    const next = { ...doc, ...binding, profile: { ...profile, abnormal, updatedAt: at }, updatedAt: at }
    // the year's decision, where there is one, is the 分型 in use; the estimate otherwise
    const classType = typeInUse(doc, classify(next.profile, ctx.today).type)
    const checked = await verificationFor(ctx, doc, profile)
    const verified = { verification: checked.verification, verifyNote: checked.verifyNote, registered: checked.registered }
    // a 名特优新 tick stored before #18 is kept as the owner's wish (offered on the 申报 page), never as a category
    const oldTick = (doc.profile as { featured?: Featured | null } | null)?.featured
    const wish = oldTick && !doc.featuredWish ? { featuredWish: oldTick } : {}
    await owners(ctx).update(ctx.openid, { profile: next.profile, ...binding, classType, ...verified, ...wish, updatedAt: at })
    await afterSave()
    // changed data during the review window: the 9月30日 re-decision looks again
    await markForRedecision(ctx, checked.registered?.region || profile.region)
    await syncBinding(ctx, profile.creditCode, ctx.openid, checked.verification.state === 'verified', checked.row, profile.region)
    // a business the owner no longer names is free for its real owner
    if (doc.profile && doc.profile.creditCode !== profile.creditCode) await releaseBinding(ctx, doc.profile.creditCode, ctx.openid)

    // every owner has an annual-report obligation: scheduled from the first profile on; the
    // owner's permits and obligations carry a copy of where they are, so 监测分析 counts them by region
    const scope = { region: profile.region, marketId: binding.marketId ?? null }
    const moved = doc.profile?.region !== profile.region || doc.marketId !== binding.marketId
    await Promise.all([
      ensureCurrentObligation(ctx.db, ctx.openid, profile.openedOn, ctx.now, scope),
      moved || !doc.profile ? permits(ctx.db).updateWhere({ openid: ctx.openid }, scope) : null,
      moved || !doc.profile ? obligations(ctx.db).updateWhere({ openid: ctx.openid }, scope) : null
    ])
    if (!doc.profile) {
      await notify(ctx.ports, ctx.now, {
        openid: ctx.openid,
        topic: 'account',
        key: `welcome:${ctx.openid}`,
        title: '建档成功',
        body: `${profile.businessName}的档案已建好。我们会按您的情况推送适合的扶持政策，并在证照到期、年报截止前提醒您。`,
        page: 'pages/index/index'
      })
      // new to the app: one invitation to 开业第一课 (the key keeps it to one)
      await inviteToCourse(ctx)
    }
    return ownerView(ctx, next)
  },

  async 'user.stall.resolve'(ctx, { scene }) {
    const code = stallCodeOf(scene)
    const found = code ? await findStall(ctx, code) : null
    if (!found) throw notFound('没有找到这个摊位，二维码可能已作废，请联系市场管理方')
    const { stall, market } = found
    // whether someone holds it, never who: anyone can scan the code on a stall
    const [holder, me, request] = await Promise.all([holderOf(ctx, stall), owners(ctx).get(ctx.openid), openRequestOf(ctx, stall._id)])
    return {
      market: toMarket(market),
      stall: toStall(stall),
      holding: holdingFor(ctx.openid, holder, me, stall),
      shareAllowed: shareAllowed(stall, market),
      request: request ? myRequestView(request) : null
    }
  },

  async 'user.stall.bind'(ctx, { stallCode, share }) {
    const doc = await owners(ctx).get(ctx.openid)
    if (!doc?.profile) throw precondition('请先建档，再绑定摊位')
    const { binding, after } = await bindStall(ctx, doc, stallCode, share)
    const at = ctx.now.toISOString()
    await owners(ctx).update(ctx.openid, { ...binding, updatedAt: at })
    await after()
    return ownerView(ctx, { ...doc, ...binding, updatedAt: at })
  },

  async 'user.stall.request'(ctx, { stallCode, note }) {
    const doc = await owners(ctx).get(ctx.openid)
    if (!doc?.profile) throw precondition('请先建档，再申请绑定摊位')
    const found = await findStall(ctx, stallCode)
    if (!found) throw new AppError('NOT_FOUND', '没有找到这个摊位，请重新扫描摊位上的二维码', [{ path: 'stallCode', message: '摊位不存在' }])
    const { stall, market } = found
    const _id = recordId(ctx, 'stall-request')
    // a retry of this same request goes on from what it stored, whatever happened since
    let stored = await stallRequests(ctx).get(_id)
    if (!stored) {
      const holder = await holderOf(ctx, stall)
      if (holder === ctx.openid) throw conflict('这个摊位已经绑定在您名下，不用申请')
      if (!holder) throw precondition('这个摊位现在没有人绑定，直接绑定即可，不用申请')
      const at = ctx.now.toISOString()
      const req: Omit<StallRequestDoc, '_id'> = {
        openid: ctx.openid,
        stallId: stall._id,
        stallCode: stall.code,
        stallNumber: stall.number,
        marketId: market._id,
        marketName: market.name,
        region: market.region,
        businessName: doc.profile.businessName,
        creditCode: doc.profile.creditCode,
        note: note ? note : null,
        status: 'pending',
        openKey: openKeyOf(ctx.openid, stall._id),
        reason: null,
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
        createdAt: at,
        updatedAt: at
      }
      try {
        stored = (await addOnce(stallRequests(ctx), _id, req)).doc
      } catch (err) {
        // the unique open key: this owner already has an open request for this stall
        if (err instanceof DuplicateKeyError) throw conflict('您已经申请过这个摊位，正在等待审核，不用重复申请')
        throw err
      }
    }
    // the region's regulators hear of it in 消息 (once each: the key)
    for (const s of await regulatorsFor(ctx, market.region)) {
      await notify(ctx.ports, ctx.now, {
        openid: s._id,
        topic: 'account',
        key: `stall-request:${_id}:staff:${s._id}`,
        title: '新的摊位绑定申请',
        body: `${market.name}${stall.number}号摊位：${doc.profile.businessName}申请转到自己名下，请核实后处理。`,
        page: 'staff/pages/stallrequests/index'
      })
    }
    return myRequestView(stored)
  },

  async 'user.stall.cancel'(ctx, { id }) {
    const req = await stallRequests(ctx).get(id)
    if (!req || req.openid !== ctx.openid) throw notFound('没有找到这条申请')
    const at = ctx.now.toISOString()
    await stallRequests(ctx).updateWhere({ _id: id, openid: ctx.openid, status: 'pending' }, { status: 'cancelled', openKey: closedKeyOf(id), decidedAt: at, updatedAt: at })
    const now = (await stallRequests(ctx).get(id))!
    if (now.status !== 'cancelled') throw conflict('市场监管部门已经处理了这条申请，不能再撤回')
    return myRequestView(now)
  },

  async 'user.stall.requests'(ctx, { status }) {
    const region = ctx.staff?.region
    const where = {
      ...(region ? { region: cmd.prefix(regionPrefix(region)) } : {}),
      status: status === 'open' ? cmd.in(['pending', 'approving']) : cmd.in(['approved', 'declined', 'cancelled'])
    }
    // open ones oldest first (first come, first decided); decided ones newest first
    const list = await stallRequests(ctx).find(where, { orderBy: [['createdAt', status === 'open' ? 'asc' : 'desc']], limit: 100 })
    return { requests: await Promise.all(list.map((r) => staffRequestView(ctx, r))) }
  },

  async 'user.stall.decide'(ctx, { id, decision, reason }) {
    const req = await stallRequests(ctx).get(id)
    if (!req) throw notFound('没有找到这条申请')
    assertStaffRegion(ctx, req.region)
    if (decision === 'decline' && !reason) throw invalid('请写明不同意的理由，申请人会看到', 'reason')
    const at = ctx.now.toISOString()
    const decided = { decidedBy: ctx.openid, decidedByName: ctx.staff?.name ?? null, decidedAt: at, updatedAt: at }
    // one decision wins: the claim is a conditional update on `pending`
    if (req.status === 'pending') {
      await stallRequests(ctx).updateWhere(
        { _id: id, status: 'pending' },
        decision === 'approve'
          ? { status: 'approving', ...decided }
          : { status: 'declined', openKey: closedKeyOf(id), reason: reason ?? null, ...decided }
      )
    }
    let now = (await stallRequests(ctx).get(id))!
    if (decision === 'approve' && (now.status === 'approving' || now.status === 'approved')) {
      now = await finishApproval(ctx, now)
    } else if (decision === 'decline' && now.status === 'declined') {
      await tellDeclined(ctx, now)
    } else {
      throw conflict(now.status === 'cancelled' ? '申请人已经撤回了这条申请' : `这条申请已经处理过了（${now.status === 'declined' ? '未同意' : '已同意'}）`)
    }
    return staffRequestView(ctx, now)
  },

  async 'user.affairs'(ctx) {
    return affairs(ctx)
  },

  async 'user.rights.view'(ctx) {
    return rightsView(ctx)
  },

  async 'user.rights.export'(ctx) {
    return rightsExport(ctx)
  },

  async 'user.rights.withdraw'(ctx, { id }) {
    return rightsWithdraw(ctx, id)
  },

  async 'user.rights.delete'(ctx, { confirm }) {
    if (confirm !== DELETE_PHRASE) throw invalid(`请输入“${DELETE_PHRASE}”这四个字，再点注销`, 'confirm')
    const doc = await owners(ctx).get(ctx.openid)
    // already erased (a retry after the last page): nothing left to do
    if (!doc) return { finished: true, done: ERASURE_ORDER.length, total: ERASURE_ORDER.length }
    await startErasure(ctx)
    // the user function has 10 s; what does not fit, the next call (or the scheduler) continues
    return runErasure(ctx.ports, ctx.openid, DELETE_BUDGET_MS)
  },

  async 'user.settings.save'(ctx, input) {
    const { doc } = await ensureOwner(ctx)
    const settings = { ...doc.settings, ...input }
    const at = ctx.now.toISOString()
    // 个性化推荐 is a consent (个人信息保护法 Art. 24): each switch is recorded with time and version
    let personalized: Consent | null = null
    if (input.personalized !== undefined && input.personalized !== doc.settings.personalized) {
      personalized = { kind: 'personalized', version: PRIVACY_VERSION, granted: input.personalized, at }
      await consentLog(ctx).add({ openid: ctx.openid, ...personalized })
    }
    await owners(ctx).update(ctx.openid, { settings, ...(personalized ? { 'consents.personalized': personalized } : {}), updatedAt: at })
    return settings
  },

  async 'user.consent.record'(ctx, { kind, version, granted }) {
    if (version !== CURRENT_VERSION[kind]) {
      throw conflict('告知书已经更新，请重新阅读后再确认')
    }
    const { doc } = await ensureOwner(ctx)
    const at = ctx.now.toISOString()
    const consent = { kind, version, granted, at }
    // The history is append-only: what was agreed, which version, when.
    await consentLog(ctx).add({ openid: ctx.openid, ...consent })
    const consents = { ...doc.consents, [kind]: consent }
    await owners(ctx).update(ctx.openid, { consents, ...(kind === 'personalized' ? { 'settings.personalized': granted } : {}), updatedAt: at })
    return { consents: Object.values(consents) }
  }
})
