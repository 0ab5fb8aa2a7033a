import { chinaDate } from '../../src/core/common/time'
import { DEFAULT_NOTIFY, type NotifySettings, type Topic } from '../../src/core/reminder/contract'
import type { OwnerDoc } from '../user/owners'
import { BATCH, claimWhere, groupBy, insertMany, newToken, pool, rounds } from './bulk'
import { DuplicateKeyError } from './errors'
import type { InboxDoc, PushRecord } from './inbox'
import { cmd, patch, type Collection, type Db, type Observed, type Ports } from './ports'
import type { Sweep } from './sweep'

/**
 * The Notifier (ARCHITECTURE.md, "Notifications"): every message lands in the inbox; it also goes
 * out as a WeChat subscribe message when the owner holds quota for the template and is under
 * their daily cap. Quota is counted here: each reported `accept` adds one, each send takes one,
 * 43101 zeroes it. Retryable send errors are retried with backoff by the push-retry sweep.
 *
 * Everything works on batches (notifyMany, sendPhones), a single notify() being a batch of one,
 * so there is one path to get right: a batch of up to 1,000 costs a fixed handful of round trips
 * (settings, quota, the inbox add, the quota claim, the daily counters, the states) plus the
 * sends, which go out through a pool of SEND_CONCURRENCY at a time.
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
/**
 * subscribeMessage.send calls in flight at once. WeChat publishes a daily limit (10,000,000 a
 * day, REFERENCE.md) but no rate; 20 is our own setting: a 1,000-owner batch with 300 messages
 * sends in 15 rounds, and a function instance never holds more than 20 open requests.
 */
export const SEND_CONCURRENCY = 20
/** WeChat errors after which sending again cannot help. */
const FINAL_ERRORS = new Set([43101, 47003, 41030, 40003])

export interface QuotaDoc {
  _id: string
  openid: string
  templateId: string
  count: number
  updatedAt: string
  claim?: string
}
export interface DailyCountDoc {
  _id: string
  count: number
  claim?: string
}

export const quotaId = (openid: string, templateId: string) => `${openid}:${templateId}`
/** one counter per owner per China day */
export const dailyId = (openid: string, now: Date) => `${openid}:${chinaDate(now)}`

/** An owner's topics and daily cap, the defaults filling what they never set. */
export function settingsOf(owner: Pick<OwnerDoc, 'notify'> | null | undefined): NotifySettings {
  const s = owner?.notify
  return { topics: { ...DEFAULT_NOTIFY.topics, ...(s?.topics ?? {}) }, dailyCap: s?.dailyCap ?? DEFAULT_NOTIFY.dailyCap }
}

export async function notifySettings(db: Db, openid: string): Promise<NotifySettings> {
  return settingsOf(await db.collection<OwnerDoc>('owners').get(openid))
}

/** Up to 1,000 owners' documents in one read (absent ones are missing from the map). */
export async function readOwners(db: Db, openids: readonly string[]): Promise<Map<string, Pick<OwnerDoc, '_id' | 'notify' | 'broadcasts'>>> {
  const ids = [...new Set(openids)]
  const out = new Map<string, Pick<OwnerDoc, '_id' | 'notify' | 'broadcasts'>>()
  for (let i = 0; i < ids.length; i += BATCH) {
    // only what sending needs: their settings and what has been delivered to them
    const found = await db.collection<OwnerDoc>('owners').find({ _id: cmd.in(ids.slice(i, i + BATCH)) }, { limit: BATCH, fields: ['notify', 'broadcasts'] })
    for (const o of found) out.set(o._id, o)
  }
  return out
}

/** The settings of up to 1,000 owners in one read. */
export async function ownerSettings(db: Db, openids: readonly string[]): Promise<Map<string, NotifySettings>> {
  const byId = await readOwners(db, openids)
  return new Map([...new Set(openids)].map((id) => [id, settingsOf(byId.get(id))]))
}

