import { chinaDate } from '../../src/core/common/time'
import { asOf, planAt, type Rung } from '../../src/core/reminder/ladder'
import { annualText, permitText } from '../../src/core/reminder/messages'
import { buildData, REMINDER_TEMPLATE } from '../../src/core/notify/template'
import { deliverBroadcast, ensureBroadcast, type Recipient } from '../common/broadcast'
import { BATCH, claimWhere, groupBy, insertMany, newToken } from '../common/bulk'
import type { BroadcastDoc } from '../common/inbox'
import { notifyMany, ownerSettings, readOwners, settingsOf, type NotifyInput } from '../common/notify'
import { cmd, patch, type Collection, type Patch } from '../common/ports'
import type { Sweep } from '../common/sweep'
import { newObligation, obligationRungs, obligations, permitRungs, permits, type ObligationDoc, type PermitDoc, type Scheduled } from './store'

/** A sweep holds an item this long; a run that crashes frees it for the next run after that. */
export const LEASE_MS = 2 * 60_000
/** Items a page takes: as many as one query returns, so a peak costs a fixed few round trips per 1,000 owners. */
export const PAGE = BATCH

interface Item extends Scheduled {
  _id: string
  openid: string
  /** the page that leased it (common/bulk.ts): its advance applies only while the lease is its own */
  claim?: string
}

/**
 * The due items of one page, leased in one update (only items still due and free; the lease
 * carries the page's token), so two runs never handle the same item. Read back only when
 * another run took some of them.
 */
async function leasePage<T extends Item>(coll: Collection<T>, now: Date, token: string): Promise<{ due: T[]; won: T[] }> {
  const t = now.toISOString()
  const due = await coll.find({ nextDueAt: cmd.lte(t), leaseUntil: cmd.lt(t) } as never, { orderBy: [['nextDueAt', 'asc']], limit: PAGE })
  if (!due.length) return { due, won: [] }
  const lease = new Date(now.getTime() + LEASE_MS).toISOString()
  const mine = await claimWhere(coll as Collection<T & { claim?: string }>, due.map((d) => d._id), { nextDueAt: cmd.lte(t), leaseUntil: cmd.lt(t) }, { leaseUntil: lease }, token)
  return { due, won: due.filter((d) => mine.has(d._id)) }
}

/**
 * Records what was sent and moves each item to its next rung, releasing the lease: items with the
 * same change are one update (at a peak, every owner of the page).
 */
async function advance<T extends Item>(coll: Collection<T>, token: string, changes: Array<{ id: string; patch: Patch }>) {
  for (const group of groupBy(changes, (c) => JSON.stringify(c.patch)).values()) {
    await coll.updateWhere({ _id: cmd.in(group.map((c) => c.id)), claim: token } as never, { ...group[0].patch, leaseUntil: '', claim: '' })
  }
}

/** The change that records rung `sent` (and whether it went out quietly) and schedules `next`. */
function moved(sent: Rung | null, next: Rung | null, quiet: boolean, t: string): Patch {
  return {
    nextDueAt: next?.dueAt ?? null,
    ...(sent ? { sentRungs: patch.addToSet([sent.id]) } : {}),
    // the owner's schedule shows this rung as not sent, rather than 已提醒
    ...(sent && quiet ? { quietRungs: patch.addToSet([sent.id]) } : {}),
    updatedAt: t
  }
}

/**
 * Permit reminders: one page of due permits. Per page: lease them, read their owners' settings,
 * write the inbox entries in one bulk add (key permit:<permit>:<expiry>:<rung>, the inbox _id, so
 * a rerun after a crash finds them delivered instead of sending twice), send the phone messages in
 * one batch, then record the rungs. A crash between any two steps leaves the items due (the lease
 * expires) and loses nothing.
 */
