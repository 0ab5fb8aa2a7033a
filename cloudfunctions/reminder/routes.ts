import { firstDue } from '../../src/core/reminder/ladder'
import { DEFAULT_NOTIFY, inboxCursor } from '../../src/core/reminder/contract'
import type { Context } from '../common/context'
import { DuplicateKeyError, invalid, notFound, precondition } from '../common/errors'
import { BATCH } from '../common/bulk'
import { BROADCAST_PREFIX, type BroadcastDoc, type InboxDoc } from '../common/inbox'
import { notifySettings, quotaId, type QuotaDoc } from '../common/notify'
import { cmd, patch } from '../common/ports'
import { addOnce, recordId } from '../common/once'
import { defineFunction } from '../common/router'
import { owners } from '../user/owners'
import { ensureCurrentObligation, obligationRungs, obligations, obligationView, ensureObligation, permitRungs, permits, permitView, scopeOfOwner, type PermitDoc } from './store'

/** Permits an owner may record: enough for any stall, small enough to list in one read. */
const MAX_PERMITS = 30

async function ownPermit(ctx: Context, id: string): Promise<PermitDoc> {
  const p = await permits(ctx.db).get(id)
  // Someone else's permit is reported as missing: its existence is not the caller's business.
  if (!p || p.openid !== ctx.openid) throw notFound('没有找到这个证照')
  return p
}

/** Whether the owner has switched a reminder topic off (their schedule then shows nothing to come). */
const topicOff = async (ctx: Context, topic: 'permit' | 'annualReport') => (await notifySettings(ctx.db, ctx.openid)).topics[topic] === false

const inbox = (ctx: Context) => ctx.db.collection<InboxDoc>('inbox')
const broadcasts = (ctx: Context) => ctx.db.collection<BroadcastDoc>('broadcasts')
const unreadCount = (ctx: Context) => inbox(ctx).count({ openid: ctx.openid, read: false })

type Message = { id: string; topic: string; title: string; body: string; page: string | null; read: boolean; createdAt: string }
type Position = { createdAt: string; id: string }

const parseCursor = (cursor: string): Position => {
  const bar = cursor.indexOf('|')
  return { createdAt: cursor.slice(0, bar), id: cursor.slice(bar + 1) }
}
/** 消息 is newest first, ties by id (one call can write two messages in the same millisecond). */
const before = (a: Position, b: Position) => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id)

/**
 * The owner's own messages after a position, newest first: those at the very same instant with a
 * smaller id, then the older ones. Two exact queries, so paging neither repeats nor skips,
 * however many messages share one instant.
 */
async function personalPage(ctx: Context, after: Position | null, n: number): Promise<InboxDoc[]> {
  const order: Array<[string, 'asc' | 'desc']> = [['createdAt', 'desc'], ['_id', 'desc']]
  if (!after) return inbox(ctx).find({ openid: ctx.openid }, { orderBy: order, limit: n })
  const same = await inbox(ctx).find({ openid: ctx.openid, createdAt: after.createdAt, _id: cmd.lt(after.id) }, { orderBy: order, limit: n })
  if (same.length >= n) return same
  return [...same, ...(await inbox(ctx).find({ openid: ctx.openid, createdAt: cmd.lt(after.createdAt) }, { orderBy: order, limit: n - same.length }))]
}

