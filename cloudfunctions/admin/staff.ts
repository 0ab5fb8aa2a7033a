import { createHash, timingSafeEqual } from 'node:crypto'
import { regionPrefix } from '../../src/core/region/code'
import { regionName } from '../../src/core/region/names'
import { maskName } from '../../src/core/course/certificateCode'
import { auditActionLabel, ROLE_LABELS } from '../../src/core/staff/audit'
import { HELPER_CAN, HELPER_CANNOT, MAX_HELPERS } from '../../src/core/staff/helper'
import {
  formatInviteCode,
  INVITE_CODE_LENGTH,
  INVITE_PROBLEMS,
  INVITE_STATUSES,
  inviteExpiry,
  JOIN_PAGE,
  type InviteProblem,
  type InviteStatus
} from '../../src/core/staff/invite'
import { grantProblem, INVITE_ROLE_LABELS, inviteRoleOf, staffFieldsOf, type Grant, type InviteRole } from '../../src/core/staff/roles'
import { audit, auditLog, type AuditDoc } from '../common/audit'
import { readableCode } from '../common/codes'
import type { Context, HelperDoc, StaffDoc } from '../common/context'
import { AppError, conflict, DuplicateKeyError, invalid, notFound, precondition } from '../common/errors'
import { addOnce, recordId } from '../common/once'
import { pageNewestFirst } from '../common/paging'
import { cmd, type Where } from '../common/ports'
import type { Handlers } from '../common/router'
import { owners } from '../user/owners'

/**
 * Staff by invitation, the first admin's setup code, staff management and its audit log, and
 * helpers at a stall (an owner's invitation, the same mechanism). The router applies a helper's
 * delegation (common/router.ts, src/core/staff/helper.ts); this file only makes and ends it.
 */

export interface InviteDoc {
  _id: string
  code: string
  kind: 'staff' | 'helper'
  role: InviteRole | null
  region: string | null
  bankName: string | null
  /** the invited person's name, as the inviter wrote it */
  name: string
  /** helper invitations: the owner whose reminders they will see (sparse index) */
  ownerOpenid?: string
  businessName: string | null
  createdBy: string
  createdByName: string
  createdAt: string
  expiresAt: string
  status: 'open' | 'used' | 'revoked'
  usedBy: string | null
  usedAt: string | null
  revokedAt: string | null
  qrFileId: string | null
  qrTarget: string | null
}

interface MetaDoc {
  _id: string
  usedBy?: string
  usedAt?: string
}

const invitations = (ctx: Context) => ctx.db.collection<InviteDoc>('invitations')
const staffColl = (ctx: Context) => ctx.db.collection<StaffDoc>('staff')
const helpers = (ctx: Context) => ctx.db.collection<HelperDoc>('helpers')
const meta = (ctx: Context) => ctx.db.collection<MetaDoc>('meta')

/** The meta doc that voids the setup code once used (its _id is the claim: one insert wins). */
export const SETUP_META_ID = 'admin-setup-code'
const SETUP_INVITE_ID = 'setup-code'

const statusOf = (d: InviteDoc, now: Date): InviteStatus => (d.status === 'open' && d.expiresAt <= now.toISOString() ? 'expired' : d.status)

const roleLabelOf = (d: Pick<InviteDoc, 'kind' | 'role' | 'businessName'>) =>
  d.kind === 'helper' ? '店铺帮手' : d.role ? INVITE_ROLE_LABELS[d.role] : ''

