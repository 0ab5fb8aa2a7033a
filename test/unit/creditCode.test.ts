import fc from 'fast-check'
import { checkCreditCode, CREDIT_CODE_CHARS, creditCodeCheckChar, normalizeCreditCode } from '../../src/core/user/creditCode'

const valid = (first17: string) => first17 + creditCodeCheckChar(first17)
const charArb = fc.constantFrom(...CREDIT_CODE_CHARS.split(''))
const digitArb = fc.constantFrom(...'0123456789'.split(''))
/** a well-formed 个体工商户 prefix: "92", six region digits, nine body characters */
const prefixArb = fc
  .tuple(fc.array(digitArb, { minLength: 6, maxLength: 6 }), fc.array(charArb, { minLength: 9, maxLength: 9 }))
  .map(([r, b]) => `92${r.join('')}${b.join('')}`)

describe('统一社会信用代码 check character (GB 32100-2015)', () => {
  test('matches the published worked example 91350100M000100Y43', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
  })

  test('a sum that is a multiple of 31 gives check character 0, not 31', () => {
    // all zeros: the weighted sum is 0, so 31 - 0 = 31, written as "0"
    expect(creditCodeCheckChar('00000000000000000')).toBe('0')
  })

  test('accepts any 个体工商户 code with its correct check character', () => {
    fc.assert(fc.property(prefixArb, (p) => checkCreditCode(valid(p)).ok === true))
  })

  test('catches every single-character mistake (31 is prime, no weight is 0)', () => {
    fc.assert(
      fc.property(prefixArb, fc.integer({ min: 0, max: 17 }), charArb, (p, pos, c) => {
        const code = valid(p)
        fc.pre(code[pos] !== c)
        const wrong = code.slice(0, pos) + c + code.slice(pos + 1)
        return checkCreditCode(wrong).ok === false
      })
    )
  })

  test('owners may type lower case and spaces, as copied from a photo', () => {
    const code = valid('92330302MA2H7K3L1')
    expect(normalizeCreditCode(` ${code.toLowerCase().slice(0, 9)} ${code.slice(9).toLowerCase()}`)).toBe(code)
    expect(checkCreditCode(code.toLowerCase())).toEqual({ ok: true, code })
  })

  test.each([
    ['9233030', '应为18位，您填写了7位'],
    ['92330302MA2H7K3L1IX', '应为18位，您填写了19位'],
    ['92330302MA2H7KOL10', '第15位“O”不是有效字符']
  ])('says what is wrong with %s', (input, fragment) => {
    const r = checkCreditCode(input)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toContain(fragment)
  })

  test('a wrong check character is named as such', () => {
    const code = valid('92330302MA2H7K3L1')
    const other = CREDIT_CODE_CHARS.split('').find((c) => c !== code[17])!
    const r = checkCreditCode(code.slice(0, 17) + other)
    expect(!r.ok && r.message).toContain('第18位校验码不对')
  })

  test('region digits must be digits', () => {
    const r = checkCreditCode(valid('92A30302MA2H7K3L1'))
    expect(!r.ok && r.message).toContain('第3到第8位')
  })

  test('an enterprise code is valid but not a 个体工商户 code', () => {
    const r = checkCreditCode('91350100M000100Y43')
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toContain('以“92”开头')
  })
})
