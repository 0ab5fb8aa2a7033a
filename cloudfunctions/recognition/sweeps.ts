import { CATEGORIES } from '../../src/core/recognition/config'
import { within } from '../../src/core/region/code'
import type { StaffDoc } from '../common/context'
import { notify } from '../common/notify'
import { cmd, type Ports } from '../common/ports'
import type { Sweep } from '../common/sweep'
import type { OwnerDoc } from '../user/owners'
import { applications, placeOf, recognitions, type ApplicationDoc, type RecognitionDoc } from './store'

const PAGE = 100
const OWNER_PAGE = 'recog/pages/index/index'

/** The regulators whose region covers `region` (not suspended): they review and decide. */
export async function regulatorsOf(ports: Ports, region: string): Promise<StaffDoc[]> {
  const staff = await ports.db.collection<StaffDoc>('staff').find({ role: 'regulator' }, { limit: 1000 })
  return staff.filter((s) => !s.suspended && (!s.region || within(region, s.region)))
}

const label = (a: { category: keyof typeof CATEGORIES }) => `“${CATEGORIES[a.category]}”类`

/**
 * 公示期满: applications whose 公示 is over move to 待认定; the owner and the region's regulators
 * are told. The conditional update (status and revision as read) is the claim, so two runs at
 * once move and tell once; the messages' keys make a rerun after a crash harmless.
 */
export const recognitionPublicEndSweep: Sweep = {
  name: 'recognition-public-end',
  async page(ports, now) {
    const t = now.toISOString()
    const due = await applications(ports.db).find({ publicEndsAt: cmd.lte(t) }, { orderBy: [['publicEndsAt', 'asc']], limit: PAGE })
    let handled = 0
    for (const a of due) {
      let moved: ApplicationDoc = a
      if (a.status === 'publicizing') {
        const entry = { status: 'decision' as const, at: t, note: null, by: null }
        const fields = { status: 'decision' as const, publicEndsAt: null, timeline: [...a.timeline, entry], rev: a.rev + 1, updatedAt: t }
        if ((await applications(ports.db).updateWhere({ _id: a._id, rev: a.rev, status: 'publicizing' }, fields)) !== 1) continue
        moved = { ...a, ...fields }
      } else {
        await applications(ports.db).updateWhere({ _id: a._id, rev: a.rev }, { publicEndsAt: null, rev: a.rev + 1 })
        continue
      }
      await notify(ports, now, {
        openid: moved.openid,
        topic: 'account',
        key: `recognition:${moved._id}:${moved.timeline.length}`,
        title: '名特优新公示期满',
        body: `您的${label(moved)}申报公示期已满${moved.objections ? `，期间收到${moved.objections}条异议，工作人员会逐条核实答复` : '，没有收到异议'}。市场监管部门将决定是否认定。`,
        page: `${OWNER_PAGE}?id=${moved._id}`
      })
      for (const s of await regulatorsOf(ports, moved.region)) {
        await notify(ports, now, {
          openid: s._id,
          topic: 'account',
          key: `recognition-staff:${moved._id}:decision:${s._id}`,
          title: '名特优新公示期满，待认定',
          body: `${placeOf(moved)}的${label(moved)}申报公示期满${moved.objections ? `，有${moved.objections}条异议需逐条答复` : ''}，请决定是否认定。`,
          page: `staff/pages/recognition/index?id=${moved._id}`
        })
      }
      handled++
    }
    return { handled, more: due.length === PAGE }
  }
}

/**
 * 认定 lapsing: a reminder before the last day (once), then, the day after it, the category stops
 * counting. Deliver first (the key makes it once), then advance; of the rungs due, only the latest
 * is sent (a run that comes after the lapse says it lapsed, not that it will).
 */
export const recognitionLapseSweep: Sweep = {
  name: 'recognition-lapse',
  async page(ports, now) {
    const t = now.toISOString()
    const due = await recognitions(ports.db).find({ nextDueAt: cmd.lte(t) }, { orderBy: [['nextDueAt', 'asc']], limit: PAGE })
    let handled = 0
    for (const r of due) {
      if (r.lapseAt <= t) await lapse(ports, now, r)
      else if (!r.reminded) await remind(ports, now, r)
      else await recognitions(ports.db).updateWhere({ _id: r._id, nextDueAt: r.nextDueAt }, { nextDueAt: r.lapseAt })
      handled++
    }
    return { handled, more: due.length === PAGE }
  }
}

async function remind(ports: Ports, now: Date, r: RecognitionDoc) {
  await notify(ports, now, {
    openid: r._id,
    topic: 'account',
    key: `recognition-remind:${r.applicationId}`,
    title: '名特优新认定即将到期',
    body: `您的${label(r)}认定有效至${r.until}。到期后这一类别不再用于政策匹配；如需继续，可以在到期前重新申报。`,
    page: OWNER_PAGE
  })
  await recognitions(ports.db).updateWhere({ _id: r._id, nextDueAt: r.nextDueAt, applicationId: r.applicationId }, { reminded: true, nextDueAt: r.lapseAt, updatedAt: now.toISOString() })
}

async function lapse(ports: Ports, now: Date, r: RecognitionDoc) {
  const t = now.toISOString()
  // the category stops counting first: matching reads the owner's copy
  await ports.db.collection<OwnerDoc>('owners').updateWhere({ _id: r._id, 'recognised.applicationId': r.applicationId }, { recognised: null })
  const a = await applications(ports.db).get(r.applicationId)
  if (a && a.status === 'recognised') {
    const entry = { status: 'lapsed' as const, at: t, note: `认定有效期至${r.until}，已到期`, by: null }
    await applications(ports.db).updateWhere({ _id: a._id, rev: a.rev }, { status: 'lapsed', timeline: [...a.timeline, entry], rev: a.rev + 1, updatedAt: t })
  }
  await notify(ports, now, {
    openid: r._id,
    topic: 'account',
    key: `recognition-lapsed:${r.applicationId}`,
    title: '名特优新认定已到期',
    body: `您的${label(r)}认定已于${r.until}到期，这一类别不再用于政策匹配。可以重新申报。`,
    page: OWNER_PAGE
  })
  await recognitions(ports.db).updateWhere({ _id: r._id, applicationId: r.applicationId, nextDueAt: r.nextDueAt }, { state: 'lapsed', nextDueAt: null, updatedAt: t })
}
