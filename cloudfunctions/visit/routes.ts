import { NEED_KINDS } from '../../src/core/visit/needs'
import { defaultFollowupTitle, followupNextDue } from '../../src/core/visit/rules'
import { regionName } from '../../src/core/region/names'
import { fileOnBehalf } from '../complaint/onBehalf'
import { conflict, invalid, notFound, precondition } from '../common/errors'
import { addOnce, recordId } from '../common/once'
import { pageNewestFirst } from '../common/paging'
import { cmd, type Where } from '../common/ports'
import { defineFunction } from '../common/router'
import { assertRegion, regionWhere } from '../user/verify'
import { operatorOf, reasonsOf, resolveHousehold, verificationLabel } from './household'
import { visitList } from './list'
import { followups, visits, type FollowupDoc, type VisitDoc } from './store'
import { followupView, staffNames } from './views'

/**
 * 走访问需 (#17): the visit list, the visit form's context, recording a visit (with follow-ups and a
 * 诉求 on the household's behalf), and the follow-up tasks. Regulators and admins only; a regulator
 * works inside their region (user/verify.ts regionWhere/assertRegion, as the 诉求 workbench does).
 */
export default defineFunction('visit', {
  async 'visit.list'(ctx, { marketId, cursor, limit }) {
    return visitList(ctx, { marketId, cursor, limit })
  },

  async 'visit.context'(ctx, target) {
    const h = await resolveHousehold(ctx, target)
    const past = await pastVisits(ctx, h.creditCode, h.stall?.id ?? null)
    return {
      regionName: regionName(h.region),
      stall: h.stall ? { number: h.stall.number, marketName: h.marketName ?? '' } : null,
      household: h.creditCode && h.businessName
        ? { businessName: h.businessName, operator: operatorOf(h.row), code: h.creditCode, joined: !!h.owner, verification: verificationLabel(h) }
        : null,
      reasons: await reasonsOf(ctx, h),
      past,
      canFileComplaint: !!h.owner
    }
  },

  async 'visit.record'(ctx, input) {
    const h = await resolveHousehold(ctx, input)
    if (!input.needs.length && !input.needText && !input.help && !input.followups.length && !input.complaint) {
      throw invalid('请至少选一项需求，或写下走访情况', 'needs')
    }
    input.followups.forEach((f, i) => {
      if (f.dueOn < ctx.today) throw invalid('跟进日期不能早于今天', `followups.${i}.dueOn`)
    })
    if (input.complaint && !h.owner) throw precondition('这户还没有加入小程序，诉求要由经营者本人跟进；可以改建一个跟进事项')
    // every record takes its id from the request (common/once.ts): a double tap or a retry makes none twice
    const visitId = recordId(ctx, 'visit')
    const at = ctx.now.toISOString()
    const base = { region: h.region, marketId: h.marketId, creditCode: h.creditCode, ownerOpenid: h.owner?._id ?? null }
    const made: FollowupDoc[] = []
    for (const [i, f] of input.followups.entries()) {
      const next = followupNextDue(f.dueOn, ctx.now, [])
      const doc: Omit<FollowupDoc, '_id'> = {
        visitId,
        ...base,
        kind: f.kind,
        title: f.title || defaultFollowupTitle(NEED_KINDS[f.kind]),
        dueOn: f.dueOn,
        status: 'open',
        createdAt: at,
        createdBy: ctx.openid,
        assignee: ctx.openid,
        doneAt: null,
        nextDueAt: next?.at ?? null,
        sentRungs: [],
        businessName: h.businessName,
        doneNote: null,
        doneBy: null
      }
      made.push((await addOnce(followups(ctx.db), recordId(ctx, `followup:${i}`), doc)).doc)
    }
    let complaintId: string | null = null
    if (input.complaint && h.owner) {
      const c = await fileOnBehalf(ctx, {
        ownerOpenid: h.owner._id,
        visitId,
        category: input.complaint.category,
        what: input.complaint.what,
        party: '走访中提出',
        place: [h.marketName, h.stall ? `${h.stall.number}号摊位` : null].filter(Boolean).join('') || regionName(h.region)
      })
      complaintId = c._id
    }
    const visit: Omit<VisitDoc, '_id'> = {
      ...base,
      stallId: h.stall?.id ?? null,
      visitedAt: at,
      visitedOn: ctx.today,
      month: ctx.today.slice(0, 7),
      by: ctx.openid,
      byName: ctx.staff?.name ?? '',
      needs: [...new Set(input.needs)],
      needText: input.needText,
      help: input.help,
      followupIds: made.map((f) => f._id),
      complaintId
    }
    const v = (await addOnce(visits(ctx.db), visitId, visit)).doc
    const names = await staffNames(ctx, [ctx.openid])
    return { id: v._id, visitedOn: v.visitedOn, followups: made.map((f) => followupView(ctx, f, names)), complaintId: v.complaintId ?? null }
  },

  async 'visit.followup.list'(ctx, { scope, status, cursor, limit }) {
    const where: Where = scope === 'mine' ? { assignee: ctx.openid } : regionWhere(ctx, 'region')
    const byStatus: Where = status === 'done' ? { status: 'done' } : status === 'overdue' ? { status: 'open', dueOn: cmd.lt(ctx.today) } : { status: 'open' }
    const page = await pageNewestFirst(followups(ctx.db), { ...byStatus, ...where }, { cursor, limit })
    const names = await staffNames(ctx, page.items.map((f) => f.assignee))
    return { items: page.items.map((f) => followupView(ctx, f, names)), total: page.total, nextCursor: page.nextCursor }
  },

  async 'visit.followup.done'(ctx, { id, note }) {
    const f = await followups(ctx.db).get(id)
    if (!f) throw notFound('没有找到这个跟进事项')
    assertRegion(ctx, f.region, '跟进事项')
    if (f.status === 'open') {
      const at = ctx.now.toISOString()
      await followups(ctx.db).updateWhere({ _id: id, status: 'open' }, { status: 'done', doneAt: at, doneNote: note || null, doneBy: ctx.openid, nextDueAt: null })
    }
    const now = (await followups(ctx.db).get(id))!
    if (now.status !== 'done') throw conflict('这个跟进事项刚有变化，请刷新后再试')
    return followupView(ctx, now, await staffNames(ctx, [now.assignee]))
  }
})

/** The household's last visits (by credit code, or by stall when the stall has no household). */
async function pastVisits(ctx: Parameters<typeof resolveHousehold>[0], code: string | null, stallId: string | null) {
  if (!code && !stallId) return []
  const vs = await visits(ctx.db).find(code ? { creditCode: code } : { stallId, creditCode: null }, { orderBy: [['visitedAt', 'desc']], limit: 10 })
  const names = await staffNames(ctx, vs.map((v) => v.by))
  return vs.map((v) => ({
    id: v._id,
    visitedOn: v.visitedOn,
    byName: v.byName || names.get(v.by) || '工作人员',
    needs: v.needs.map((n) => NEED_KINDS[n]),
    needText: v.needText,
    help: v.help
  }))
}