async function inviteViews(ctx: Context, docs: InviteDoc[]) {
  const shown = docs.filter((d) => statusOf(d, ctx.now) === 'open' && d.qrFileId)
  const urls = shown.length ? await ctx.ports.storage.urls(shown.map((d) => d.qrFileId!)) : []
  const url = new Map(shown.map((d, i) => [d._id, urls[i] ?? '']))
  return docs.map((d) => {
    const status = statusOf(d, ctx.now)
    return {
      id: d._id,
      code: formatInviteCode(d.code),
      kind: d.kind,
      role: d.role,
      roleLabel: roleLabelOf(d),
      name: d.name,
      regionName: d.region ? regionName(d.region) : null,
      bankName: d.bankName,
      status,
      statusLabel: INVITE_STATUSES[status],
      expiresAt: d.expiresAt,
      createdAt: d.createdAt,
      createdByName: d.createdByName,
      usedAt: d.usedAt,
      target: d.qrTarget ?? `${JOIN_PAGE}?code=${d.code}`,
      imageUrl: url.get(d._id) ?? ''
    }
  })
}

/** Makes the invitation with a fresh code (a unique index; a taken code is drawn again) and its QR. */
async function createInvite(ctx: Context, fields: Omit<InviteDoc, '_id' | 'code' | 'createdAt' | 'status' | 'usedBy' | 'usedAt' | 'revokedAt' | 'qrFileId' | 'qrTarget'>) {
  const _id = recordId(ctx, 'invite')
  let doc: InviteDoc | null = null
  for (let attempt = 0; attempt < 5 && !doc; attempt++) {
    const fresh = {
      ...fields,
      code: readableCode(INVITE_CODE_LENGTH),
      createdAt: ctx.now.toISOString(),
      status: 'open' as const,
      usedBy: null,
      usedAt: null,
      revokedAt: null,
      qrFileId: null,
      qrTarget: null
    }
    doc = await addOnce(invitations(ctx), _id, fresh)
      .then((r) => r.doc)
      .catch((err) => {
        if (err instanceof DuplicateKeyError) return null
        throw err
      })
  }
  if (!doc) throw new AppError('INTERNAL', '生成邀请码失败，请重试')
  if (!doc.qrFileId) {
    // the code works without its picture: a QR that could not be made (wxacode's quota) is logged, not fatal
    const made = await ctx.ports.qr
      .png(doc.code, JOIN_PAGE)
      .then(async ({ bytes, target }) => ({ qrTarget: target, qrFileId: await ctx.ports.storage.put(`invite-qr/${doc!._id}.png`, bytes, 'image/png') }))
      .catch((err) => {
        ctx.ports.log.error('[admin.invite] QR image failed; the code still works', err)
        return null
      })
    // a failed write is not swallowed: the request fails and its retry finishes the same invitation
    if (made) {
      await invitations(ctx).update(doc._id, made)
      doc = { ...doc, ...made }
    }
  }
  return doc
}

/** A staff doc as the audit log keeps it (no openid: the target field names the person). */
const staffSnapshot = (s: Pick<StaffDoc, 'name' | 'role' | 'supervisor' | 'region' | 'bankName' | 'suspended'>) => ({
  name: s.name,
  role: inviteRoleOf(s),
  region: s.region,
  bankName: s.bankName,
  suspended: !!s.suspended
})

const memberView = (ctx: Context, s: StaffDoc) => {
  const role = inviteRoleOf(s)
  return {
    id: s._id,
    name: s.name,
    role,
    roleLabel: INVITE_ROLE_LABELS[role] ?? '工作人员',
    region: s.region,
    regionName: s.region ? regionName(s.region) : null,
    bankName: s.bankName,
    suspended: !!s.suspended,
    joinedAt: s.createdAt || '',
    me: s._id === ctx.actor
  }
}

const isActiveAdmin = (s: Pick<StaffDoc, 'role' | 'suspended'> | null) => !!s && s.role === 'admin' && !s.suspended
const activeAdmins = (ctx: Context) => staffColl(ctx).count({ role: 'admin', suspended: cmd.neq(true) })
const LAST_ADMIN = '至少要保留一位在岗的管理员：请先邀请或指定另一位管理员，再做这项修改'

