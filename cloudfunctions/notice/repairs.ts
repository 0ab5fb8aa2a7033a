import { ABNORMAL_CAUSES, type AbnormalCause } from '../../src/core/notice/labels'
import { repairStep, NO_REPAIR, type MarkSource, type RepairState } from '../../src/core/notice/flow'
import { cmd, type Db, type Ports } from '../common/ports'
import { notify } from '../common/notify'
import type { OwnerDoc } from '../user/owners'
import { repairs, type RepairDoc } from './store'

const stateOf = (r: RepairDoc | null): RepairState =>
  r ? { status: r.status, cause: r.cause, version: r.version, reminders: r.reminders, done: r.done } : NO_REPAIR

/** The account a business is bound to (one business, one account), else an owner naming it. */
export async function ownerOfCode(db: Db, creditCode: string): Promise<OwnerDoc | null> {
  const b = await db.collection<{ _id: string; openid: string }>('bindings').get(creditCode)
  if (b?.openid) {
    const o = await db.collection<OwnerDoc>('owners').get(b.openid)
    if (o?.profile?.creditCode === creditCode) return o
  }
  const [o] = await db.collection<OwnerDoc>('owners').find({ 'profile.creditCode': creditCode }, { limit: 1 })
  return o ?? null
}

/**
 * The official mark on the owner's profile: policy matching, audiences and the loan scorecard
 * read `profile.abnormal`, and only this module writes it (the owner's own save keeps it).
 */
async function mirror(db: Db, creditCode: string, abnormal: boolean) {
  await db.collection<OwnerDoc>('owners').updateWhere({ 'profile.creditCode': creditCode }, { 'profile.abnormal': abnormal })
}

export interface MarkInput {
  creditCode: string
  cause: AbnormalCause
  causeText: string | null
  by: MarkSource
  /** who, in words, for the history (an officer's name, or 登记名录导入) */
  byName: string
  businessName: string
  region: string
}

/**
 * Marks a business 经营异常 (from an import or an officer). Idempotent: the same mark again changes
 * nothing, so an import re-run after a crash or a second tap is harmless. A new marking (after a
 * clearance) starts its own reminders, due at once when the business has an account.
 */
export async function markAbnormal(ports: Ports, now: Date, m: MarkInput): Promise<RepairDoc> {
  const db = ports.db
  const coll = repairs(db)
  for (let attempt = 0; attempt < 5; attempt++) {
    const prior = await coll.get(m.creditCode)
    const r = repairStep(stateOf(prior), { type: 'mark', by: m.by, cause: m.cause })
    if (!r.ok) {
      await mirror(db, m.creditCode, true)
      return prior!
    }
    const at = now.toISOString()
    const owner = await ownerOfCode(db, m.creditCode)
    const fresh = !prior || prior.status !== 'marked'
    const doc: Omit<RepairDoc, '_id'> = {
      openid: owner?._id ?? prior?.openid ?? null,
      businessName: owner?.profile?.businessName ?? m.businessName,
      region: m.region || prior?.region || owner?.profile?.region || '',
      status: 'marked',
      cause: m.cause,
      causeText: m.causeText,
      source: m.by,
      version: r.state.version,
      reminders: r.state.reminders,
      done: r.state.done,
      markedAt: fresh ? at : prior!.markedAt,
      clearedAt: null,
      nextRemindAt: fresh ? (owner ? at : null) : prior!.nextRemindAt,
      history: [...(prior?.history ?? []), { at, what: `标记经营异常：${ABNORMAL_CAUSES[m.cause]}${m.causeText ? `（${m.causeText}）` : ''}`, by: m.byName }],
      createdAt: prior?.createdAt ?? at,
      updatedAt: at
    }
    const written = prior
      ? (await coll.updateWhere({ _id: m.creditCode, updatedAt: prior.updatedAt }, doc)) === 1
      : await coll.add({ ...doc, _id: m.creditCode }).then(
          () => true,
          () => false
        )
    if (!written) continue
    await mirror(db, m.creditCode, true)
    return { ...doc, _id: m.creditCode }
  }
  throw new Error('credit repair record changed too often')
}

/** Clears a mark (a later import without it, or an officer). Idempotent; never the owner. */
export async function clearAbnormal(ports: Ports, now: Date, creditCode: string, by: MarkSource, byName: string, note: string | null): Promise<RepairDoc | null> {
  const db = ports.db
  const coll = repairs(db)
  for (let attempt = 0; attempt < 5; attempt++) {
    const prior = await coll.get(creditCode)
    const r = repairStep(stateOf(prior), { type: 'clear', by })
    if (!r.ok) {
      if (prior?.status !== 'marked') await mirror(db, creditCode, false)
      return prior
    }
    const at = now.toISOString()
    const patch = {
      status: 'cleared' as const,
      clearedAt: at,
      nextRemindAt: null,
      history: [...prior!.history, { at, what: `移出经营异常${note ? `：${note}` : ''}`, by: byName }],
      updatedAt: at
    }
    if ((await coll.updateWhere({ _id: creditCode, updatedAt: prior!.updatedAt }, patch)) !== 1) continue
    await mirror(db, creditCode, false)
    const cleared = { ...prior!, ...patch }
    if (cleared.openid) {
      // the owner hears it is over, once per marking, whoever cleared it
      await notify(ports, now, {
        openid: cleared.openid,
        topic: 'account',
        key: `credit-repair:${creditCode}:${cleared.version}:cleared`,
        title: '已移出经营异常',
        body: `${cleared.businessName}已移出经营异常（${ABNORMAL_CAUSES[cleared.cause]}），不再提醒。`,
        page: 'notice/pages/repair/index'
      })
    }
    return cleared
  }
  throw new Error('credit repair record changed too often')
}

/**
 * An owner saves a profile naming a business: whether the official record marks it, and (when
 * it does and nobody was told yet) the owner becomes the one told, reminded from now.
 */
export async function officialMark(db: Db, now: Date, creditCode: string, openid: string): Promise<boolean> {
  const r = await repairs(db).get(creditCode)
  if (!r || r.status !== 'marked') return false
  if (r.openid !== openid) {
    await repairs(db).updateWhere({ _id: creditCode, status: 'marked' }, { openid, nextRemindAt: r.reminders === 0 || !r.openid ? now.toISOString() : r.nextRemindAt, updatedAt: now.toISOString() })
  }
  return true
}

/** Register rows whose 经营异常 column changed: marks and clearances, before the register is written. */
export async function syncFromRegister(
  ports: Ports,
  now: Date,
  changes: Array<{ creditCode: string; name: string; region: string; cause: AbnormalCause | null; text: string | null; was: AbnormalCause | null }>
) {
  for (const c of changes) {
    if (c.cause) await markAbnormal(ports, now, { creditCode: c.creditCode, cause: c.cause, causeText: c.text, by: 'register', byName: '登记名录导入', businessName: c.name, region: c.region })
    else if (c.was) await clearAbnormal(ports, now, c.creditCode, 'register', '登记名录导入', '登记名录已不再列为经营异常')
  }
}

export { cmd }