export default defineFunction('reminder', {
  async 'reminder.permit.list'(ctx) {
    const [list, off] = await Promise.all([
      permits(ctx.db).find({ openid: ctx.openid }, { orderBy: [['expiresOn', 'asc']], limit: MAX_PERMITS }),
      topicOff(ctx, 'permit')
    ])
    return { permits: list.map((p) => permitView(p, ctx.now, off)) }
  },

  async 'reminder.permit.save'(ctx, input) {
    const { id, ...fields } = input
    const at = ctx.now.toISOString()
    const name = fields.type === 'other' ? fields.name! : ''
    const [off, owner] = await Promise.all([topicOff(ctx, 'permit'), owners(ctx).get(ctx.openid)])
    const scope = scopeOfOwner(owner)
    if (id) {
      const existing = await ownPermit(ctx, id)
      // New dates are a new version: its ladder starts afresh from now, without a burst of
      // rungs that passed meanwhile (firstDue sends at most the latest one).
      const same = existing.expiresOn === fields.expiresOn && existing.type === fields.type
      const sentRungs = same ? existing.sentRungs : []
      const quietRungs = same ? existing.quietRungs ?? [] : []
      // claim '': a sweep page holding the old version no longer matches it, so its record of
      // what it sent never lands on the new version
      const next = { ...existing, ...fields, ...scope, name, sentRungs, quietRungs, leaseUntil: '', claim: '', updatedAt: at }
      next.nextDueAt = firstDue(permitRungs(next), ctx.now, sentRungs)?.dueAt ?? null
      const { _id, ...rest } = next
      await permits(ctx.db).set(_id, rest)
      return permitView(next, ctx.now, off)
    }
    const _id = recordId(ctx, 'permit')
    if ((await permits(ctx.db).count({ openid: ctx.openid })) >= MAX_PERMITS) {
      // at the limit because this request's earlier attempt stored it: that one is the answer
      const prior = ctx.request ? await permits(ctx.db).get(_id) : null
      if (prior) return permitView(prior, ctx.now, off)
      throw precondition(`最多记录${MAX_PERMITS}个证照，请先删除不用的`)
    }
    const doc: Omit<PermitDoc, '_id'> = {
      openid: ctx.openid,
      ...fields,
      ...scope,
      name,
      nextDueAt: firstDue(permitRungs(fields), ctx.now)?.dueAt ?? null,
      sentRungs: [],
      quietRungs: [],
      leaseUntil: '',
      createdAt: at,
      updatedAt: at
    }
    return permitView((await addOnce(permits(ctx.db), _id, doc)).doc, ctx.now, off)
  },

  async 'reminder.permit.remove'(ctx, { id }) {
    await ownPermit(ctx, id)
    return { removed: await permits(ctx.db).remove(id) }
  },

  async 'reminder.obligation.list'(ctx) {
    const owner = await owners(ctx).get(ctx.openid)
    if (owner?.profile) await ensureCurrentObligation(ctx.db, ctx.openid, owner.profile.openedOn, ctx.now, scopeOfOwner(owner))
    const list = await obligations(ctx.db).find({ openid: ctx.openid }, { orderBy: [['reportYear', 'desc']], limit: 3 })
    const opts = { openedOn: owner?.profile?.openedOn ?? null, topicOff: owner?.notify?.topics?.annualReport === false }
    return { obligations: list.map((o) => obligationView(o, ctx.now, opts)) }
  },

  async 'reminder.obligation.markFiled'(ctx, { id, filed }) {
    const o = await obligations(ctx.db).get(id)
    if (!o || o.openid !== ctx.openid) throw notFound('没有找到这一年的年报事项')
    const at = ctx.now.toISOString()
    const next = {
      ...o,
      filedAt: filed ? at : null,
      // filed: nothing more to send; undone: resume from now (no burst of missed rungs)
      nextDueAt: filed ? null : firstDue(obligationRungs(o), ctx.now, o.sentRungs)?.dueAt ?? null,
      leaseUntil: '',
      updatedAt: at
    }
    await obligations(ctx.db).update(id, { filedAt: next.filedAt, nextDueAt: next.nextDueAt, leaseUntil: '', claim: '', updatedAt: at })
    const owner = await owners(ctx).get(ctx.openid)
    // the next year's report is the owner's next obligation
    if (filed) await ensureObligation(ctx.db, ctx.openid, o.reportYear + 1, ctx.now, scopeOfOwner(owner))
    return obligationView(next, ctx.now, { openedOn: owner?.profile?.openedOn ?? null, topicOff: owner?.notify?.topics?.annualReport === false })
  },

  async 'reminder.subscription.report'(ctx, { results }) {
    const known = Object.values(ctx.ports.config.templates).filter((t): t is string => !!t)
    for (const templateId of Object.keys(results)) {
      if (!known.includes(templateId)) throw invalid('不认识这个消息模板', `results.${templateId}`)
    }
    const quotas = ctx.db.collection<QuotaDoc>('quotas')
    const quota: Record<string, number> = {}
    for (const [templateId, result] of Object.entries(results)) {
      const _id = quotaId(ctx.openid, templateId)
      if (result === 'accept') {
        // each accepted one-time subscription allows exactly one message
        const bumped = await quotas.update(_id, { count: patch.inc(1), updatedAt: ctx.now.toISOString() })
        if (!bumped) {
          try {
            await quotas.add({ _id, openid: ctx.openid, templateId, count: 1, updatedAt: ctx.now.toISOString() })
          } catch (err) {
            if (!(err instanceof DuplicateKeyError)) throw err
            await quotas.update(_id, { count: patch.inc(1) })
          }
        }
      }
      quota[templateId] = (await quotas.get(_id))?.count ?? 0
    }
    return { quota }
  },

  async 'reminder.inbox.list'(ctx, { cursor, limit }) {
    const after = cursor ? parseCursor(cursor) : null
    const [owner, page, unreadPersonal, totalPersonal] = await Promise.all([
      owners(ctx).get(ctx.openid),
      personalPage(ctx, after, limit + 1),
      unreadCount(ctx),
      inbox(ctx).count({ openid: ctx.openid })
    ])
    const ledger = owner?.broadcasts ?? []
    const read = new Set(owner?.broadcastsRead ?? [])
    // broadcasts delivered to this owner (a few a month), merged with the personal page in one order
    const shared = ledger.length ? await broadcasts(ctx).find({ _id: cmd.in(ledger.slice(-BATCH)) }, { limit: BATCH }) : []
    const items: Message[] = [
      ...page.map((m) => ({ id: m._id, topic: m.topic, title: m.title, body: m.body, page: m.page, read: m.read, createdAt: m.createdAt })),
      ...shared
        .map((b) => ({ id: BROADCAST_PREFIX + b._id, topic: b.topic, title: b.title, body: b.body, page: b.page, read: read.has(b._id), createdAt: b.createdAt }))
        .filter((m) => !after || before(m, after))
    ].sort((a, b) => (before(a, b) ? 1 : before(b, a) ? -1 : 0))
    const messages = items.slice(0, limit)
    return {
      messages,
      unread: unreadPersonal + ledger.filter((id) => !read.has(id)).length,
      total: totalPersonal + ledger.length,
      nextCursor: items.length > limit ? inboxCursor(messages[messages.length - 1]) : null
    }
  },

  async 'reminder.inbox.read'(ctx, { ids, all }) {
    const owner = await owners(ctx).get(ctx.openid)
    const ledger = owner?.broadcasts ?? []
    const read = new Set(owner?.broadcastsRead ?? [])
    let newly: string[]
    if (all) {
      await inbox(ctx).updateWhere({ openid: ctx.openid, read: false }, { read: true })
      newly = ledger.filter((id) => !read.has(id))
    } else {
      const shared = ids!.filter((id) => id.startsWith(BROADCAST_PREFIX)).map((id) => id.slice(BROADCAST_PREFIX.length))
      const personal = ids!.filter((id) => !id.startsWith(BROADCAST_PREFIX))
      // the openid condition keeps an owner from marking anyone else's messages
      if (personal.length) await inbox(ctx).updateWhere({ openid: ctx.openid, _id: cmd.in(personal) }, { read: true })
      // only broadcasts delivered to this owner can be marked (nothing else grows their list)
      newly = shared.filter((id) => ledger.includes(id) && !read.has(id))
    }
    if (newly.length) await owners(ctx).update(ctx.openid, { broadcastsRead: patch.addToSet(newly) })
    for (const id of newly) read.add(id)
    return { unread: (await unreadCount(ctx)) + ledger.filter((id) => !read.has(id)).length }
  },

  async 'reminder.settings.get'(ctx) {
    const templates = Object.values(ctx.ports.config.templates).filter((t): t is string => !!t)
    return { ...(await notifySettings(ctx.db, ctx.openid)), templates }
  },

  async 'reminder.settings.save'(ctx, input) {
    const current = await notifySettings(ctx.db, ctx.openid)
    const next = { topics: { ...DEFAULT_NOTIFY.topics, ...current.topics, ...input.topics }, dailyCap: input.dailyCap ?? current.dailyCap }
    const ok = await owners(ctx).update(ctx.openid, { notify: next, updatedAt: ctx.now.toISOString() })
    if (!ok) throw precondition('请先进入小程序首页完成登录')
    return next
  }
})
