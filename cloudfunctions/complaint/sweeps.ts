import { COMPLAINT_STATUSES } from '../../src/core/complaint/labels'
import type { StaffDoc } from '../common/context'
import { notify } from '../common/notify'
import { cmd, type Ports } from '../common/ports'
import type { Sweep } from '../common/sweep'
import { complaints, OPEN_STATUSES, UPLOAD_KEEP_MS, uploads, type ComplaintDoc } from './store'

const PAGE = 100

/** Who hears about an overdue step: supervising regulators whose region covers it, and admins. */
export async function supervisorsOf(ports: Ports, region: string): Promise<StaffDoc[]> {
  const staff = ports.db.collection<StaffDoc>('staff')
  const [sups, admins] = await Promise.all([staff.find({ supervisor: true }, { limit: 1000 }), staff.find({ role: 'admin' }, { limit: 1000 })])
  return [...sups.filter((s) => s.role === 'regulator' && (!s.region || region.startsWith(s.region))), ...admins]
}

/**
 * Marks running deadlines that have passed (overdueAt <= now) as overdue and tells the
 * supervisors once per missed step. The conditional update is the claim: of two sweeps running
 * at once only one marks a given step, so only one set of messages goes out.
 */
export const complaintOverdueSweep: Sweep = {
  name: 'complaint-overdue',
  async page(ports, now) {
    const t = now.toISOString()
    const due = await complaints(ports.db).find({ overdueAt: cmd.lte(t), overdue: false }, { orderBy: [['overdueAt', 'asc']], limit: PAGE })
    let handled = 0
    for (const c of due) {
      if (!OPEN_STATUSES.includes(c.status)) {
        await complaints(ports.db).updateWhere({ _id: c._id, overdueAt: c.overdueAt }, { overdueAt: null })
        continue
      }
      const won = await complaints(ports.db).updateWhere({ _id: c._id, overdueAt: c.overdueAt, overdue: false }, { overdue: true, updatedAt: t })
      if (won !== 1) continue
      await tellSupervisors(ports, now, c)
      handled++
    }
    return { handled, more: due.length === PAGE }
  }
}

async function tellSupervisors(ports: Ports, now: Date, c: ComplaintDoc) {
  const step = c.deadline?.step === 'accept' ? '受理' : '答复'
  for (const s of await supervisorsOf(ports, c.region)) {
    await notify(ports, now, {
      openid: s._id,
      topic: 'complaint',
      // once per complaint, step and reopening: a later missed step is a new message
      key: `complaint-overdue:${c._id}:${c.timeline.length}:${s._id}`,
      title: `诉求${step}超期`,
      body: `${c.marketName ?? c.region}的诉求${c._id}（${COMPLAINT_STATUSES[c.status]}）已超过${step}期限${c.deadline?.date}，请督办。`,
      page: `staff/pages/complaint/index?id=${c._id}`
    })
  }
}

/**
 * Deletes photos uploaded for a complaint that was never filed (the owner left the page), two
 * days on: they are personal data nobody needs. An upload that a stored complaint does name (a
 * filing that stopped between storing the complaint and linking its photos) is linked, never
 * deleted. A file the storage could not delete stays listed for the next run.
 */
export const uploadCleanupSweep: Sweep = {
  name: 'complaint-upload-cleanup',
  async page(ports, now) {
    const cutoff = new Date(now.getTime() - UPLOAD_KEEP_MS).toISOString()
    const stale = await uploads(ports.db).find({ complaintId: null, createdAt: cmd.lt(cutoff) }, { orderBy: [['createdAt', 'asc']], limit: PAGE })
    if (!stale.length) return { handled: 0, more: false }
    const filedIn = new Map<string, string>()
    for (const openid of new Set(stale.map((u) => u.openid))) {
      for (const c of await complaints(ports.db).find({ openid }, { limit: 1000 })) for (const f of c.photos) filedIn.set(f, c._id)
    }
    let handled = 0
    const orphans = []
    for (const u of stale) {
      const complaintId = filedIn.get(u.fileId)
      if (complaintId) handled += await uploads(ports.db).updateWhere({ _id: u._id, complaintId: null }, { complaintId })
      else orphans.push(u)
    }
    const gone = new Set(orphans.length ? await ports.storage.remove(orphans.map((u) => u.fileId)) : [])
    for (const u of orphans) if (gone.has(u.fileId) && (await uploads(ports.db).remove(u._id))) handled++
    // a page where nothing could be done (storage refusing every file) waits for the next run
    return { handled, more: stale.length === PAGE && handled > 0 }
  }
}
