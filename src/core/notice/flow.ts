import { REPAIR_STEPS, type AbnormalCause, type HintStatus, type PlanStatus } from './labels'

/**
 * The three notices as pure transition tables, like the 诉求 loop (core/complaint/flow.ts): each
 * `step` returns the next state or a Chinese reason the event is not allowed now. The cloud
 * function writes only what a step returned, conditionally on the state it read.
 */
type Result<S> = { ok: true; state: S } | { ok: false; message: string }
const no = (message: string) => ({ ok: false as const, message })

// ---- 违规提示: sent → corrected → confirmed, or returned → corrected again; overdue is a flag ----

export interface HintState {
  status: HintStatus
  /** the correction deadline (China date, its last day) */
  dueDate: string
  /** the deadline passed before the owner reported it corrected (set once per deadline by the sweep) */
  overdue: boolean
  /** how many times the regulator returned it */
  returns: number
}

export type HintEvent =
  | { type: 'correct'; photos: number }
  | { type: 'confirm' }
  | { type: 'return'; reason: string; dueDate: string; today: string }
  | { type: 'overdue'; today: string }

/** A returned hint can go back at most this often; then the office acts in person (our limit). */
export const MAX_RETURNS = 3

export function hintStep(s: HintState, e: HintEvent): Result<HintState> {
  const to = (more: Partial<HintState>) => ({ ok: true as const, state: { ...s, ...more } })
  switch (e.type) {
    case 'correct':
      if (s.status === 'corrected') return no('已经提交过整改，正在等工作人员确认')
      if (s.status === 'confirmed') return no('整改已经确认，不用再提交')
      if (e.photos < 1) return no('请拍一张整改后的照片')
      return to({ status: 'corrected' })
    case 'confirm':
      return s.status === 'corrected' ? to({ status: 'confirmed' }) : no(s.status === 'confirmed' ? '已经确认过了' : '经营者还没有提交整改')
    case 'return':
      if (s.status !== 'corrected') return no(s.status === 'confirmed' ? '已经确认过了，不能退回' : '经营者还没有提交整改')
      if (!e.reason.trim()) return no('请写明退回的原因')
      if (e.dueDate < e.today) return no('新的整改期限不能早于今天')
      if (s.returns >= MAX_RETURNS) return no(`已经退回${MAX_RETURNS}次，请当面指导整改`)
      // a new deadline: it can be missed again
      return to({ status: 'returned', dueDate: e.dueDate, overdue: false, returns: s.returns + 1 })
    case 'overdue':
      if (s.status !== 'sent' && s.status !== 'returned') return no('不在整改中')
      if (s.overdue) return no('已经标记为逾期')
      if (e.today <= s.dueDate) return no('还没到整改期限')
      return to({ overdue: true })
  }
}

// ---- 双随机抽查 plans: scheduled → notifying → notified, or cancelled before any reminder ----

export type PlanEvent = { type: 'start' } | { type: 'finish' } | { type: 'cancel' }

export function planStep(s: { status: PlanStatus }, e: PlanEvent): Result<{ status: PlanStatus }> {
  switch (e.type) {
    case 'start':
      return s.status === 'scheduled' ? { ok: true, state: { status: 'notifying' } } : no('这个计划不在待提醒状态')
    case 'finish':
      return s.status === 'notifying' ? { ok: true, state: { status: 'notified' } } : no('这个计划还没有开始提醒')
    case 'cancel':
      if (s.status === 'scheduled') return { ok: true, state: { status: 'cancelled' } }
      return no(s.status === 'cancelled' ? '这个计划已经取消了' : '已经提醒了经营者，不能取消；如有变化请另行告知')
  }
}

// ---- 信用修复: marked (from the register or staff) → cleared (only by the register or staff) ----

export type MarkSource = 'register' | 'staff'
export interface RepairState {
  status: 'none' | 'marked' | 'cleared'
  cause: AbnormalCause | null
  /** the n-th marking of this business: each marking has its own reminders */
  version: number
  /** reminders sent for this marking */
  reminders: number
  /** step ids the owner ticked for this marking */
  done: string[]
}

export type RepairEvent =
  | { type: 'mark'; by: MarkSource | 'owner'; cause: AbnormalCause }
  | { type: 'clear'; by: MarkSource | 'owner' }
  | { type: 'check'; step: string; done: boolean }
  | { type: 'remind' }

export const NO_REPAIR: RepairState = { status: 'none', cause: null, version: 0, reminders: 0, done: [] }

export function repairStep(s: RepairState, e: RepairEvent): Result<RepairState> {
  const to = (more: Partial<RepairState>) => ({ ok: true as const, state: { ...s, ...more } })
  switch (e.type) {
    case 'mark':
      // the owner's word is not an official mark: only the register and staff set it
      if (e.by === 'owner') return no('经营异常状态以登记机关的记录为准，不能自己设置')
      if (s.status === 'marked') return s.cause === e.cause ? no('已经是经营异常状态') : to({ cause: e.cause, done: s.done.filter((d) => REPAIR_STEPS[e.cause].some((x) => x.id === d)) })
      return to({ status: 'marked', cause: e.cause, version: s.version + 1, reminders: 0, done: [] })
    case 'clear':
      if (e.by === 'owner') return no('移出经营异常以登记机关的记录为准：补报或修复后，等登记机关处理即可')
      return s.status === 'marked' ? to({ status: 'cleared' }) : no('没有经营异常标记')
    case 'check': {
      if (s.status !== 'marked' || !s.cause) return no('没有需要修复的经营异常')
      if (!REPAIR_STEPS[s.cause].some((x) => x.id === e.step)) return no('没有这一步')
      const rest = s.done.filter((d) => d !== e.step)
      return to({ done: e.done ? [...rest, e.step] : rest })
    }
    case 'remind':
      if (s.status !== 'marked') return no('没有经营异常标记，不用提醒')
      return to({ reminders: s.reminders + 1 })
  }
}