/** Why the caller cannot accept `d` now (null: they can; 'mine': they already did). */
async function problemFor(ctx: Context, d: InviteDoc): Promise<InviteProblem | 'mine' | null> {
  const me = ctx.actor
  const status = statusOf(d, ctx.now)
  if (status === 'used') return d.usedBy === me ? 'mine' : 'used'
  if (status === 'revoked') return 'revoked'
  if (status === 'expired') return 'expired'
  const [staff, helper] = await Promise.all([staffColl(ctx).get(me), helpers(ctx).get(me)])
  if (d.kind === 'staff') {
    if (staff) return 'alreadyStaff'
    if (helper) return 'alreadyHelper'
    return null
  }
  if (d.ownerOpenid === me) return 'ownShop'
  if (staff) return 'staffAsHelper'
  if (helper) return 'alreadyHelper'
  if ((await owners(ctx).get(me))?.profile) return 'hasProfile'
  return null
}

const refusal = (p: InviteProblem) => {
  const message = INVITE_PROBLEMS[p]
  if (p === 'unknown') return notFound(message)
  if (p === 'expired') return precondition(message)
  return conflict(message)
}

async function byCode(ctx: Context, code: string): Promise<InviteDoc> {
  const [d] = await invitations(ctx).find({ code }, { limit: 1 })
  if (!d) throw refusal('unknown')
  return d
}

/** Constant-time comparison of the setup code (no early exit that tells how much was right). */
const sameSecret = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest())

/** Who did it, in words: staff by name; an owner or helper by a masked name (their personal data). */
async function actorNames(ctx: Context, entries: AuditDoc[]): Promise<Map<string, string>> {
  const ids = [...new Set(entries.map((e) => e.actor))]
  const names = new Map<string, string>()
  if (!ids.length) return names
  const [staff, helperDocs] = await Promise.all([
    staffColl(ctx).find({ _id: cmd.in(ids) }, { limit: ids.length }),
    helpers(ctx).find({ _id: cmd.in(ids) }, { limit: ids.length })
  ])
  for (const s of staff) names.set(s._id, s.name)
  for (const h of helperDocs) if (!names.has(h._id)) names.set(h._id, `${maskName(h.name)}（${maskName(h.businessName)}的帮手）`)
  const rest = ids.filter((id) => !names.has(id))
  if (rest.length) {
    const os = await owners(ctx).find({ _id: cmd.in(rest) }, { limit: rest.length, fields: ['profile'] })
    for (const o of os) if (o.profile) names.set(o._id, `店主 ${maskName(o.profile.businessName)}`)
  }
  return names
}

type Snapshot = Record<string, unknown> | null

function describeTarget(e: AuditDoc): string {
  const s = (e.after ?? e.before ?? {}) as Record<string, unknown>
  const name = typeof s.name === 'string' ? s.name : ''
  if (e.action.startsWith('helper.')) return `帮手 ${maskName(name)}${typeof s.businessName === 'string' ? `（${maskName(s.businessName)}）` : ''}`
  const role = typeof s.role === 'string' && s.role in INVITE_ROLE_LABELS ? INVITE_ROLE_LABELS[s.role as InviteRole] : ''
  return `${name}${role ? `（${role}）` : ''}`
}

const FIELD_WORDS: Record<string, (v: unknown) => string> = {
  role: (v) => (typeof v === 'string' && v in INVITE_ROLE_LABELS ? INVITE_ROLE_LABELS[v as InviteRole] : '无'),
  region: (v) => (typeof v === 'string' ? regionName(v) || '—' : '不限'),
  bankName: (v) => (typeof v === 'string' && v ? v : '无'),
  suspended: (v) => (v ? '已暂停' : '在岗'),
  expiresAt: (v) => (typeof v === 'string' ? `${v.slice(0, 10)}` : '')
}
const FIELD_NAMES: Record<string, string> = { role: '角色', region: '地区', bankName: '银行', suspended: '状态' }

