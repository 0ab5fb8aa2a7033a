import { match, type Facts } from '../policy/match'
import { LOAN_PRODUCTS, type LoanProduct } from './products'

/**
 * Which products fit an owner, and the advice shown above them: both come from `productFits`, so
 * the page can never say "not advised" next to a product it marks as fitting.
 */
export interface ProductFit {
  id: string
  name: string
  fits: boolean
  /** every condition, met (✓) or not (✗), in plain words */
  reasons: string[]
}

const scoreReason = (score: number, min: number) =>
  score >= min
    ? { met: true, text: `评估分${score}分，达到本平台推荐信用贷款的${min}分` }
    : { met: false, text: `评估分${score}分，不到本平台推荐信用贷款的${min}分` }

export function productFit(p: LoanProduct, facts: Facts, score: number): ProductFit {
  const m = match(p.fit, facts)
  const reasons = [...m.reasons, ...(p.minScore === null ? [] : [scoreReason(score, p.minScore)])]
  return { id: p.id, name: p.name, fits: reasons.every((r) => r.met), reasons: reasons.map((r) => `${r.met ? '✓' : '✗'} ${r.text}`) }
}

export const productFits = (facts: Facts, score: number, products: readonly LoanProduct[] = LOAN_PRODUCTS) => products.map((p) => productFit(p, facts, score))

/** The one-line advice: read off the fits, never from the score alone. */
export function adviceFor(fits: readonly ProductFit[]): string {
  const yes = fits.filter((f) => f.fits).map((f) => f.name)
  return yes.length
    ? `按您填写的信息，可以先了解：${yes.join('、')}。`
    : '按您填写的信息，下面几种贷款暂时都不适合您；可以先照上面每一项的“提高”去做。'
}

/** Why a product does not fit, for the warning before applying: only the unmet conditions. */
export const whyNot = (f: ProductFit) => f.reasons.filter((r) => r.startsWith('✗')).map((r) => r.slice(2))

/**
 * What we can say about the amount. No product document states a limit or a range (see
 * products.ts and README "码上贷 does not estimate an amount"), so we say so instead of inventing one.
 */
export const AMOUNT_NOTE = '能贷多少：这几种贷款的文件都没有写明额度，本程序不估算金额；额度和利率以银行审批为准。'
