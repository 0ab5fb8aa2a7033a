import { chinaDate } from '../../src/core/common/time'
import { annualLadder, annualReportDeadline, annualState, currentReportYear, daysBetween, firstDue, lastApplyDate, permitLadder, permitState, type Rung } from '../../src/core/reminder/ladder'
import { annualRungLabel, permitRungLabel, reminderSchedule } from '../../src/core/reminder/schedule'
import { ANNUAL_REPORT_GUIDE, SCAM_WARNING } from '../../src/core/reminder/guidance'
import { PERMIT_TYPES, type PermitTypeKey } from '../../src/core/reminder/permitTypes'
import type { ObligationView, PermitView } from '../../src/core/reminder/contract'
import { DuplicateKeyError } from '../common/errors'
import type { Db } from '../common/ports'

/** Fields every scheduled item carries (ARCHITECTURE.md, "Scheduling: due sweeps"). */
export interface Scheduled {
  /** when the next reminder is due (ISO, indexed); null when nothing is left to send */
  nextDueAt: string | null
  /** rungs already sent for the current version of the item (their keys are in the inbox) */
  sentRungs: string[]
  /** a sweep holds the item until then ('' when free), so two runs never handle it together */
  leaseUntil: string
  /** of sentRungs, those handled while the owner had the topic off (nothing was sent); absent on older items */
  quietRungs?: string[]
  /** the sweep page holding the lease (its token), '' or absent when free */
  claim?: string
  /**
   * a copy of the owner's region and market (written with the item, refreshed when the profile
   * moves), so 监测分析 counts a region's permits and reports in the database; absent on items
   * written before it was kept
   */
  region?: string | null
  marketId?: string | null
}

/** Where an item's owner is, as items carry it. */
export type ItemScope = { region: string | null; marketId: string | null }
export const scopeOfOwner = (o: { profile?: { region: string } | null; marketId?: string | null } | null | undefined): ItemScope => ({
  region: o?.profile?.region ?? null,
  marketId: o?.marketId ?? null
})

export interface PermitDoc extends Scheduled {
  _id: string
  openid: string
  type: PermitTypeKey
  name: string
  number: string
  authority: string
  issuedOn: string
  expiresOn: string
  createdAt: string
  updatedAt: string
}

export interface ObligationDoc extends Scheduled {
  _id: string
  openid: string
  kind: 'annualReport'
  reportYear: number
  filedAt: string | null
  createdAt: string
  updatedAt: string
}

export const permits = (db: Db) => db.collection<PermitDoc>('permits')
export const obligations = (db: Db) => db.collection<ObligationDoc>('obligations')

export const permitRungs = (p: Pick<PermitDoc, 'type' | 'expiresOn'>): Rung[] => permitLadder(p.type, p.expiresOn)
export const obligationRungs = (o: Pick<ObligationDoc, 'reportYear'>): Rung[] => annualLadder(o.reportYear)
export const obligationId = (openid: string, year: number) => `ar-${openid}-${year}`

/** What the owner sees of a permit at `now`; `topicOff`: permit reminders are switched off. */
export function permitView(p: PermitDoc, now: Date, topicOff = false): PermitView {
  const t = PERMIT_TYPES[p.type]
  const today = chinaDate(now)
  const { state, daysLeft } = permitState(p.type, p.expiresOn, today)
  const lastApplyOn = lastApplyDate(p.type, p.expiresOn)
  const { rows, next } = reminderSchedule({ rungs: permitRungs(p), now, sent: p.sentRungs, quiet: p.quietRungs, topicOff }, (r) => permitRungLabel(r, !!lastApplyOn))
  return {
    id: p._id,
    type: p.type,
    name: p.type === 'other' ? p.name : t.label,
    number: p.number,
    authority: p.authority,
    issuedOn: p.issuedOn,
    expiresOn: p.expiresOn,
    state,
    daysLeft,
    renewRule: t.renewRule,
    lastApplyOn,
    applyDaysLeft: lastApplyOn ? daysBetween(today, lastApplyOn) : null,
    howToRenew: t.howToRenew,
    nextReminder: next,
    schedule: rows,
    remindersOff: topicOff
  }
}

/**
 * What the owner sees of an annual report at `now`. `openedOn`: when the business opened (its
 * first report is for that year, filed the next); `topicOff`: annual-report reminders are off.
 */
export function obligationView(o: ObligationDoc, now: Date, opts: { openedOn?: string | null; topicOff?: boolean } = {}): ObligationView {
  const { state, daysLeft } = annualState(o.reportYear, o.filedAt, now)
  const topicOff = !!opts.topicOff
  const { rows, next } = reminderSchedule({ rungs: obligationRungs(o), now, sent: o.sentRungs, quiet: o.quietRungs, done: !!o.filedAt, topicOff }, annualRungLabel)
  return {
    id: o._id,
    reportYear: o.reportYear,
    deadline: annualReportDeadline(o.reportYear),
    state,
    daysLeft,
    filedAt: o.filedAt,
    opensOn: `${o.reportYear + 1}-01-01`,
    firstReport: !!opts.openedOn && Number(opts.openedOn.slice(0, 4)) === o.reportYear,
    nextReminder: next,
    schedule: rows,
    remindersOff: topicOff,
    how: ANNUAL_REPORT_GUIDE.how,
    lateSteps: state === 'overdue' ? ANNUAL_REPORT_GUIDE.lateSteps : [],
    scamWarning: SCAM_WARNING
  }
}

/**
 * Every owner has one annual-report obligation per year. Idempotent (the _id is the owner and
 * year); a new one is scheduled from `now`, so a late one never sends the past rungs in a burst.
 */
export async function ensureObligation(db: Db, openid: string, reportYear: number, now: Date, scope?: ItemScope): Promise<ObligationDoc> {
  const _id = obligationId(openid, reportYear)
  const existing = await obligations(db).get(_id)
  if (existing) return existing
  const doc = { ...newObligation(openid, reportYear, now), ...scope }
  try {
    await obligations(db).add(doc)
    return doc
  } catch (err) {
    if (err instanceof DuplicateKeyError) return (await obligations(db).get(_id))!
    throw err
  }
}

/** A new obligation scheduled from `now`, so a late one never sends the past rungs in a burst. */
export function newObligation(openid: string, reportYear: number, now: Date): ObligationDoc {
  const at = now.toISOString()
  return {
    _id: obligationId(openid, reportYear),
    openid,
    kind: 'annualReport',
    reportYear,
    filedAt: null,
    nextDueAt: firstDue(obligationRungs({ reportYear }), now)?.dueAt ?? null,
    sentRungs: [],
    leaseUntil: '',
    createdAt: at,
    updatedAt: at
  }
}

/** The obligation an owner faces now, created on first need (profile saved, 提醒 opened). */
export async function ensureCurrentObligation(db: Db, openid: string, openedOn: string, now: Date, scope?: ItemScope) {
  return ensureObligation(db, openid, currentReportYear(chinaDate(now), openedOn), now, scope)
}