/** What changed, in words: "角色：监管人员 → 管理员；地区：…". */
function describeChange(before: Snapshot, after: Snapshot): string {
  if (!before || !after) return ''
  const parts: string[] = []
  for (const k of Object.keys(FIELD_NAMES)) {
    if (JSON.stringify(before[k] ?? null) === JSON.stringify(after[k] ?? null)) continue
    parts.push(`${FIELD_NAMES[k]}：${FIELD_WORDS[k](before[k])} → ${FIELD_WORDS[k](after[k])}`)
  }
  return parts.join('；')
}

function describeDetail(e: AuditDoc): string {
  const change = describeChange(e.before, e.after)
  if (change) return change
  const a = e.after as Record<string, unknown> | null
  if (e.action === 'invite.create' && a) {
    const where = typeof a.region === 'string' ? regionName(a.region) : typeof a.bankName === 'string' ? a.bankName : ''
    return [where, typeof a.expiresAt === 'string' ? `有效至${a.expiresAt.slice(0, 10)}` : ''].filter(Boolean).join('，')
  }
  return ''
}

export const staffHandlers: Handlers<
  | 'admin.invite.create'
  | 'admin.invite.list'
  | 'admin.invite.revoke'
  | 'admin.invite.show'
  | 'admin.invite.accept'
  | 'admin.setupCode.use'
  | 'admin.staff.list'
  | 'admin.staff.update'
  | 'admin.staff.remove'
  | 'admin.audit.list'
  | 'admin.helper.mine'
  | 'admin.helper.invite'
  | 'admin.helper.remove'
  | 'admin.helper.leave'
