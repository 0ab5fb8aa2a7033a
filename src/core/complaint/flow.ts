/**
 * The 诉求 closed loop (REFERENCE.md, 12345: 受理 → 派单 → 办理 → 答复 → 办结 → 评价):
 * 提交 → 受理 / 不予受理 (with reason) → 办理中 (with the handling office) → 答复 → 办结.
 * After the reply the owner rates it; 不满意 reopens it once.
 */
export const COMPLAINT_STATUSES = {
  submitted: '已提交',
  accepted: '已受理',
  rejected: '不予受理',
  handling: '办理中',
  replied: '已答复',
  closed: '已办结'
} as const
export type ComplaintStatus = keyof typeof COMPLAINT_STATUSES

export type ComplaintEvent =
  | { type: 'accept' }
  | { type: 'reject'; reason: string }
  | { type: 'assign'; office: string }
  | { type: 'reply'; reply: string }
  | { type: 'rate'; rating: 'satisfied' | 'basicallySatisfied' | 'unsatisfied' }
  | { type: 'close' }

export interface FlowState {
  status: ComplaintStatus
  /** how many times the owner has reopened it (at most once) */
  reopened: number
}

export const MAX_REOPEN = 1

/** The next state, or a Chinese reason why the event is not allowed now. Pure: no side effects. */
export function step(s: FlowState, e: ComplaintEvent): { ok: true; state: FlowState } | { ok: false; message: string } {
  const to = (status: ComplaintStatus, reopened = s.reopened) => ({ ok: true as const, state: { status, reopened } })
  const no = (message: string) => ({ ok: false as const, message })
  switch (e.type) {
    case 'accept':
      return s.status === 'submitted' ? to('accepted') : no('只有刚提交的诉求可以受理')
    case 'reject':
      if (!e.reason.trim()) return no('不予受理必须写明理由')
      return s.status === 'submitted' ? to('rejected') : no('只有刚提交的诉求可以不予受理')
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
  }
}
