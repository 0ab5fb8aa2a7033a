import { followupNextDue, followupRungAt } from '../../src/core/visit/rules'
import { notify } from '../common/notify'
import { cmd } from '../common/ports'
import type { Sweep } from '../common/sweep'
import { followups } from './store'

const PAGE = 100

/**
 * Reminds a follow-up's assignee the day before it is due and once it is overdue, once each: the
 * inbox key `followup:<id>:<dueOn>:<rung>` is unique, so two runs at once send one message; then the
 * item moves to its next rung by a conditional update on the nextDueAt it was read with.
 */
export const followupSweep: Sweep = {
  name: 'visit-followups',
  async page(ports, now) {
    const t = now.toISOString()
    const due = await followups(ports.db).find({ nextDueAt: cmd.lte(t) }, { orderBy: [['nextDueAt', 'asc']], limit: PAGE })
    let handled = 0
    for (const f of due) {
      if (f.status !== 'open') {
        await followups(ports.db).updateWhere({ _id: f._id, nextDueAt: f.nextDueAt }, { nextDueAt: null })
        continue
      }
      const sent = f.sentRungs ?? []
      const rung = followupRungAt(f.dueOn, now, sent)
      if (rung) {
        await notify(ports, now, {
          openid: f.assignee,
          topic: 'account',
          key: `followup:${f._id}:${f.dueOn}:${rung}`,
          title: rung === 'before' ? '跟进事项明天到期' : '跟进事项已超期',
          body: `${f.businessName ? `${f.businessName}：` : ''}${f.title}，${rung === 'before' ? `${f.dueOn}到期` : `已过${f.dueOn}的期限`}。办完请在“跟进事项”里标记完成。`,
          page: 'staff/pages/followups/index'
        })
        handled++
      }
      const after = rung ? [...sent, rung] : sent
      const next = followupNextDue(f.dueOn, now, after)
      // after a late run (the day before already gone) the next rung is the overdue one, never a burst
      await followups(ports.db).updateWhere({ _id: f._id, nextDueAt: f.nextDueAt }, { sentRungs: after, nextDueAt: next?.at ?? null })
    }
    return { handled, more: due.length === PAGE }
  }
}
