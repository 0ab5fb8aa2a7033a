import { chinaDate } from '../../src/core/common/time'
import { DEFAULT_NOTIFY, type NotifySettings, type Topic } from '../../src/core/reminder/contract'
import type { OwnerDoc } from '../user/owners'
import { DuplicateKeyError } from './errors'
import type { InboxDoc } from './inbox'
import { cmd, patch, type Db, type Ports } from './ports'
import type { Sweep } from './sweep'

/**
 * The Notifier (ARCHITECTURE.md, "Notifications"): every message lands in the inbox; it also goes
 * out as a WeChat subscribe message when the owner holds quota for the template and is under
 * their daily cap. Quota is counted here: each reported `accept` adds one, each send takes one,
 * 43101 zeroes it. Retryable send errors are retried with backoff by the push-retry sweep.
 */
export interface NotifyInput {
  openid: string
  topic: Topic
  title: string
  body: string
  page?: string
  /** exactly-once key: a second notify with the same key does nothing */
  key?: string
  template?: { id: string; data: Record<string, { value: string }> }
}

export type NotifyOutcome =
  | { status: 'delivered'; inboxId: string; push: InboxDoc['pushState']; reason: string | null }
  | { status: 'duplicate'; inboxId: string }
  | { status: 'topicOff' }

export const MAX_PUSH_ATTEMPTS = 5
/** WeChat errors after which sending again cannot help. */
const FINAL_ERRORS = new Set([43101, 47003, 41030, 40003])

export interface QuotaDoc {
  _id: string
  openid: string
  templateId: string
  count: number
  updatedAt: string
}
export interface DailyCountDoc {
  _id: string
  count: number
}

export const quotaId = (openid: string, templateId: string) => `${openid}:${templateId}`
/** one counter per owner per China day */
const dailyId = (openid: string, now: Date) => `${openid}:${chinaDate(now)}`

export async function notifySettings(db: Db, openid: string): Promise<NotifySettings> {
  const owner = await db.collection<OwnerDoc>('owners').get(openid)
  const s = owner?.notify
  return { topics: { ...DEFAULT_NOTIFY.topics, ...(s?.topics ?? {}) }, dailyCap: s?.dailyCap ?? DEFAULT_NOTIFY.dailyCap }
}

export async function notify(ports: Ports, now: Date, n: NotifyInput): Promise<NotifyOutcome> {
  const db = ports.db
  const settings = await notifySettings(db, n.openid)
  if (settings.topics[n.topic] === false) return { status: 'topicOff' }

  const inbox = db.collection<InboxDoc>('inbox')
  const doc: Omit<InboxDoc, '_id'> & { _id?: string } = {
    ...(n.key ? { _id: n.key } : {}),
    openid: n.openid,
    topic: n.topic,
    title: n.title,
    body: n.body,
    page: n.page ?? null,
    read: false,
    createdAt: now.toISOString(),
    pushState: n.template ? 'sending' : 'none',
    pushTemplateId: n.template?.id ?? null,
    pushData: n.template?.data ?? null,
    pushAttempts: 0,
    pushNextAt: '',
    pushError: null,
    pushSkipReason: null
  }
  let inboxId: string
  try {
    // The inbox entry is the record of delivery: written once, before the phone message.
    inboxId = await inbox.add(doc)
  } catch (err) {
    if (err instanceof DuplicateKeyError && n.key) return { status: 'duplicate', inboxId: n.key }
    throw err
  }
  const stored = { ...doc, _id: inboxId } as InboxDoc
  const result = n.template ? await tryPush(ports, now, stored, settings) : { push: 'none' as const, reason: null }
  await ports.push.observe?.({
    key: inboxId,
    openid: n.openid,
    topic: n.topic,
    title: n.title,
    body: n.body,
    page: n.page ?? null,
    push: result.reason ? `${result.push}:${result.reason}` : result.push,
    templateId: n.template?.id ?? null,
    data: n.template?.data ?? null
  })
  return { status: 'delivered', inboxId, push: result.push, reason: result.reason }
}

/** Takes one unit of quota if there is any (atomic: never below zero). */
async function takeQuota(db: Db, openid: string, templateId: string, now: Date): Promise<boolean> {
  const taken = await db
    .collection<QuotaDoc>('quotas')
    .updateWhere({ _id: quotaId(openid, templateId), count: cmd.gt(0) }, { count: patch.inc(-1), updatedAt: now.toISOString() })
  return taken === 1
}

