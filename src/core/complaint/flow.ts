import { COMPLAINT_STATUSES, DEADLINE_STEPS, MAX_SUPPLEMENTS, OPEN_STATUSES, type ComplaintStatus } from './labels'
import { addWorkingDays } from './workdays'

/**
 * The 诉求 closed loop (REFERENCE.md, 12345: 受理 → 派单 → 办理 → 答复 → 办结 → 评价):
 * 提交 → 受理 / 不予受理 (with reason) → 办理中 (with the handling office) → 答复 → 办结.
 * After the reply the owner rates it; 不满意 reopens it once. The owner's own moves:
 * - 撤回 (withdraw) before 受理 only: once an office has taken it on, the case is theirs to finish;
 * - 补充材料 (supplement) while the case is open (已提交, 已受理, 办理中);
 * - 催办 (urge) once the running deadline (受理 or 答复) has passed, at most once per working day.
 * Supplements and urges do not change the status: they are entries in the timeline.
 */
export { COMPLAINT_STATUSES, type ComplaintStatus }

export type ComplaintEvent =
  | { type: 'accept' }
  | { type: 'reject'; reason: string }
  | { type: 'assign'; office: string }
  | { type: 'reply'; reply: string }
  | { type: 'rate'; rating: 'satisfied' | 'basicallySatisfied' | 'unsatisfied' }
  | { type: 'close' }
  | { type: 'withdraw' }
  | { type: 'supplement'; text: string; photos: number }
  /** `today` is the China date; `deadline` the running one (its last day to act), if any */
  | { type: 'urge'; today: string; deadline: { step: 'accept' | 'reply'; date: string } | null }

export interface FlowState {
  status: ComplaintStatus
  /** how many times the owner has reopened it (at most once) */
  reopened: number
  /** how many times the owner has added material */
  supplements?: number
  /** China date from which the owner may urge again (the working day after the last urge) */
  urgeAgainOn?: string | null
}

export const MAX_REOPEN = 1

/** "12月2日" from a China date, without a date library (this file stays small for tests and the server). */
export const monthDay = (date: string) => {
  const [, m, d] = date.split('-').map(Number)
  return `${m}月${d}日`
}

/** The day after a China date (plain calendar arithmetic, in UTC so no zone can shift it). */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * Whether the owner may urge now, and if not, from which China date (null: never, the case is not
 * open). The deadline's last day is still on time, so urging opens the day after it; after an urge
 * it opens again on the next working day (a Friday's urge: Monday; a Saturday's: Monday too).
 */
export function urgeRule(
  s: Pick<FlowState, 'status' | 'urgeAgainOn'>,
  deadline: { step: 'accept' | 'reply'; date: string } | null,
  today: string
): { can: true } | { can: false; from: string | null; message: string } {
  if (s.status === 'replied') return { can: false, from: null, message: '已经答复了，请查看答复并评价' }
  if (!OPEN_STATUSES.includes(s.status)) return { can: false, from: null, message: '这条诉求已经结束，不需要催办' }
  if (!deadline) return { can: false, from: null, message: '这条诉求没有正在计算的期限' }
  const opens = nextDay(deadline.date)
  if (today < opens) return { can: false, from: opens, message: `还在${DEADLINE_STEPS[deadline.step]}内（${monthDay(deadline.date)}），${monthDay(opens)}起可以催办` }
  if (s.urgeAgainOn && today < s.urgeAgainOn) return { can: false, from: s.urgeAgainOn, message: `每个工作日可以催办一次，${monthDay(s.urgeAgainOn)}起可以再次催办` }
  return { can: true }
}

/** The working day after `today`: when an urge sent today may be repeated. */
export const nextUrgeDay = (today: string) => addWorkingDays(today, 1).date

/** The next state, or a Chinese reason why the event is not allowed now. Pure: no side effects. */
export function step(s: FlowState, e: ComplaintEvent): { ok: true; state: FlowState } | { ok: false; message: string } {
  const to = (status: ComplaintStatus, reopened = s.reopened, more: Partial<FlowState> = {}) => ({ ok: true as const, state: { ...s, status, reopened, ...more } })
  const no = (message: string) => ({ ok: false as const, message })
  switch (e.type) {
    case 'accept':
      return s.status === 'submitted' ? to('accepted') : no(s.status === 'withdrawn' ? '反映人已撤回这条诉求' : '只有刚提交的诉求可以受理')
    case 'reject':
      if (!e.reason.trim()) return no('不予受理必须写明理由')
      return s.status === 'submitted' ? to('rejected') : no(s.status === 'withdrawn' ? '反映人已撤回这条诉求' : '只有刚提交的诉求可以不予受理')
    case 'assign':
      if (!e.office.trim()) return no('请写明承办单位')
      return s.status === 'accepted' || s.status === 'handling' ? to('handling') : no('受理后才能交办')
    case 'reply':
      if (!e.reply.trim()) return no('答复内容不能为空')
      return s.status === 'handling' ? to('replied') : no('办理中才能答复')
    case 'rate':
      if (s.status !== 'replied') return no('答复之后才能评价')
      if (e.rating !== 'unsatisfied') return to('closed')
      // 不满意: back to handling, once; a second 不满意 is recorded and the case closes
      return s.reopened < MAX_REOPEN ? to('handling', s.reopened + 1) : to('closed')
    case 'close':
      return s.status === 'replied' ? to('closed') : no('答复之后才能办结')
    case 'withdraw':
      switch (s.status) {
        case 'submitted':
          return to('withdrawn')
        case 'withdrawn':
          return no('这条诉求已经撤回了')
        case 'accepted':
        case 'handling':
          return no('诉求已受理，不能撤回了。如果问题已经解决，可以补充材料告诉办理人员')
        case 'replied':
          return no('诉求已答复，不能撤回了')
        default:
          return no('这条诉求已经结束，不需要撤回')
      }
    case 'supplement': {
      if (s.status === 'replied') return no('已经答复了；如不满意，请在评价里说明')
      if (!OPEN_STATUSES.includes(s.status)) return no('这条诉求已经结束，不能再补充材料了')
      if (!e.text.trim() && e.photos < 1) return no('请写下要补充的内容，或加一张照片')
      const n = s.supplements ?? 0
      if (n >= MAX_SUPPLEMENTS) return no(`补充材料已有${MAX_SUPPLEMENTS}次，不能再加了；可以在答复后的评价里说明`)
      return to(s.status, s.reopened, { supplements: n + 1 })
    }
    case 'urge': {
      const r = urgeRule(s, e.deadline, e.today)
      return r.can ? to(s.status, s.reopened, { urgeAgainOn: nextUrgeDay(e.today) }) : no(r.message)
    }
  }
}
