import type { RegisterStatus } from '../register/rows'
// Labels and rules only, no zod: owner and staff pages import this without the validation library.

/**
 * Owner verification (#16): is the business on the profile really this owner's? Stored on the
 * owner document as `verification` (the shape the other #16 slices build on). `pending` until
 * the register, the 电子营业执照 or an officer in person says so.
 */
export type VerificationState = 'verified' | 'pending'
export type VerificationVia = 'register' | 'license' | 'inPerson'
export interface Verification {
  state: VerificationState
  via: VerificationVia | null
  at: string | null
  /** the officer's openid for inPerson; null otherwise */
  by: string | null
}

/** Why a business waits (kept beside `verification` on the owner document as `verifyNote`). */
export type PendingReason = 'notFound' | 'nameMismatch' | 'inactive' | 'transferred' | 'unchecked'
export interface VerifyNote {
  reason: PendingReason
  /** the register's status as written in the file (for `inactive`) */
  statusText: string | null
}

export type { RegisterStatus }

/** The fields of a register row this rule reads (the `register` collection, owned by the import). */
export interface RegisterFacts {
  creditCode: string
  name: string
  status: RegisterStatus
  statusText: string
  registeredOn: string | null
  region: string
  marketId: string | null
}

/**
 * Names compare after the differences a person does not mean: spaces anywhere, full-width and
 * half-width forms (NFKC maps （ to ( and Ａ to A), the kind of bracket, upper and lower case.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[［【〔｛{[]/g, '(')
    .replace(/[］】〕｝}\]]/g, ')')
    .replace(/[·•・]/g, '')
    .toUpperCase()
}

export const sameName = (a: string, b: string) => normaliseName(a) === normaliseName(b)

export type RegisterOutcome = { state: 'verified' } | { state: 'pending'; note: VerifyNote }

/** The profile against the register row of its credit code (null: no such row). */
export function checkAgainstRegister(profile: { creditCode: string; businessName: string }, row: RegisterFacts | null): RegisterOutcome {
  if (!row) return { state: 'pending', note: { reason: 'notFound', statusText: null } }
  if (row.status !== 'active') return { state: 'pending', note: { reason: 'inactive', statusText: row.statusText || STATUS_WORDS[row.status] } }
  if (!sameName(profile.businessName, row.name)) return { state: 'pending', note: { reason: 'nameMismatch', statusText: null } }
  return { state: 'verified' }
}

const STATUS_WORDS: Record<RegisterStatus, string> = { active: '存续', cancelled: '注销', revoked: '吊销', other: '非正常' }

export const VERIFIED_LABELS: Record<VerificationVia, string> = {
  register: '已核验（登记信息一致）',
  license: '已核验（电子营业执照）',
  inPerson: '已核验（现场核验）'
}
export const PENDING_LABEL = '待核验'

/** Why, in the owner's words. */
export function pendingWhy(note: VerifyNote | null | undefined): string {
  switch (note?.reason) {
    case 'notFound':
      return '未在登记名录中找到这个统一社会信用代码（名录可能还没有更新）'
    case 'nameMismatch':
      return '字号名称与登记的名称不一致，请按营业执照上的名称填写'
    case 'inactive':
      return `登记状态为${note.statusText ?? '非存续'}，不能在线核验`
    case 'transferred':
      return '这个营业执照已经由市场监管部门核实后转到另一个微信号'
    default:
      return '还没有核验'
  }
}

/** What to do next, every way there is. */
export const PENDING_STEPS = [
  '用电子营业执照核验：在小程序里授权，马上就好',
  '带营业执照原件到市场监管所或市场管理处，请工作人员现场核验'
]

/** What waits for verification (said wherever it applies). */
export const VERIFY_FIRST = '申请贷款需要先核验营业执照：可以在“我的 → 营业执照核验”用电子营业执照核验，或带营业执照到市场监管所现场核验。'
