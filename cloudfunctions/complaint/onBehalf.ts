import type { ComplaintCategory } from '../../src/core/complaint/labels'
import { chinaDate } from '../../src/core/common/time'
import type { Context } from '../common/context'
import { readableCode } from '../common/codes'
import { notify } from '../common/notify'
import { addOnce, recordCode } from '../common/once'
import { newComplaintDoc } from './newDoc'
import { complaints, type ComplaintDoc } from './store'

/**
 * A 诉求 a regulator files at a 走访 on behalf of a household that has joined: the same document,
 * tracking number, deadlines (7 working days to 受理) and workbench flow as one the owner files
 * (complaint.submit), in the owner's own list, marked as from a visit. Its number is bound to the
 * visit's request (common/once.ts), so a retried visit finds the same case.
 */
export async function fileOnBehalf(
  ctx: Context,
  input: { ownerOpenid: string; visitId: string; category: ComplaintCategory; what: string; party: string; place: string }
): Promise<ComplaintDoc> {
  // bound to the visit's request; a call without one (the app always sends one) draws a number
  const code = recordCode(ctx, 'visit-complaint', 6) ?? readableCode(6)
  const id = `SQ${chinaDate(ctx.request?.firstAt ?? ctx.now).replace(/-/g, '')}${code}`
  const doc = await newComplaintDoc(
    ctx,
    {
      openid: input.ownerOpenid,
      source: 'visit',
      visitId: input.visitId,
      filedBy: ctx.openid,
      category: input.category,
      party: input.party,
      what: input.what,
      happenedOn: ctx.today,
      place: input.place,
      photos: [],
      phone: null,
      disclose: true,
      // typed by an officer at the stall: no content check to wait for
      check: 'pass'
    },
    `走访时由${ctx.staff?.name ?? '工作人员'}代为登记`
  )
  const { doc: c } = await addOnce(complaints(ctx.db), id, doc)
  await notify(ctx.ports, ctx.now, {
    openid: input.ownerOpenid,
    topic: 'complaint',
    key: `complaint:${id}:0`,
    title: '走访中的诉求已登记',
    body: `${ctx.staff?.name ?? '工作人员'}走访时为您登记了诉求，编号${id}。将在${c.deadline?.date ?? ''}前告诉您是否受理，可在“我的诉求”查看进度。`,
    page: `complaint/pages/detail/index?id=${id}`
  })
  return c
}