export const permitSweep: Sweep = {
  name: 'permit-reminders',
  async page(ports, now) {
    const coll = permits(ports.db)
    const token = newToken(now)
    const { due, won } = await leasePage<PermitDoc>(coll, now, token)
    if (!won.length) return { handled: 0, more: due.length === PAGE }
    const t = now.toISOString()
    const today = chinaDate(now)
    const settings = await ownerSettings(ports.db, won.map((p) => p.openid))
    const templateId = ports.config.templates.reminder
    const sends: Array<{ p: PermitDoc; rung: Rung; input: NotifyInput }> = []
    const plans = won.map((p) => ({ p, ...planAt(permitRungs(p), now, p.sentRungs) }))
    for (const { p, dueNow } of plans) {
      if (!dueNow) continue
      // sent late (added after the rung's date, or after an outage): count the days really left
      const text = permitText(p, asOf(dueNow, today))
      sends.push({
        p,
        rung: dueNow,
        input: {
          openid: p.openid,
          topic: 'permit',
          // the expiry date is the item's version: a renewed permit starts a fresh ladder
          key: `permit:${p._id}:${p.expiresOn}:${dueNow.id}`,
          title: text.title,
          body: text.body,
          // the message opens the permit it is about (its dates, its last day to apply)
          page: `reminder/pages/permit/index?id=${p._id}`,
          template: templateId ? { id: templateId, data: buildData(REMINDER_TEMPLATE, text.fields) } : undefined
        }
      })
    }
    const outcomes = await notifyMany(ports, now, sends.map((s) => s.input), settings)
    const quiet = new Set(sends.filter((_, i) => outcomes[i].status === 'topicOff').map((s) => s.p._id))
    await advance(coll, token, plans.map(({ p, dueNow, next }) => ({ id: p._id, patch: moved(dueNow, next, quiet.has(p._id), t) })))
    return { handled: won.length, more: due.length === PAGE }
  }
}

/** The annual-report broadcast of one rung, as sent on China date `today` (late sends count the days really left). */
export function annualBroadcast(reportYear: number, rung: Rung, today: string, now: Date, templateId: string | null): BroadcastDoc {
  const text = annualText(reportYear, asOf(rung, today))
  return {
    // one per rung and sending day: the same for every owner reached that day
    _id: `annual:${reportYear}:${rung.id}:${today}`,
    kind: 'annual',
    topic: 'annualReport',
    title: text.title,
    body: text.body,
    // the message opens the annual report itself: its window, schedule and how to file
    page: 'reminder/pages/annual/index',
    template: templateId ? { id: templateId, data: buildData(REMINDER_TEMPLATE, text.fields) } : null,
    createdAt: now.toISOString()
  }
}

/**
 * Annual-report reminders: one page of due obligations (up to 1,000). Every owner on the same rung
 * gets the same message, so it is a broadcast: written once, delivered to the page's owners in one
 * update; the owners holding quota get their phone message in one batch; one update records the
 * rung on every obligation of the page. In-app that is five round trips per 1,000 owners (find,
 * lease, settings, deliver, record), whatever the peak.
 */
export const annualReportSweep: Sweep = {
  name: 'annual-report-reminders',
  async page(ports, now) {
    const coll = obligations(ports.db)
    const token = newToken(now)
    const { due, won } = await leasePage<ObligationDoc>(coll, now, token)
    if (!won.length) return { handled: 0, more: due.length === PAGE }
    const t = now.toISOString()
    const today = chinaDate(now)
    const people = await readOwners(ports.db, won.map((o) => o.openid))
    const settings = new Map(won.map((o) => [o.openid, settingsOf(people.get(o.openid))]))
    const changes: Array<{ id: string; patch: Patch }> = []
    const audiences = new Map<string, { b: BroadcastDoc; to: Recipient[] }>()
    const nextYear: ObligationDoc[] = []
    for (const o of won) {
      // filed meanwhile: nothing more to send
      if (o.filedAt) {
        changes.push({ id: o._id, patch: { nextDueAt: null, updatedAt: t } })
        continue
      }
      const { dueNow, next } = planAt(obligationRungs(o), now, o.sentRungs)
      const quiet = settings.get(o.openid)?.topics.annualReport === false
      // delivered on an earlier day by a run that stopped before recording it: that day's message
      // stands (never a second one in 消息), and its phone message is still owed
      const prefix = `annual:${o.reportYear}:${dueNow?.id}:`
      const had = people.get(o.openid)?.broadcasts?.find((id) => id.startsWith(prefix))
      if (dueNow && !quiet) {
        const b = annualBroadcast(o.reportYear, dueNow, had ? had.slice(prefix.length) : today, now, ports.config.templates.reminder)
        const a = audiences.get(b._id) ?? { b, to: [] }
        a.to.push({ openid: o.openid, key: `annual:${o.openid}:${o.reportYear}:${dueNow.id}` })
        audiences.set(b._id, a)
      }
      changes.push({ id: o._id, patch: moved(dueNow, next, quiet, t) })
      // when a year's ladder is done, the next year's obligation takes over
      if (!next) nextYear.push(newObligation(o.openid, o.reportYear + 1, now))
    }
    for (const { b, to } of audiences.values()) {
      await ensureBroadcast(ports.db, b)
      await deliverBroadcast(ports, now, b, to, settings)
    }
    // idempotent: an obligation already there (made by 提醒 or a rerun) stays as it is
    if (nextYear.length) await insertMany(coll, nextYear)
    await advance(coll, token, changes)
    return { handled: won.length, more: due.length === PAGE }
  }
}
