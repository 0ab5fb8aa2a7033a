import { OPEN_STATUSES, type Status } from './config'

/**
 * The 名特优新 procedure (seed 004: 申报、推荐、认定、公示, 异议处理) as a pure transition table:
 *
 *   submitted ─退回补充→ returned ─resubmit→ submitted
 *   submitted ─不予推荐→ declined
 *   submitted ─推荐→ publicizing (公示, anyone may lodge an 异议) ─公示期满→ decision
 *   decision ─认定→ recognised ─到期→ lapsed
 *   decision ─不予认定→ notRecognised
 *   submitted | returned ─撤回 (the owner)→ withdrawn
 *
 * 认定 and 不予认定 need every 异议 answered. Nothing leaves declined, notRecognised, lapsed or
 * withdrawn: the owner applies again with a new application.
 */
export type RecognitionEvent =
  | { type: 'resubmit' }
  | { type: 'return'; reason: string }
  | { type: 'recommend'; reason: string }
  | { type: 'decline'; reason: string }
  | { type: 'object' }
  | { type: 'answer'; reply: string }
  | { type: 'publicEnd' }
  | { type: 'recognise'; reason: string }
  | { type: 'notRecognise'; reason: string }
  | { type: 'remind' }
  | { type: 'lapse' }
  | { type: 'withdraw' }

export interface FlowState {
  status: Status
  /** 异议 lodged during the 公示 */
  objections: number
  /** of those, answered by the regulator */
  answered: number
  /** the lapse reminder went out (once) */
  reminded: boolean
}

export const FINAL: readonly Status[] = ['declined', 'notRecognised', 'lapsed', 'withdrawn']
export const isOpen = (s: Status) => OPEN_STATUSES.includes(s)

export function step(s: FlowState, e: RecognitionEvent): { ok: true; state: FlowState } | { ok: false; message: string } {
  const to = (status: Status, more: Partial<FlowState> = {}) => ({ ok: true as const, state: { ...s, status, ...more } })
  const no = (message: string) => ({ ok: false as const, message })
  const needReason = (r: string, what: string) => (r.trim() ? null : no(`${what}必须写明理由`))
  switch (e.type) {
    case 'resubmit':
      return s.status === 'returned' ? to('submitted') : no('只有退回补充的申报可以重新提交')
    case 'return':
      return needReason(e.reason, '退回补充') ?? (s.status === 'submitted' ? to('returned') : no('只有待审核的申报可以退回补充'))
    case 'recommend':
      return needReason(e.reason, '推荐') ?? (s.status === 'submitted' ? to('publicizing', { objections: 0, answered: 0 }) : no('只有待审核的申报可以推荐'))
    case 'decline':
      return needReason(e.reason, '不予推荐') ?? (s.status === 'submitted' ? to('declined') : no('只有待审核的申报可以不予推荐'))
    case 'object':
      return s.status === 'publicizing' ? to('publicizing', { objections: s.objections + 1 }) : no('公示期已结束或未在公示，不能再提出异议')
    case 'answer':
      if (!e.reply.trim()) return no('答复异议必须写明理由')
      if (s.status !== 'publicizing' && s.status !== 'decision') return no('这条申报已经办结，不能再答复异议')
      return s.answered < s.objections ? to(s.status, { answered: s.answered + 1 }) : no('没有待答复的异议')
    case 'publicEnd':
      return s.status === 'publicizing' ? to('decision') : no('不在公示中')
    case 'recognise':
    case 'notRecognise': {
      const what = e.type === 'recognise' ? '认定' : '不予认定'
      const r = needReason(e.reason, what)
      if (r) return r
      if (s.status === 'publicizing') return no('公示期还没有结束，结束后才能决定')
      if (s.status !== 'decision') return no('只有公示期满的申报可以决定是否认定')
      if (s.answered < s.objections) return no(`还有${s.objections - s.answered}条异议没有答复，请逐条答复后再决定`)
      return to(e.type === 'recognise' ? 'recognised' : 'notRecognised')
    }
    case 'remind':
      if (s.status !== 'recognised') return no('只有已认定的才有到期提醒')
      return s.reminded ? no('到期提醒已经发过了') : to('recognised', { reminded: true })
    case 'lapse':
      return s.status === 'recognised' ? to('lapsed') : no('只有已认定的才会到期')
    case 'withdraw':
      return s.status === 'submitted' || s.status === 'returned' ? to('withdrawn') : no(s.status === 'publicizing' || s.status === 'decision' ? '已经推荐公示，不能撤回了' : '这条申报已经办结')
  }
}

/** The regulator's moves in each status (the workbench shows these buttons). */
export const STAFF_ACTIONS: Partial<Record<Status, Array<'return' | 'recommend' | 'decline' | 'recognise' | 'notRecognise'>>> = {
  submitted: ['return', 'recommend', 'decline'],
  decision: ['recognise', 'notRecognise']
}

/** One China date plus n calendar days (plain arithmetic in UTC, so no zone can shift it). */
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** The last day a 认定 given on `from` is in force: `years` later, less a day (3 years from 2026-12-01 → 2029-11-30). */
export function lastDayInForce(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number)
  const end = new Date(Date.UTC(y + years, m - 1, d))
  // 29 February plus whole years lands on 1 March; the day before is 28 February
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0)
  else end.setUTCDate(end.getUTCDate() - 1)
  return end.toISOString().slice(0, 10)
}

/** Whether a recognition counts today: in force up to and including its last day (China dates). */
export const inForce = (r: { until: string } | null | undefined, today: string): boolean => !!r && today <= r.until