/** The owners (of these messages) who hold at least one unit of quota for the template, in one read. */
export async function quotaHolders(db: Db, items: ReadonlyArray<{ openid: string; templateId: string }>): Promise<Set<string>> {
  const ids = [...new Set(items.map((i) => quotaId(i.openid, i.templateId)))]
  const out = new Set<string>()
  for (let i = 0; i < ids.length; i += BATCH) {
    for (const q of await db.collection<QuotaDoc>('quotas').find({ _id: cmd.in(ids.slice(i, i + BATCH)), count: cmd.gt(0) }, { limit: BATCH })) out.add(q._id)
  }
  return out
}

export async function notify(ports: Ports, now: Date, n: NotifyInput): Promise<NotifyOutcome> {
  return (await notifyMany(ports, now, [n]))[0]
}

/**
 * Personal messages, up to 1,000 at once, each exactly once by its key: the inbox entries are one
 * bulk add (an entry already there, written by an earlier run, is a duplicate and nothing more is
 * done for it), then the phone messages of those holding quota go out in one batch.
 */
export async function notifyMany(ports: Ports, now: Date, inputs: readonly NotifyInput[], known?: Map<string, NotifySettings>): Promise<NotifyOutcome[]> {
  const db = ports.db
  const settings = known ?? (await ownerSettings(db, inputs.map((n) => n.openid)))
  const out: NotifyOutcome[] = inputs.map(() => ({ status: 'topicOff' }))
  const token = newToken(now)
  const live = inputs.map((n, i) => ({ n, i })).filter(({ n }) => (settings.get(n.openid) ?? settingsOf(null)).topics[n.topic] !== false)
  // who holds quota decides whether a phone message is attempted at all (read once for the batch)
  const holders = await quotaHolders(db, live.filter(({ n }) => n.template).map(({ n }) => ({ openid: n.openid, templateId: n.template!.id })))
  const docs = live.map(({ n, i }): InboxDoc => {
    const holds = !!n.template && holders.has(quotaId(n.openid, n.template.id))
    return {
      // a message without a key gets one of its own: the batch reads back by _id
      _id: n.key ?? `m.${token}.${i}`,
      openid: n.openid,
      topic: n.topic,
      title: n.title,
      body: n.body,
      page: n.page ?? null,
      read: false,
      createdAt: now.toISOString(),
      pushState: !n.template ? 'none' : holds ? 'sending' : 'skipped',
      pushTemplateId: n.template?.id ?? null,
      pushData: n.template?.data ?? null,
      pushAttempts: 0,
      pushNextAt: '',
      pushError: null,
      pushSkipReason: n.template && !holds ? 'noQuota' : null
    }
  })
  const inbox = db.collection<InboxDoc>('inbox')
  // The inbox entry is the record of delivery: written once, before the phone message.
  const ours = await insertMany(inbox, docs, token)
  const mine = docs.filter((d) => ours.has(d._id))
  const phones = await sendPhones(ports, now, inbox, mine.filter((d) => d.pushState === 'sending'), settings)
  const observed: Observed[] = []
  live.forEach(({ n, i }, k) => {
    const d = docs[k]
    if (!ours.has(d._id)) {
      out[i] = { status: 'duplicate', inboxId: d._id }
      return
    }
    const r = phones.get(d._id) ?? (d.pushState === 'skipped' ? { push: 'skipped' as const, reason: 'noQuota' } : { push: 'none' as const, reason: null })
    out[i] = { status: 'delivered', inboxId: d._id, push: r.push, reason: r.reason }
    observed.push({ key: d._id, openid: n.openid, topic: n.topic, title: n.title, body: n.body, page: d.page, push: r.reason ? `${r.push}:${r.reason}` : r.push, templateId: d.pushTemplateId, data: d.pushData })
  })
  await observe(ports, observed)
  return out
}

/** Local only: the outbox sees every notification (cloud pushes have no observer). */
export async function observe(ports: Ports, list: Observed[]) {
  if (!ports.push.observe || !list.length) return
  for (const n of list) await ports.push.observe(n)
}

