// Rules only, no zod: the staff markets page imports this without the validation library.

/** "A-" from 1 to 12 → A-01 … A-12: stalls are usually numbered in runs (at most 200 at once). */
export function stallNumbers(prefix: string, from: number, to: number): string[] {
  const width = Math.max(2, String(to).length)
  const out: string[] = []
  for (let n = from; n <= to && out.length < 200; n++) out.push(`${prefix}${String(n).padStart(width, '0')}`)
  return out
}

/**
 * What is wrong with a run of stall numbers as typed, in words for the regulator (shown under the
 * run); null when it is fine. The same limits as the contract's 摊位号 (admin/contract.ts).
 */
export function rangeProblem(prefix: string, from: string, to: string): string | null {
  if (!/^[0-9A-Za-z\u4e00-\u9fa5-]{0,8}$/.test(prefix.trim())) return '编号前缀只能含字母、数字、汉字和“-”，最多8个字'
  if (!/^\d{1,4}$/.test(from.trim()) || !/^\d{1,4}$/.test(to.trim())) return '请填写起止编号（数字）'
  const a = Number(from)
  const b = Number(to)
  if (a < 1) return '编号从1开始'
  if (b < a) return '结束编号不能小于开始编号'
  if (b - a >= 200) return '一次最多添加200个摊位'
  return null
}
