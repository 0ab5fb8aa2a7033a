import type { ApplicationStatus } from './status'

// No zod: the staff page checks a decision before asking to confirm it, without the validation library.

/** What a bank officer types on an application: all text, as the inputs give it. */
export interface DecisionForm {
  /** 需要补充的材料 or 未通过的原因: the applicant reads it */
  note: string
  amount: string
  rate: string
  term: string
}

export interface DecisionPayload {
  status: ApplicationStatus
  note?: string
  reason?: string
  amount?: number
  annualRate?: number
  termMonths?: number
}

/** The button for each move: what the officer does, not the status it leads to. */
export const ACTION_LABELS: Record<ApplicationStatus, string> = {
  submitted: '退回已提交',
  reviewing: '开始审核',
  needInfo: '要求补充材料',
  approved: '批准',
  declined: '拒绝',
  disbursed: '确认已放款'
}

/** Moves the applicant is told about and that cannot be taken back: asked to confirm first. */
export const CONFIRMED: readonly ApplicationStatus[] = ['approved', 'declined', 'disbursed']

/** A note typed as a sentence, ready to go inside one of ours: "…担保贷款。" + "。" would read 。。 */
export const clause = (s: string) => s.trim().replace(/[。．.！!；;，,、\s]+$/u, '')

const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

/**
 * The payload for `loan.bank.update`, or the field errors in plain Chinese (keyed as the server
 * keys them: note, reason, amount, annualRate, termMonths). The same limits as the contract.
 */
export function checkDecision(status: ApplicationStatus, f: DecisionForm): { ok: true; payload: DecisionPayload } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const note = f.note.trim()
  if (note.length > 200) errors[status === 'declined' ? 'reason' : 'note'] = '最多200个字'
  if (status === 'needInfo' && !note) errors.note = '请写明需要补充什么材料'
  if (status === 'declined' && !note) errors.reason = '请写明未通过的原因，申请人会看到'
  if (status === 'approved') {
    const amount = int(f.amount)
    if (!f.amount.trim()) errors.amount = '请填写批准金额'
    else if (!(amount >= 1000 && amount <= 5_000_000)) errors.amount = '金额填1000到5000000之间的整数（元）'
    const rate = Number(f.rate.trim())
    if (!f.rate.trim()) errors.annualRate = '请填写年利率'
    else if (!(Number.isFinite(rate) && rate >= 0.1 && rate <= 36)) errors.annualRate = '年利率填0.1到36之间的数，如4.35'
    const term = int(f.term)
    if (!f.term.trim()) errors.termMonths = '请填写期限'
    else if (!(term >= 1 && term <= 60)) errors.termMonths = '期限填1到60之间的整数（月）'
  }
  if (Object.keys(errors).length) return { ok: false, errors }
  if (status === 'needInfo') return { ok: true, payload: { status, note } }
  if (status === 'declined') return { ok: true, payload: { status, reason: note } }
  if (status === 'approved') return { ok: true, payload: { status, amount: int(f.amount), annualRate: Number(f.rate.trim()), termMonths: int(f.term) } }
  return { ok: true, payload: { status } }
}

/**
 * The confirmation: a short title (WeChat shows it on one line), the business and what it will be
 * told in the content.
 */
export function confirmText(status: ApplicationStatus, businessName: string, p: DecisionPayload): { title: string; content: string } {
  if (status === 'approved') {
    return { title: '批准这笔贷款？', content: `${businessName}：${p.amount}元，年利率${p.annualRate}%，${p.termMonths}个月。批准后会通知申请人，不能撤回。` }
  }
  if (status === 'declined') return { title: '拒绝这份申请？', content: `${businessName}，原因：${clause(p.reason ?? '')}。拒绝后会通知申请人，不能撤回。` }
  return { title: '确认已经放款？', content: `${businessName}的贷款。确认后会通知申请人，不能撤回。` }
}
