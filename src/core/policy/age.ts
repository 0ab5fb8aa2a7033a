/**
 * How old a policy is, as an owner must be told (no zod, no dataset: the client may import it).
 * - 已过期: the document's own end (its effectiveTo, or the end of the period it states, e.g. an
 *   activity month or "2024年度") is past. Kept and searchable, never pushed or recommended.
 * - 请确认: no stated end, and neither published nor reviewed by staff within REVIEW_AFTER_MONTHS:
 *   shown with "发布于…，请向主管部门确认是否仍在执行" and listed for staff as 待复核.
 * - current: otherwise.
 */
export const REVIEW_AFTER_MONTHS = 12

export interface Dated {
  effectiveFrom: string
  effectiveTo: string | null
  /** the time the document itself states ("活动时间2023年9月", "2024年度"), with its end date */
  period?: { text: string | null; to: string | null } | null
  /** when a staff member last confirmed it is still in force (ISO date or instant) */
  reviewedAt?: string | null
}

export type AgeState = 'current' | 'expired' | 'unconfirmed'

export interface Age {
  state: AgeState
  /** the document's last day, where it states one */
  endsOn: string | null
  /** what the owner reads; null when current */
  note: string | null
}

const addMonths = (iso: string, n: number) => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1 + n, d))
  return t.toISOString().slice(0, 10)
}

/** `today` is the China date (YYYY-MM-DD). */
export function policyAge(p: Dated, today: string): Age {
  const ends = [p.effectiveTo, p.period?.to ?? null].filter((d): d is string => !!d).sort()
  const endsOn = ends[0] ?? null
  if (endsOn && endsOn < today) {
    const when = p.period?.text ? `（${p.period.text}）` : ''
    return { state: 'expired', endsOn, note: `已过期：文件写明的执行期${when}已于${endsOn}结束，仅供查阅，请勿据此申请。` }
  }
  if (!endsOn) {
    const last = (p.reviewedAt ?? p.effectiveFrom).slice(0, 10)
    if (addMonths(last, REVIEW_AFTER_MONTHS) < today) {
      return { state: 'unconfirmed', endsOn: null, note: `发布于${p.effectiveFrom}，文件未写明截止日期，请向主管部门确认是否仍在执行。` }
    }
  }
  return { state: 'current', endsOn, note: null }
}
