/**
 * 统一社会信用代码 check per GB 32100-2015.
 * 18 characters from a 31-character set (no I, O, Z, S, V); the 18th is a check character:
 * C18 = 31 - (Σ value(Ci) × 3^(i-1) mod 31), with 31 written as 0.
 * 个体工商户 are registered by 市场监管 (first character 9) as category 2, so their codes start "92".
 */
export const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type CreditCodeResult = { ok: true; code: string } | { ok: false; message: string }

/** Upper-cases and drops spaces, since owners copy the code from a photo of their licence. */
export function normalizeCreditCode(input: string): string {
  return input.replace(/[\s\u3000]/g, '').toUpperCase()
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARS.indexOf(first17[i]) * WEIGHTS[i]
  const c = 31 - (sum % 31)
  return CREDIT_CODE_CHARS[c === 31 ? 0 : c]
}

export function checkCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input)
  if (code.length !== 18) {
    return { ok: false, message: `统一社会信用代码应为18位，您填写了${code.length}位` }
  }
  for (let i = 0; i < 18; i++) {
    if (CREDIT_CODE_CHARS.indexOf(code[i]) < 0) {
      return {
        ok: false,
        message: `第${i + 1}位“${code[i]}”不是有效字符（代码里没有 I、O、Z、S、V 这几个字母）`
      }
    }
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return { ok: false, message: '第3到第8位应为行政区划数字，请对照营业执照核对' }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17))
  if (code[17] !== expected) {
    return { ok: false, message: '第18位校验码不对，代码可能抄错了，请对照营业执照逐位核对' }
  }
  if (!code.startsWith('92')) {
    return {
      ok: false,
      message: '这是企业或其他组织的代码。个体工商户的统一社会信用代码以“92”开头，请核对'
    }
  }
  return { ok: true, code }
}
