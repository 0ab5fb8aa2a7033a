import { chinaDate } from '../../src/core/common/time'
import { asOf, planAt, type Rung } from '../../src/core/reminder/ladder'
import { annualText, permitText, type ReminderText } from '../../src/core/reminder/messages'
import { buildData, REMINDER_TEMPLATE } from '../../src/core/notify/template'
import { notify } from '../common/notify'
import { cmd, type Collection, type Ports } from '../common/ports'
import type { Sweep } from '../common/sweep'
import { ensureObligation, obligationRungs, obligations, permitRungs, permits, type ObligationDoc, type PermitDoc, type Scheduled } from './store'

/** A sweep holds an item this long; a run that crashes frees it for the next run after that. */
export const LEASE_MS = 2 * 60_000
export const PAGE = 100

interface Item extends Scheduled {
  _id: string
  openid: string
}

/**
 * One page of a due sweep over a collection of scheduled items. Per item:
 * 1. lease it (conditional update: only one run wins, and only while it is still due);
 * 2. deliver the latest due rung through notify() with key <item>:<version>:<rung> — the inbox
 *    _id — so a rerun after a crash finds it delivered instead of sending twice;
 * 3. record the rung and move nextDueAt to the next rung to come, releasing the lease.
 * A crash between any two steps leaves the item due (lease expires) and loses nothing.
 */
async function sweepPage<T extends Item>(
  ports: Ports,
  now: Date,
  coll: Collection<T>,
  plan: (item: T) => { rungs: Rung[]; keyOf: (rung: Rung) => string; text: (rung: Rung) => ReminderText; topic: 'permit' | 'annualReport'; page: string; skip?: boolean },
  after?: (item: T, next: Rung | null) => Promise<void>
): Promise<{ handled: number; more: boolean }> {
  const t = now.toISOString()
  const due = await coll.find({ nextDueAt: cmd.lte(t), leaseUntil: cmd.lt(t) } as never, { orderBy: [['nextDueAt', 'asc']], limit: PAGE })
  let handled = 0
  for (const item of due) {
    const lease = new Date(now.getTime() + LEASE_MS).toISOString()
    const won = await coll.updateWhere({ _id: item._id, nextDueAt: item.nextDueAt, leaseUntil: cmd.lt(t) }, { leaseUntil: lease })
    if (won !== 1) continue
    const p = plan(item)
    const { dueNow, next } = planAt(p.rungs, now, item.sentRungs)
    let quiet = false
    if (dueNow && !p.skip) {
      // sent late (added after the rung's date, or after an outage): count the days really left
      const text = p.text(asOf(dueNow, chinaDate(now)))
      const templateId = ports.config.templates.reminder
      const outcome = await notify(ports, now, {
        openid: item.openid,
        topic: p.topic,
        key: p.keyOf(dueNow),
        title: text.title,
        body: text.body,
        page: p.page,
        template: templateId ? { id: templateId, data: buildData(REMINDER_TEMPLATE, text.fields) } : undefined
      })
      // the owner's schedule shows this rung as not sent, rather than 已提醒
      quiet = outcome.status === 'topicOff'
    }
    await coll.update(item._id, {
      nextDueAt: p.skip ? null : next?.dueAt ?? null,
      sentRungs: dueNow ? [...item.sentRungs, dueNow.id] : item.sentRungs,
      ...(quiet && dueNow ? { quietRungs: [...(item.quietRungs ?? []), dueNow.id] } : {}),
      leaseUntil: '',
      updatedAt: t
    })
    if (after) await after(item, next)
    handled++
  }
  return { handled, more: due.length === PAGE }
}

export const permitSweep: Sweep = {
  name: 'permit-reminders',
  page: (ports, now) =>
    sweepPage<PermitDoc>(ports, now, permits(ports.db), (p) => ({
      rungs: permitRungs(p),
      // the expiry date is the item's version: a renewed permit starts a fresh ladder
      keyOf: (r) => `permit:${p._id}:${p.expiresOn}:${r.id}`,
      text: (r) => permitText(p, r),
      topic: 'permit',
      // the message opens the permit it is about (its dates, its last day to apply)
      page: `reminder/pages/permit/index?id=${p._id}`
    }))
}

export const annualReportSweep: Sweep = {
  name: 'annual-report-reminders',
  page: (ports, now) =>
    sweepPage<ObligationDoc>(
      ports,
      now,
      obligations(ports.db),
      (o) => ({
        rungs: obligationRungs(o),
        keyOf: (r) => `annual:${o.openid}:${o.reportYear}:${r.id}`,
        text: (r) => annualText(o.reportYear, r),
        topic: 'annualReport',
        // the message opens the annual report itself: its window, schedule and how to file
        page: 'reminder/pages/annual/index',
        skip: !!o.filedAt
      }),
      // when a year's ladder is done, the next year's obligation takes over
      async (o, next) => {
        if (!next) await ensureObligation(ports.db, o.openid, o.reportYear + 1, now)
      }
    )
}
