import { bankName } from '../../src/core/loan/products'
import type { Context } from '../common/context'
import { notFound } from '../common/errors'

/** The latest decision per owner and bank (`<openid>:<bankId>`); every decision is also in the log. */
export interface LoanConsentState {
  _id: string
  openid: string
  bankId: string
  granted: boolean
  version: string
  at: string
}

export const loanConsents = (ctx: Pick<Context, 'db'>) => ctx.db.collection<LoanConsentState>('loanConsents')
export const loanConsentLog = (ctx: Pick<Context, 'db'>) => ctx.db.collection<LoanConsentState>('loanConsentLog')

/** Records a grant or a withdrawal for one bank (码上贷 and 我的 → 个人信息 both write through here). */
export async function setLoanConsent(ctx: Context, bankId: string, granted: boolean, version: string) {
  if (!bankName(bankId)) throw notFound('没有这家银行')
  const at = ctx.now.toISOString()
  const state = { openid: ctx.openid, bankId, granted, version, at }
  // every decision is kept (what, which version, when); the latest is the state
  await loanConsentLog(ctx).add(state)
  await loanConsents(ctx).set(`${ctx.openid}:${bankId}`, state)
  return { bankId, granted, version, at }
}
