import { classify } from '../../src/core/user/classify'
import { CONSENT_KINDS } from '../../src/core/user/contract'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import type { Context } from '../common/context'
import { AppError, conflict, invalid, notFound, precondition } from '../common/errors'
import { notify } from '../common/notify'
import { ensureCurrentObligation } from '../reminder/store'
import { inviteToCourse } from '../course/invite'
import { regionName } from '../../src/core/region/names'
import { defineFunction } from '../common/router'
import { consentLog, ensureOwner, markets, ownerView, owners, stalls, toMarket, toStall, type OwnerDoc } from './owners'

/** The current version of each consent document; recording an older one is refused. */
const CURRENT_VERSION: Record<keyof typeof CONSENT_KINDS, string> = { privacy: PRIVACY_VERSION }

async function resolveStall(ctx: Context, code: string) {
  const [stall] = await stalls(ctx).find({ code }, { limit: 1 })
  if (!stall) return null
  const market = await markets(ctx).get(stall.marketId)
  return market ? { stall, market } : null
}

export default defineFunction('user', {
  async 'user.login'(ctx) {
    const { doc, isNew } = await ensureOwner(ctx)
    const staff = ctx.staff
    return {
      role: ctx.role,
      isNew,
      settings: doc.settings,
      privacy: { acceptedVersion: doc.consents.privacy?.granted ? doc.consents.privacy.version : null, currentVersion: PRIVACY_VERSION },
      staff: staff ? { name: staff.name, role: staff.role, region: staff.region, regionName: staff.region ? regionName(staff.region) : null, bankName: staff.bankName } : null,
      templates: ctx.ports.config.templates,
      ...(await ownerView(ctx, doc))
    }
  },

  async 'user.profile.get'(ctx) {
    const doc = await owners(ctx).get(ctx.openid)
    if (!doc) return { profile: null, classification: null, market: null, stall: null }
    return ownerView(ctx, doc)
  },

  async 'user.profile.save'(ctx, input) {
    const { doc } = await ensureOwner(ctx)
    const privacy = doc.consents.privacy
    if (!privacy?.granted || privacy.version !== PRIVACY_VERSION) {
      throw precondition('请先阅读并同意《个人信息保护告知书》')
    }
    if (input.openedOn > ctx.today) throw invalid('开业日期不能晚于今天', 'openedOn')

    const verdict = await ctx.ports.contentCheck.check(input.businessName, ctx.openid)
    if (verdict === 'risky') throw invalid('字号名称含有不适宜的内容，请修改', 'businessName')

    const { stallCode, ...profile } = input
    const binding: Pick<OwnerDoc, 'marketId' | 'stallId'> = { marketId: doc.marketId, stallId: doc.stallId }
    if (stallCode) {
      const found = await resolveStall(ctx, stallCode)
      if (!found) throw new AppError('NOT_FOUND', '没有找到这个摊位，请重新扫描摊位上的二维码', [{ path: 'stallCode', message: '摊位不存在' }])
      binding.marketId = found.market._id
      binding.stallId = found.stall._id
    }
    const at = ctx.now.toISOString()
    const next = { ...doc, ...binding, profile: { ...profile, updatedAt: at }, updatedAt: at }
    const classType = classify(next.profile, ctx.today).type
    await owners(ctx).update(ctx.openid, { profile: next.profile, ...binding, classType, updatedAt: at })

    // every owner has an annual-report obligation: scheduled from the first profile on
    await ensureCurrentObligation(ctx.db, ctx.openid, profile.openedOn, ctx.now)
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
    // WeChat hands the page an encoded scene; the client decodes it, but be lenient here too.
    let code = scene
    try {
      code = decodeURIComponent(scene)
    } catch {
      /* not encoded: use as is */
    }
    code = code.trim().toUpperCase()
    const found = /^[2-9A-HJ-NP-Z]{6,10}$/.test(code) ? await resolveStall(ctx, code) : null
    if (!found) throw notFound('没有找到这个摊位，二维码可能已作废，请联系市场管理方')
    return { market: toMarket(found.market), stall: toStall(found.stall) }
  },

  async 'user.settings.save'(ctx, input) {
    const { doc } = await ensureOwner(ctx)
    const settings = { ...doc.settings, ...input }
    await owners(ctx).update(ctx.openid, { settings, updatedAt: ctx.now.toISOString() })
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
    await owners(ctx).update(ctx.openid, { consents, updatedAt: at })
    return { consents: Object.values(consents) }
  }
})
