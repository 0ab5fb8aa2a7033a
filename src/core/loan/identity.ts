/** 居民身份证号码 check character per GB 11643: weights 2^(17-i) mod 11, check "10X98765432". */
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function checkIdNumber(input: string): { ok: true; value: string } | { ok: false; message: string } {
  const v = input.replace(/\s/g, '').toUpperCase()
  if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, message: '身份证号应为18位（最后一位可能是X）' }
  const sum = W.reduce((s, w, i) => s + w * Number(v[i]), 0)
  if (CHECK[sum % 11] !== v[17]) return { ok: false, message: '身份证号最后一位校验不对，请核对' }
  return { ok: true, value: v }
}

export const idCheckChar = (first17: string) => CHECK[W.reduce((s, w, i) => s + w * Number(first17[i]), 0) % 11]

/** Staff views show only what they need to recognise a record (个人信息保护法 Art. 51). */
export const maskPhone = (p: string) => (p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****')
export const maskId = (id: string) => (id.length === 18 ? `${id.slice(0, 4)}**********${id.slice(-4)}` : '****')
