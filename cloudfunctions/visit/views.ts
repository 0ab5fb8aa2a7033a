import { NEED_KINDS } from '../../src/core/visit/needs'
import { isOverdue } from '../../src/core/visit/rules'
import type { FollowupView } from '../../src/core/visit/contract'
import type { Context } from '../common/context'
import { cmd } from '../common/ports'
import { staffOf, type FollowupDoc } from './store'

/** Staff names by openid, in one read. */
export async function staffNames(ctx: Context, ids: string[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter(Boolean))]
  if (!want.length) return new Map()
  return new Map((await staffOf(ctx).find({ _id: cmd.in(want) }, { limit: want.length })).map((s) => [s._id, s.name]))
}

export const followupView = (ctx: Context, f: FollowupDoc, names: Map<string, string>): FollowupView => ({
  id: f._id,
  kind: f.kind,
  kindLabel: NEED_KINDS[f.kind],
  title: f.title,
  dueOn: f.dueOn,
  status: f.status,
  overdue: isOverdue(f, ctx.today),
  businessName: f.businessName ?? null,
  assigneeName: names.get(f.assignee) ?? '工作人员',
  mine: f.assignee === ctx.openid,
  doneAt: f.doneAt,
  doneNote: f.doneNote ?? null
})
