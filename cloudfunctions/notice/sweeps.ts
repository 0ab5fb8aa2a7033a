import { ABNORMAL_CAUSES, NOTICE_CONFIG, OFFICIAL_SITE, REPAIR_STEPS } from '../../src/core/notice/labels'
import { repairStep } from '../../src/core/notice/flow'
import { dayText, nextRepairReminder, windowText } from '../../src/core/notice/timing'
import { chinaDate } from '../../src/core/common/time'
import { regionPrefix, within } from '../../src/core/region/code'
import { insertMany } from '../common/bulk'
import type { StaffDoc } from '../common/context'
import { notify, notifyMany } from '../common/notify'
import { cmd, type Ports, type Where } from '../common/ports'
import type { Sweep } from '../common/sweep'
import type { OwnerDoc } from '../user/owners'
import { hints, plans, repairs, targets, type PlanDoc } from './store'
import { officeOf } from './views'

/** Owners told per page of a plan (one owners query, one bulk add, one notifyMany). */
const AUDIENCE_PAGE = 500
const PAGE = 100

/** The next page of a plan's households after `cursor` (owner _id order), inside the plan's region. */
async function audiencePage(ports: Ports, p: PlanDoc): Promise<{ owners: OwnerDoc[]; last: boolean; lastId?: string }> {
  const ownersColl = ports.db.collection<OwnerDoc>('owners')
  const after: Where = p.cursor ? { _id: cmd.gt(p.cursor) } : {}
  const inRegion = (o: OwnerDoc) => !!o.profile && !!o.profile.region && within(o.profile.region, p.region)
  const a = p.audience
  if (a.kind === 'list') {
    if (p.cursor) return { owners: [], last: true }
    // a list is at most MAX_LIST codes: one page; the bound account of each business, else an owner naming it
    const found = await ownersColl.find({ 'profile.creditCode': cmd.in(a.creditCodes) }, { limit: 1000 })
    const seen = new Set<string>()
    const list = found.filter((o) => inRegion(o) && !seen.has(o.profile!.creditCode) && seen.add(o.profile!.creditCode))
    return { owners: list.sort((x, y) => (x._id < y._id ? -1 : 1)), last: true }
  }
  const where: Where = a.kind === 'markets' ? { marketId: cmd.in(a.marketIds), ...after } : { 'profile.industry': a.industry, 'profile.region': cmd.prefix(regionPrefix(p.region)), ...after }
  const page = await ownersColl.find(where, { orderBy: [['_id', 'asc']], limit: AUDIENCE_PAGE })
  // the cursor is the last owner read, told or not (another region's owner in the market is skipped)
  return { owners: page.filter(inRegion), last: page.length < AUDIENCE_PAGE, lastId: page[page.length - 1]?._id }
}

/** The 事前提醒 in words: the window (never a hidden day), what will be checked, where the rules are. */
export function inspectionMessage(p: PlanDoc) {
  const day = !p.hideDay && p.day ? `，检查日为${dayText(p.day)}` : ''
  const items = p.checklist.map((c, i) => `${i + 1}.${c.item}`).join('；')
  return {
    title: '双随机抽查迎检提醒',
    body: `${officeOf(p.region)}将在${windowText(p.windowStart, p.windowEnd)}期间开展“双随机”抽查，您在抽查范围内${day}。请提前准备：${items}。每项的依据请点开查看。`
  }
}

/**
 * The 事前提醒 of inspection plans: from the plan's configured instant, page by page over its
 * households. Each household's target record is written first (`<planId>:<openid>`), then the
 * message with the key `inspection:<planId>:<openid>`, then the cursor moves: a crash or a second
 * run at once repeats a page, never a message.
 */
export const inspectionSweep: Sweep = {
  name: 'inspection-notice',
  async page(ports, now) {
    const t = now.toISOString()
    const due = await plans(ports.db).find({ nextDueAt: cmd.lte(t) }, { orderBy: [['nextDueAt', 'asc']], limit: 10 })
    let handled = 0
    for (const p of due) {
      if (p.status === 'cancelled' || p.status === 'notified') {
        await plans(ports.db).updateWhere({ _id: p._id, status: p.status }, { nextDueAt: null })
        continue
      }
      if (p.status === 'scheduled' && (await plans(ports.db).updateWhere({ _id: p._id, status: 'scheduled' }, { status: 'notifying', updatedAt: t })) !== 1) continue
      const plan = { ...p, status: 'notifying' as const }
      const page = await audiencePage(ports, plan)
      if (page.owners.length) {
        await insertMany(targets(ports.db), page.owners.map((o) => ({ _id: `${p._id}:${o._id}`, planId: p._id, openid: o._id, createdAt: t })))
        const m = inspectionMessage(plan)
        await notifyMany(
          ports,
          now,
          page.owners.map((o) => ({ openid: o._id, topic: 'account' as const, key: `inspection:${p._id}:${o._id}`, title: m.title, body: m.body, page: `notice/pages/inspection/index?id=${p._id}` }))
        )
      }
      const cursor = page.lastId ?? page.owners[page.owners.length - 1]?._id ?? p.cursor
      const notified = await targets(ports.db).count({ planId: p._id })
      await plans(ports.db).updateWhere(
        { _id: p._id, cursor: p.cursor },
        page.last ? { status: 'notified', nextDueAt: null, cursor, notified, updatedAt: t } : { cursor, notified, updatedAt: t }
      )
      handled += page.owners.length
    }
    return { handled, more: due.length === 10 }
  }
}