/** Counts one phone message against today's (China date) cap; false if the cap is reached. */
async function takeDaily(db: Db, openid: string, cap: number, now: Date): Promise<boolean> {
  if (cap <= 0) return false
  const counts = db.collection<DailyCountDoc>('pushCounts')
  const id = dailyId(openid, now)
  if ((await counts.updateWhere({ _id: id, count: cmd.lt(cap) }, { count: patch.inc(1) })) === 1) return true
  try {
    await counts.add({ _id: id, count: 1 })
    return true
  } catch (err) {
    if (err instanceof DuplicateKeyError) return false
    throw err
  }
}

/**
 * One attempt at the phone message of an inbox entry whose pushState the caller has claimed
 * ('sending'). At most once: the state is recorded before WeChat is asked, so a crash in
 * between leaves 'sending' and the message is not sent again (the inbox copy is there).
 */
export async function tryPush(ports: Ports, now: Date, doc: InboxDoc, settings?: NotifySettings) {
  const db = ports.db
  const inbox = db.collection<InboxDoc>('inbox')
  const s = settings ?? (await notifySettings(db, doc.openid))
  const skip = async (reason: string) => {
    await inbox.update(doc._id, { pushState: 'skipped', pushSkipReason: reason })
    return { push: 'skipped' as const, reason }
  }
  if (!doc.pushTemplateId || !doc.pushData) return { push: 'none' as const, reason: null }
  if (!(await takeQuota(db, doc.openid, doc.pushTemplateId, now))) return skip('noQuota')
  if (!(await takeDaily(db, doc.openid, s.dailyCap, now))) {
    await db.collection<QuotaDoc>('quotas').update(quotaId(doc.openid, doc.pushTemplateId), { count: patch.inc(1) })
    return skip('dailyCap')
  }
  const attempts = doc.pushAttempts + 1
  let result
  try {
    result = await ports.push.send({ openid: doc.openid, templateId: doc.pushTemplateId, page: doc.page, data: doc.pushData, key: doc._id })
  } catch {
    result = { ok: false as const, errCode: -1 }
  }
  if (result.ok) {
    await inbox.update(doc._id, { pushState: 'sent', pushAttempts: attempts, pushNextAt: '', pushError: null })
    return { push: 'sent' as const, reason: null }
  }
  const code = result.errCode
  // Nothing reached the phone: the attempt does not count against today's cap.
  await db.collection<DailyCountDoc>('pushCounts').update(dailyId(doc.openid, now), { count: patch.inc(-1) })
  if (code === 43101) {
    // The owner has no subscription left for this template (or refused): quota is zero.
    await db.collection<QuotaDoc>('quotas').update(quotaId(doc.openid, doc.pushTemplateId), { count: 0 })
  } else if (!FINAL_ERRORS.has(code)) {
    // Not consumed: give the unit back for the retry.
    await db.collection<QuotaDoc>('quotas').update(quotaId(doc.openid, doc.pushTemplateId), { count: patch.inc(1) })
  }
  if (FINAL_ERRORS.has(code) || attempts >= MAX_PUSH_ATTEMPTS) {
    await inbox.update(doc._id, { pushState: 'failed', pushAttempts: attempts, pushNextAt: '', pushError: code })
    return { push: 'failed' as const, reason: String(code) }
  }
  // Backoff: 2, 4, 8, 16 minutes.
  const next = new Date(now.getTime() + 2 ** attempts * 60_000).toISOString()
  await inbox.update(doc._id, { pushState: 'retry', pushAttempts: attempts, pushNextAt: next, pushError: code })
  return { push: 'retry' as const, reason: String(code) }
}

/** The scheduler's sweep of phone messages waiting for a retry; each is claimed before sending. */
export async function pushRetryPage(ports: Ports, now: Date): Promise<{ handled: number; more: boolean }> {
  const inbox = ports.db.collection<InboxDoc>('inbox')
  const t = now.toISOString()
  const due = await inbox.find({ pushState: 'retry', pushNextAt: cmd.lte(t) }, { orderBy: [['pushNextAt', 'asc']], limit: 100 })
  let handled = 0
  for (const doc of due) {
    const claimed = await inbox.updateWhere({ _id: doc._id, pushState: 'retry', pushNextAt: doc.pushNextAt }, { pushState: 'sending' })
    if (claimed !== 1) continue
    await tryPush(ports, now, { ...doc, pushState: 'sending' })
    handled++
  }
  return { handled, more: due.length === 100 }
}

export const pushRetrySweep: Sweep = { name: 'push-retries', page: pushRetryPage }