> = {
  async 'admin.invite.create'(ctx, input) {
    const inviter = ctx.staff!
    const grant: Grant = { role: input.role, region: input.region ?? null, bankName: input.bankName ?? null }
    const problem = grantProblem(inviter, grant, regionName)
    if (problem) throw new AppError(problem.code, problem.message, problem.path ? [{ path: problem.path, message: problem.message }] : undefined)
    const fields = staffFieldsOf(grant)
    const doc = await createInvite(ctx, {
      kind: 'staff',
      role: input.role,
      region: fields.region,
      bankName: fields.bankName,
      name: input.name,
      businessName: null,
      createdBy: ctx.actor,
      createdByName: inviter.name,
      expiresAt: inviteExpiry(ctx.now, input.days).toISOString()
    })
    await audit(ctx.ports, ctx, {
      action: 'invite.create',
      target: doc._id,
      after: { name: doc.name, role: doc.role, region: doc.region, bankName: doc.bankName, expiresAt: doc.expiresAt }
    })
    return (await inviteViews(ctx, [doc]))[0]
  },

  async 'admin.invite.list'(ctx, { cursor, limit }) {
    // an admin sees every staff invitation; a regulator the ones they made
    const where: Where = ctx.role === 'admin' ? { kind: 'staff' } : { createdBy: ctx.actor }
    const page = await pageNewestFirst(invitations(ctx), where, { cursor, limit })
    return { items: await inviteViews(ctx, page.items), total: page.total, nextCursor: page.nextCursor }
  },

  async 'admin.invite.revoke'(ctx, { id }) {
    const d = await invitations(ctx).get(id)
    if (!d || d.kind !== 'staff' || (ctx.role !== 'admin' && d.createdBy !== ctx.actor)) throw notFound('没有找到这个邀请')
    if (d.status === 'open') {
      const at = ctx.now.toISOString()
      const n = await invitations(ctx).updateWhere({ _id: id, status: 'open' }, { status: 'revoked', revokedAt: at })
      if (n) {
        await audit(ctx.ports, ctx, { action: 'invite.revoke', target: id, before: { name: d.name, role: d.role, status: 'open' }, after: { name: d.name, role: d.role, status: 'revoked' } })
        return (await inviteViews(ctx, [{ ...d, status: 'revoked', revokedAt: at }]))[0]
      }
    }
    const now = (await invitations(ctx).get(id))!
    if (now.status === 'used') throw conflict('这个邀请已被接受，不能撤销；如需停用此人，请在人员列表中暂停或移除')
    return (await inviteViews(ctx, [now]))[0]
  },

  async 'admin.invite.show'(ctx, { code }) {
    const d = await byCode(ctx, code)
    const problem = await problemFor(ctx, d)
    const status = statusOf(d, ctx.now)
    return {
      kind: d.kind,
      roleLabel: roleLabelOf(d),
      name: d.name,
      regionName: d.region ? regionName(d.region) : null,
      bankName: d.bankName,
      businessName: d.businessName,
      inviterName: d.kind === 'helper' ? d.businessName ?? '' : d.createdByName,
      expiresAt: d.expiresAt,
      status,
      problem: problem && problem !== 'mine' ? INVITE_PROBLEMS[problem] : null,
      mine: problem === 'mine',
      can: d.kind === 'helper' ? HELPER_CAN : null,
      cannot: d.kind === 'helper' ? HELPER_CANNOT : null
    }
  },

  async 'admin.invite.accept'(ctx, { code }) {
    const me = ctx.actor
    let d = await byCode(ctx, code)
    const problem = await problemFor(ctx, d)
    if (problem && problem !== 'mine') throw refusal(problem)
    const at = ctx.now.toISOString()
    if (!problem) {
      // one use, decided by the database: of two people accepting at once only one update matches
      const n = await invitations(ctx).updateWhere({ _id: d._id, status: 'open', expiresAt: cmd.gt(at) }, { status: 'used', usedBy: me, usedAt: at })
      d = (await invitations(ctx).get(d._id))!
      if (!n && d.usedBy !== me) {
        const again = await problemFor(ctx, d)
        throw refusal(again && again !== 'mine' ? again : 'used')
      }
    }
    // bind (again, after a crash between the claim and here: the same fields)
    if (d.kind === 'staff') {
      const existing = await staffColl(ctx).get(me)
      const fields = staffFieldsOf({ role: d.role!, region: d.region, bankName: d.bankName })
      const doc = { ...fields, name: d.name, createdAt: existing?.createdAt ?? at, inviteId: d._id, invitedBy: d.createdBy }
      if (!existing) {
        await staffColl(ctx).set(me, doc)
        await audit(ctx.ports, ctx, { action: 'invite.accept', target: me, after: staffSnapshot(doc) })
      }
    } else {
      if (!(await helpers(ctx).get(me))) {
        const doc = { ownerOpenid: d.ownerOpenid!, inviteId: d._id, name: d.name, businessName: d.businessName ?? '', createdAt: at }
        await helpers(ctx).set(me, doc)
        await audit(ctx.ports, ctx, { action: 'helper.accept', target: me, after: { name: doc.name, businessName: doc.businessName } })
      }
    }
    return { kind: d.kind, roleLabel: roleLabelOf(d), name: d.name }
  },

  async 'admin.setupCode.use'(ctx, { code, name }) {
    const me = ctx.actor
    const expected = ctx.ports.config.adminSetupCode
    if (!expected) throw precondition('这个环境没有设置安装码，请部署人员先在云函数配置中设置')
    const used = await meta(ctx).get(SETUP_META_ID)
    if (used && used.usedBy !== me) throw conflict('安装码已经用过，已经失效；请让现有管理员邀请您')
    if (!used) {
      if (!sameSecret(code, expected)) throw invalid('安装码不对，请核对部署配置里的安装码', 'code')
      if (await staffColl(ctx).get(me)) throw conflict(INVITE_PROBLEMS.alreadyStaff)
      // the insert is the claim: of two people using it at once, one wins and the code is void
      try {
        await meta(ctx).add({ _id: SETUP_META_ID, usedBy: me, usedAt: ctx.now.toISOString() })
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err
        if ((await meta(ctx).get(SETUP_META_ID))?.usedBy !== me) throw conflict('安装码已经用过，已经失效；请让现有管理员邀请您')
      }
    }
    const existing = await staffColl(ctx).get(me)
    if (!existing || existing.inviteId !== SETUP_INVITE_ID) {
      const doc = { role: 'admin' as const, supervisor: false, name, region: null, bankName: null, createdAt: ctx.now.toISOString(), inviteId: SETUP_INVITE_ID }
      await staffColl(ctx).set(me, doc)
      await audit(ctx.ports, ctx, { action: 'setup.admin', target: me, after: staffSnapshot(doc) })
    }
    return { name: existing?.name ?? name, roleLabel: INVITE_ROLE_LABELS.admin }
  },

  async 'admin.staff.list'(ctx, { cursor, limit }) {
    const mine = ctx.staff?.region ?? null
    // an admin sees everyone; a regulator the regulators of their region (to know who is there)
    const where: Where = ctx.role === 'admin' ? {} : mine ? { role: 'regulator', region: cmd.prefix(regionPrefix(mine)) } : { role: 'regulator' }
    const page = await pageNewestFirst(staffColl(ctx), where, { cursor, limit })
    return { items: page.items.map((s) => memberView(ctx, s)), total: page.total, nextCursor: page.nextCursor, canEdit: ctx.role === 'admin' }
  },

  async 'admin.staff.update'(ctx, input) {
    const target = await staffColl(ctx).get(input.id)
    if (!target) throw notFound('没有找到这位工作人员')
    const grant: Grant = {
      role: input.role ?? inviteRoleOf(target),
      region: input.region !== undefined ? input.region : target.region,
      bankName: input.bankName ?? target.bankName
    }
    const problem = grantProblem({ role: 'admin', region: null }, grant, regionName)
    if (problem) throw new AppError(problem.code, problem.message, problem.path ? [{ path: problem.path, message: problem.message }] : undefined)
    const fields = { ...staffFieldsOf(grant), suspended: input.suspended ?? !!target.suspended }
    const before = staffSnapshot(target)
    const next = { ...target, ...fields }
    const after = staffSnapshot(next)
    if (JSON.stringify(before) === JSON.stringify(after)) return memberView(ctx, target)
    const revert = { role: target.role, supervisor: !!target.supervisor, region: target.region, bankName: target.bankName, suspended: !!target.suspended }
    await staffColl(ctx).update(target._id, { ...fields, updatedAt: ctx.now.toISOString() })
    // checked after the write, so two admins demoting each other at once cannot both succeed:
    // each re-counts after its own change and undoes it when no active admin is left
    if (isActiveAdmin(target) && !isActiveAdmin(next) && (await activeAdmins(ctx)) === 0) {
      await staffColl(ctx).update(target._id, revert)
      throw conflict(LAST_ADMIN)
    }
    const onlySuspension = before.role === after.role && before.region === after.region && before.bankName === after.bankName
    await audit(ctx.ports, ctx, { action: onlySuspension ? (after.suspended ? 'staff.suspend' : 'staff.resume') : 'staff.update', target: target._id, before, after })
    return memberView(ctx, next)
  },

  async 'admin.staff.remove'(ctx, { id }) {
    const target = await staffColl(ctx).get(id)
    if (!target) return { removed: false }
    if (isActiveAdmin(target) && (await activeAdmins(ctx)) <= 1) throw conflict(LAST_ADMIN)
    await staffColl(ctx).remove(id)
    if (isActiveAdmin(target) && (await activeAdmins(ctx)) === 0) {
      const { _id, ...rest } = target
      await staffColl(ctx).set(_id, rest)
      throw conflict(LAST_ADMIN)
    }
    await audit(ctx.ports, ctx, { action: 'staff.remove', target: id, before: staffSnapshot(target), after: null })
    return { removed: true }
  },

  async 'admin.audit.list'(ctx, { cursor, limit }) {
    const page = await pageNewestFirst(auditLog(ctx.ports), {}, { cursor, limit, field: 'at' })
    const names = await actorNames(ctx, page.items)
    return {
      items: page.items.map((e) => ({
        id: e._id,
        at: e.at,
        actorName: names.get(e.actor) ?? '已不在册的用户',
        roleLabel: ROLE_LABELS[e.role] ?? '',
        actionLabel: auditActionLabel(e.action),
        target: describeTarget(e),
        change: describeDetail(e)
      })),
      total: page.total,
      nextCursor: page.nextCursor
    }
  },

  async 'admin.helper.mine'(ctx) {
    const me = ctx.actor
    const [mine, doc] = await Promise.all([helpers(ctx).get(me), owners(ctx).get(me)])
    const [list, open] = await Promise.all([
      helpers(ctx).find({ ownerOpenid: me }, { orderBy: [['createdAt', 'asc']], limit: MAX_HELPERS * 2 }),
      invitations(ctx).find({ ownerOpenid: me, status: 'open' }, { limit: MAX_HELPERS * 2 })
    ])
    const invites = open.filter((d) => statusOf(d, ctx.now) === 'open').sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    return {
      helpers: list.map((h) => ({ id: h.inviteId, name: h.name, joinedAt: h.createdAt })),
      invites: await inviteViews(ctx, invites),
      helperOf: mine ? { businessName: mine.businessName, since: mine.createdAt } : null,
      canInvite: !mine && !!doc?.profile && list.length + invites.length < MAX_HELPERS,
      can: HELPER_CAN,
      cannot: HELPER_CANNOT
    }
  },

  async 'admin.helper.invite'(ctx, { name }) {
    const me = ctx.actor
    const doc = await owners(ctx).get(me)
    if (!doc?.profile) throw precondition('请先建档，再邀请帮手')
    const [count, open] = await Promise.all([helpers(ctx).count({ ownerOpenid: me }), invitations(ctx).find({ ownerOpenid: me, status: 'open' }, { limit: MAX_HELPERS * 2 })])
    const live = open.filter((d) => statusOf(d, ctx.now) === 'open')
    // a retry of this same request finds its own invitation among the open ones
    const own = live.find((d) => d._id === recordId(ctx, 'invite'))
    if (!own && count + live.length >= MAX_HELPERS) throw conflict(`最多可以有${MAX_HELPERS}位帮手（含还没接受的邀请）；请先移除不用的`)
    const invite = await createInvite(ctx, {
      kind: 'helper',
      role: null,
      region: null,
      bankName: null,
      name,
      ownerOpenid: me,
      businessName: doc.profile.businessName,
      createdBy: me,
      createdByName: doc.profile.businessName,
      expiresAt: inviteExpiry(ctx.now, 7).toISOString()
    })
    await audit(ctx.ports, ctx, { action: 'helper.invite', target: invite._id, after: { name, businessName: doc.profile.businessName } })
    return (await inviteViews(ctx, [invite]))[0]
  },

  async 'admin.helper.remove'(ctx, { id }) {
    const me = ctx.actor
    const d = await invitations(ctx).get(id)
    if (!d || d.kind !== 'helper' || d.ownerOpenid !== me) throw notFound('没有找到这位帮手')
    let removed = false
    if (d.status === 'open') removed = (await invitations(ctx).updateWhere({ _id: id, status: 'open' }, { status: 'revoked', revokedAt: ctx.now.toISOString() })) > 0
    // accepted (perhaps just now): the helper's binding goes, so their next call is an ordinary owner's
    for (const h of await helpers(ctx).find({ ownerOpenid: me, inviteId: id }, { limit: 10 })) {
      removed = (await helpers(ctx).remove(h._id)) || removed
    }
    if (removed) await audit(ctx.ports, ctx, { action: 'helper.remove', target: id, before: { name: d.name, businessName: d.businessName }, after: null })
    return { removed }
  },

  async 'admin.helper.leave'(ctx) {
    const me = ctx.actor
    const h = await helpers(ctx).get(me)
    if (!h) return { left: false }
    await helpers(ctx).remove(me)
    await audit(ctx.ports, ctx, { action: 'helper.leave', target: me, before: { name: h.name, businessName: h.businessName }, after: null })
    return { left: true }
  }
}
