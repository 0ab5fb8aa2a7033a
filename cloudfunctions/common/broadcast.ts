import type { NotifySettings } from '../../src/core/reminder/contract'
import type { OwnerDoc } from '../user/owners'
import { BATCH, insertMany, newToken } from './bulk'
import { DuplicateKeyError } from './errors'
import type { BroadcastDoc, PushDoc, PushRecord } from './inbox'
import { observe, quotaHolders, quotaId, sendPhones, settingsOf, type PhoneResult } from './notify'
import { cmd, patch, type Db, type Observed, type Ports } from './ports'

/**
 * Broadcasts (README, "Broadcasts"): a message that is the same for many owners is written once;
 * delivering it to an owner adds its id to their `owners.broadcasts` (one update per 1,000
 * owners), and their 消息 merges it with their personal inbox. Only the phone messages are per
 * owner, and only for owners holding quota: a `pushes` document each, added in bulk.
 */

const known = new WeakMap<Db, Set<string>>()

/** Writes the broadcast unless it is there (a warm instance remembers, so a peak writes it once). */
export async function ensureBroadcast(db: Db, doc: BroadcastDoc): Promise<void> {
  let seen = known.get(db)
  if (!seen) known.set(db, (seen = new Set()))
  if (seen.has(doc._id)) return
  try {
    await db.collection<BroadcastDoc>('broadcasts').add(doc)
  } catch (err) {
    // written by an earlier page, run or instance: it never changes, so the first one stands
    if (!(err instanceof DuplicateKeyError)) throw err
  }
  seen.add(doc._id)
}

export interface Recipient {
  openid: string
  /** the owner's exactly-once key for this message (the phone message's `_id`) */
  key: string
}

export interface BroadcastResult {
  /** owners who now see it */
  delivered: string[]
  /** owners who had its topic switched off: nothing is delivered or sent */
  quiet: string[]
  phones: Map<string, PhoneResult>
}

/**
 * Delivers a broadcast to up to 1,000 owners. In-app: one update, idempotent (addToSet), so a
 * rerun after a crash delivers again harmlessly. Phone: the owners holding quota get a `pushes`
 * document each in one bulk add; only those this call wrote are sent (a document another run
 * wrote is theirs: at most once), then sendPhones takes quota, counts the day and sends.
 */
export async function deliverBroadcast(ports: Ports, now: Date, b: BroadcastDoc, recipients: readonly Recipient[], settings: Map<string, NotifySettings>): Promise<BroadcastResult> {
  if (recipients.length > BATCH) throw new Error('deliverBroadcast takes at most 1000 owners')
  const db = ports.db
  const on = (r: Recipient) => (settings.get(r.openid) ?? settingsOf(null)).topics[b.topic] !== false
  const live = recipients.filter(on)
  const quiet = recipients.filter((r) => !on(r)).map((r) => r.openid)
  if (live.length) {
    await db.collection<OwnerDoc>('owners').updateWhere({ _id: cmd.in(live.map((r) => r.openid)) }, { broadcasts: patch.addToSet([b._id]) })
  }
  const phones = new Map<string, PhoneResult>()
  let mine = new Set<string>()
  const template = b.template
  let holders = new Set<string>()
  if (template && live.length) {
    holders = await quotaHolders(db, live.map((r) => ({ openid: r.openid, templateId: template.id })))
    const docs = live
      .filter((r) => holders.has(quotaId(r.openid, template.id)))
      .map((r): PushDoc => ({
        _id: r.key,
        openid: r.openid,
        topic: b.topic,
        broadcastId: b._id,
        page: b.page,
        createdAt: now.toISOString(),
        pushState: 'sending',
        pushTemplateId: template.id,
        pushData: template.data,
        pushAttempts: 0,
        pushNextAt: '',
        pushError: null,
        pushSkipReason: null
      }))
    const pushes = db.collection<PushDoc>('pushes')
    mine = await insertMany(pushes, docs, newToken(now))
    const claimed = docs.filter((d) => mine.has(d._id))
    for (const [k, v] of await sendPhones(ports, now, pushes as never, claimed as PushRecord[], settings)) phones.set(k, v)
  }
  const observed: Observed[] = []
  for (const r of live) {
    const holds = !!template && holders.has(quotaId(r.openid, template.id))
    // a phone message another run claimed was observed by that run
    if (holds && !mine.has(r.key)) continue
    const p = phones.get(r.key) ?? (template ? { push: 'skipped' as const, reason: 'noQuota' } : { push: 'none' as const, reason: null })
    observed.push({ key: r.key, openid: r.openid, topic: b.topic, title: b.title, body: b.body, page: b.page, push: p.reason ? `${p.push}:${p.reason}` : p.push, templateId: template?.id ?? null, data: template?.data ?? null })
  }
  await observe(ports, observed)
  return { delivered: live.map((r) => r.openid), quiet, phones }
}