export type PhoneResult = { push: PushRecord['pushState']; reason: string | null }

/**
 * The phone messages of records the caller has claimed (pushState 'sending'), in batches: one
 * update takes a unit of quota from every holder, one read and one write count them against
 * today's cap, the sends go out SEND_CONCURRENCY at a time, one update records the sent ones.
 * At most once: the state is recorded as 'sending' before WeChat is asked, so a crash in between
 * leaves it there and the message is never sent again (the inbox copy is there).
 */
export async function sendPhones(ports: Ports, now: Date, coll: Collection<PushRecord>, records: readonly PushRecord[], known?: Map<string, NotifySettings>): Promise<Map<string, PhoneResult>> {
  const results = new Map<string, PhoneResult>()
  const ready = records.filter((r) => r.pushTemplateId && r.pushData)
  if (!ready.length) return results
  const settings = known ?? (await ownerSettings(ports.db, ready.map((r) => r.openid)))
  // an owner's quota and daily counter are changed once per update: their second message waits a round
  for (const round of rounds(ready, (r) => r.openid)) {
    for (let i = 0; i < round.length; i += BATCH) await phoneRound(ports, now, coll, round.slice(i, i + BATCH), settings, results)
  }
  return results
}

async function phoneRound(ports: Ports, now: Date, coll: Collection<PushRecord>, records: PushRecord[], settings: Map<string, NotifySettings>, results: Map<string, PhoneResult>) {
  const db = ports.db
  const t = now.toISOString()
  const quotas = db.collection<QuotaDoc>('quotas')
  const counts = db.collection<DailyCountDoc>('pushCounts')
  const qid = (r: PushRecord) => quotaId(r.openid, r.pushTemplateId!)
  const did = (r: PushRecord) => dailyId(r.openid, now)
  const capOf = (r: PushRecord) => (settings.get(r.openid) ?? settingsOf(null)).dailyCap
  const skip = async (list: PushRecord[], reason: string) => {
    if (!list.length) return
    await coll.updateWhere({ _id: cmd.in(list.map((r) => r._id)) }, { pushState: 'skipped', pushSkipReason: reason })
    for (const r of list) results.set(r._id, { push: 'skipped', reason })
  }

  // 1. one unit of quota from each (atomic: never below zero); read back only if someone raced us
  const token = newToken(now)
  const taken = await claimWhere(quotas, records.map(qid), { count: cmd.gt(0) }, { count: patch.inc(-1), updatedAt: t }, token)
  const withQuota = records.filter((r) => taken.has(qid(r)))
  await skip(records.filter((r) => !taken.has(qid(r))), 'noQuota')

  // 2. today's cap (China date): existing counters under the cap go up by one, missing ones are made
  const existing = new Map(withQuota.length ? (await counts.find({ _id: cmd.in(withQuota.map(did)) }, { limit: BATCH })).map((c) => [c._id, c.count]) : [])
  const counted = new Set<string>()
  const under = withQuota.filter((r) => capOf(r) > 0 && existing.has(did(r)) && existing.get(did(r))! < capOf(r))
  for (const [cap, group] of groupBy(under, (r) => String(capOf(r)))) {
    for (const id of await claimWhere(counts, group.map(did), { count: cmd.lt(Number(cap)) }, { count: patch.inc(1) }, token)) counted.add(id)
  }
  const fresh = withQuota.filter((r) => capOf(r) > 0 && !existing.has(did(r)))
  const made = await insertMany(counts, fresh.map((r) => ({ _id: did(r), count: 1 })), token)
  for (const id of made) counted.add(id)
  // made meanwhile by someone else (another message to the same owner, another run): one at a time
  for (const r of fresh.filter((x) => !made.has(did(x)))) if (await takeDaily(db, r.openid, capOf(r), now)) counted.add(did(r))
  const capped = withQuota.filter((r) => !counted.has(did(r)))
  if (capped.length) {
    // nothing is sent: the unit of quota goes back
    await quotas.updateWhere({ _id: cmd.in(capped.map(qid)) }, { count: patch.inc(1) })
    await skip(capped, 'dailyCap')
  }

  // 3. the sends, a bounded number in flight
  const go = withQuota.filter((r) => counted.has(did(r)))
  const sent = await pool(go, SEND_CONCURRENCY, async (r) => {
    try {
      return await ports.push.send({ openid: r.openid, templateId: r.pushTemplateId!, page: r.page, data: r.pushData!, key: r._id })
    } catch {
      return { ok: false as const, errCode: -1 }
    }
  })

  // 4. what became of them
  const ok = go.filter((_, i) => sent[i].ok)
  if (ok.length) await coll.updateWhere({ _id: cmd.in(ok.map((r) => r._id)) }, { pushState: 'sent', pushAttempts: patch.inc(1), pushNextAt: '', pushError: null })
  for (const r of ok) results.set(r._id, { push: 'sent', reason: null })
  const failed = go.flatMap((r, i) => {
    const res = sent[i]
    return res.ok ? [] : [{ r, code: res.errCode }]
  })
  if (!failed.length) return
  // Nothing reached the phone: the attempt does not count against today's cap.
  await counts.updateWhere({ _id: cmd.in(failed.map((f) => did(f.r))) }, { count: patch.inc(-1) })
  // 43101: the owner has no subscription left for this template (or refused): quota is zero.
  const zero = failed.filter((f) => f.code === 43101)
  if (zero.length) await quotas.updateWhere({ _id: cmd.in(zero.map((f) => qid(f.r))) }, { count: 0 })
  // Not consumed: give the unit back for the retry.
  const back = failed.filter((f) => !FINAL_ERRORS.has(f.code))
  if (back.length) await quotas.updateWhere({ _id: cmd.in(back.map((f) => qid(f.r))) }, { count: patch.inc(1) })
  for (const [, group] of groupBy(failed, (f) => `${f.code}:${f.r.pushAttempts}`)) {
    const { code, r } = group[0]
    const attempts = r.pushAttempts + 1
    const final = FINAL_ERRORS.has(code) || attempts >= MAX_PUSH_ATTEMPTS
    // Backoff: 2, 4, 8, 16 minutes.
    const next = final ? '' : new Date(now.getTime() + 2 ** attempts * 60_000).toISOString()
    await coll.updateWhere({ _id: cmd.in(group.map((f) => f.r._id)) }, { pushState: final ? 'failed' : 'retry', pushAttempts: attempts, pushNextAt: next, pushError: code })
    for (const f of group) results.set(f.r._id, { push: final ? 'failed' : 'retry', reason: String(code) })
  }
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

/** Where phone-message states live: personal inbox entries, and broadcast deliveries. */
export const PUSH_COLLECTIONS = ['inbox', 'pushes'] as const

/**
 * The scheduler's sweep of phone messages waiting for a retry: a page is claimed in one update
 * ('retry' → 'sending', only while still due) and sent as one batch.
 */
export async function pushRetryPage(ports: Ports, now: Date): Promise<{ handled: number; more: boolean }> {
  const t = now.toISOString()
  let handled = 0
  let more = false
  for (const name of PUSH_COLLECTIONS) {
    const coll = ports.db.collection<PushRecord>(name)
    const due = await coll.find({ pushState: 'retry', pushNextAt: cmd.lte(t) }, { orderBy: [['pushNextAt', 'asc']], limit: 100 })
    if (due.length === 100) more = true
    if (!due.length) continue
    const token = newToken(now)
    const mine = await claimWhere(coll, due.map((d) => d._id), { pushState: 'retry', pushNextAt: cmd.lte(t) }, { pushState: 'sending' }, token)
    const claimed = due.filter((d) => mine.has(d._id)).map((d) => ({ ...d, pushState: 'sending' as const }))
    await sendPhones(ports, now, coll, claimed)
    handled += claimed.length
  }
  return { handled, more }
}

export const pushRetrySweep: Sweep = { name: 'push-retries', page: pushRetryPage }