/** Who hears that a hint went overdue: the officer who sent it, else the region's regulators. */
async function officersFor(ports: Ports, sentBy: string, region: string): Promise<StaffDoc[]> {
  const staff = ports.db.collection<StaffDoc>('staff')
  const s = await staff.get(sentBy)
  if (s && !s.suspended && (!s.region || within(region, s.region))) return [s]
  return (await staff.find({ role: 'regulator' }, { limit: 1000 })).filter((x) => !x.suspended && (!x.region || within(region, x.region)))
}

/**
 * A 违规提示 whose deadline passed without a reported correction comes back to the regulator:
 * marked overdue (it shows in 待处理) and the sender told, once per deadline (a returned hint's
 * new deadline can be missed again: the key carries the number of returns).
 */
export const hintOverdueSweep: Sweep = {
  name: 'hint-overdue',
  async page(ports, now) {
    const t = now.toISOString()
    const today = chinaDate(now)
    const due = await hints(ports.db).find({ overdueAt: cmd.lte(t), overdue: false }, { orderBy: [['overdueAt', 'asc']], limit: PAGE })
    let handled = 0
    for (const h of due) {
      if (h.status !== 'sent' && h.status !== 'returned') {
        await hints(ports.db).updateWhere({ _id: h._id, rev: h.rev }, { overdueAt: null, rev: h.rev + 1 })
        continue
      }
      if (today <= h.dueDate) continue
      const won = await hints(ports.db).updateWhere(
        { _id: h._id, rev: h.rev },
        { overdue: true, todo: true, rev: h.rev + 1, updatedAt: t, timeline: [...h.timeline, { status: 'overdue', at: t, note: null }] }
      )
      if (won !== 1) continue
      for (const s of await officersFor(ports, h.sentBy, h.region)) {
        await notify(ports, now, {
          openid: s._id,
          topic: 'complaint',
          key: `hint-overdue:${h._id}:${h.returns}:${s._id}`,
          title: '违规提示逾期未整改',
          body: `${h.businessName}${h.marketName ? `（${h.marketName}）` : ''}的“${h.what.slice(0, 30)}”已过整改期限${dayText(h.dueDate)}，还没有报告整改，请跟进。`,
          page: `staff/pages/hint/index?id=${h._id}`
        })
      }
      handled++
    }
    return { handled, more: due.length === PAGE }
  }
}

/** The reminder of a credit repair: the cause, the steps, where to do it; never a payment link. */
export function repairMessage(cause: keyof typeof ABNORMAL_CAUSES, businessName: string, n: number) {
  const steps = REPAIR_STEPS[cause].map((s, i) => `${i + 1}.${s.text}`).join('；')
  return {
    title: n === 1 ? '经营异常：信用修复步骤' : '信用修复提醒',
    body: `${businessName}被列入经营异常（${ABNORMAL_CAUSES[cause]}）。修复步骤：${steps}。官方渠道：${OFFICIAL_SITE}；要求付钱的短信、电话请不要理会。`
  }
}

/**
 * Credit-repair reminders: while a business is marked and has an account, weekly for the first
 * NOTICE_CONFIG.repairWeeklyReminders, then every repairLaterEveryDays until the mark is cleared. The message goes first
 * with the key `credit-repair:<code>:<version>:<n>` (a repeat is a duplicate, never a second
 * message), then the count moves on conditionally.
 */
export const repairReminderSweep: Sweep = {
  name: 'credit-repair-reminder',
  async page(ports, now) {
    const t = now.toISOString()
    const due = await repairs(ports.db).find({ nextRemindAt: cmd.lte(t) }, { orderBy: [['nextRemindAt', 'asc']], limit: PAGE })
    let handled = 0
    for (const r of due) {
      const s = repairStep({ status: r.status, cause: r.cause, version: r.version, reminders: r.reminders, done: r.done }, { type: 'remind' })
      if (!s.ok || !r.openid) {
        await repairs(ports.db).updateWhere({ _id: r._id, updatedAt: r.updatedAt }, { nextRemindAt: null })
        continue
      }
      const n = s.state.reminders
      const m = repairMessage(r.cause, r.businessName, n)
      await notify(ports, now, { openid: r.openid, topic: 'account', key: `credit-repair:${r._id}:${r.version}:${n}`, title: m.title, body: m.body, page: 'notice/pages/repair/index' })
      const next = nextRepairReminder(chinaDate(now), n)
      handled += await repairs(ports.db).updateWhere({ _id: r._id, version: r.version, reminders: r.reminders }, { reminders: n, nextRemindAt: next.toISOString(), updatedAt: t })
    }
    return { handled, more: due.length === PAGE }
  }
}

export const NOTICE_SWEEPS = [inspectionSweep, hintOverdueSweep, repairReminderSweep]
export { NOTICE_CONFIG }
