import { within } from '../../src/core/region/code'
import { regionName } from '../../src/core/region/names'
import { COMPLAINT_STATUSES } from '../../src/core/complaint/labels'
import type { StaffDoc } from '../common/context'
import { notify } from '../common/notify'
import { cmd, patch, type Ports } from '../common/ports'
import type { Sweep } from '../common/sweep'
import { allPhotos, complaints, OPEN_STATUSES, UPLOAD_KEEP_MS, uploads, type ComplaintDoc, type UploadDoc } from './store'

const PAGE = 100

/** Who hears about an overdue step: supervising regulators whose region covers it, and admins. */
export async function supervisorsOf(ports: Ports, region: string): Promise<StaffDoc[]> {
  const staff = ports.db.collection<StaffDoc>('staff')
  const [sups, admins] = await Promise.all([staff.find({ supervisor: true }, { limit: 1000 }), staff.find({ role: 'admin' }, { limit: 1000 })])
  // a suspended staff member hears nothing until resumed
  return [...sups.filter((s) => s.role === 'regulator' && (!s.region || within(region, s.region))), ...admins].filter((s) => !s.suspended)
}

/**
 * Who is told when the owner adds material or urges: the officer who last acted on it; before
 * anyone has (an unaccepted case), the regulators whose region covers it, who would accept it.
 */
export async function handlersOf(ports: Ports, c: ComplaintDoc): Promise<StaffDoc[]> {
  const staff = ports.db.collection<StaffDoc>('staff')
  if (c.handler) {
    const h = await staff.get(c.handler)
    if (h && !h.suspended) return [h]
  }
  const covering = (await staff.find({ role: 'regulator' }, { limit: 1000 })).filter((s) => !s.suspended && (!s.region || within(c.region, s.region)))
  // officers first; where a region has only its supervisors, they are the ones who accept
  const officers = covering.filter((s) => !s.supervisor)
  return officers.length ? officers : covering
}

/**
 * Marks running deadlines that have passed (overdueAt <= now) as overdue and tells the
 * supervisors once per missed step. The conditional update is the claim: of two sweeps running
 * at once only one marks a given step, so only one set of messages goes out. It bumps `rev`, so a
 * change written from an earlier read (routes.ts, change) re-reads instead of undoing the mark.
 */
export const complaintOverdueSweep: Sweep = {
  name: 'complaint-overdue',
  async page(ports, now) {
    const t = now.toISOString()
    const due = await complaints(ports.db).find({ overdueAt: cmd.lte(t), overdue: false }, { orderBy: [['overdueAt', 'asc']], limit: PAGE })
    let handled = 0
    for (const c of due) {
      if (!OPEN_STATUSES.includes(c.status)) {
        await complaints(ports.db).updateWhere({ _id: c._id, overdueAt: c.overdueAt }, { overdueAt: null, rev: patch.inc(1) })
        continue
      }
      const won = await complaints(ports.db).updateWhere({ _id: c._id, overdueAt: c.overdueAt, overdue: false }, { overdue: true, updatedAt: t, rev: patch.inc(1) })
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
      body: `${c.marketName ?? regionName(c.region)}的诉求${c._id}（${COMPLAINT_STATUSES[c.status]}）已超过${step}期限${c.deadline?.date}，请督办。`,
      page: `staff/pages/complaint/index?id=${c._id}`
    })
  }
}

/**
 * The file id a phone's upload to `cloudPath` got, for an upload that was prepared but never
 * confirmed (the phone stored the file, then lost the network or was closed): the server never
 * heard its id. All files of an environment share one prefix (cloud://<env>.<bucket>/ in the
 * cloud, local: here), learned from any confirmed upload. Null while none is known.
 */
async function unconfirmedFileIds(ports: Ports, pending: UploadDoc[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  if (!pending.length) return ids
  const [known] = await uploads(ports.db).find({ state: 'ready', cloudPath: cmd.exists(true) }, { limit: 1 })
  if (!known?.fileId || !known.cloudPath || !known.fileId.endsWith(known.cloudPath)) return ids
  const prefix = known.fileId.slice(0, known.fileId.length - known.cloudPath.length)
  for (const u of pending) if (u.cloudPath) ids.set(u._id, prefix + u.cloudPath)
  return ids
}

/**
 * Deletes photos uploaded for a complaint that was never filed (the owner left the page), two
 * days on: they are personal data nobody needs. That includes uploads prepared but never
 * confirmed, whose file may be in storage all the same. An upload that a stored complaint does
 * name (a filing that stopped between storing the complaint and linking its photos) is linked,
 * never deleted. A file the storage could not delete stays listed for the next run.
 */
export const uploadCleanupSweep: Sweep = {
  name: 'complaint-upload-cleanup',
  async page(ports, now) {
    const cutoff = new Date(now.getTime() - UPLOAD_KEEP_MS).toISOString()
    const stale = await uploads(ports.db).find({ complaintId: null, createdAt: cmd.lt(cutoff) }, { orderBy: [['createdAt', 'asc']], limit: PAGE })
    if (!stale.length) return { handled: 0, more: false }
    const filedIn = new Map<string, string>()
    for (const openid of new Set(stale.map((u) => u.openid))) {
      for (const c of await complaints(ports.db).find({ openid }, { limit: 1000 })) for (const f of allPhotos(c)) filedIn.set(f, c._id)
    }
    let handled = 0
    const orphans = new Map<string, string>() // upload _id → file id to delete
    const guessed = await unconfirmedFileIds(ports, stale.filter((u) => !u.fileId))
    for (const u of stale) {
      const complaintId = u.fileId ? filedIn.get(u.fileId) : undefined
      if (complaintId) handled += await uploads(ports.db).updateWhere({ _id: u._id, complaintId: null }, { complaintId })
      else if (u.fileId) orphans.set(u._id, u.fileId)
      else if (guessed.has(u._id)) orphans.set(u._id, guessed.get(u._id)!)
    }
    const gone = new Set(orphans.size ? await ports.storage.remove([...orphans.values()]) : [])
    for (const [id, fileId] of orphans) if (gone.has(fileId) && (await uploads(ports.db).remove(id))) handled++
    // a page where nothing could be done (storage refusing every file) waits for the next run
    return { handled, more: stale.length === PAGE && handled > 0 }
  }
}
