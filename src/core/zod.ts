import { z } from 'zod'

/**
 * The one place zod is configured. Every contract imports `z` from here so that:
 * - `jitless` is on before any schema is built: a mini-program forbids eval/new Function,
 *   which zod's JIT object parser would otherwise use;
 * - validation messages are plain Chinese for the owner, not zod's English defaults.
 */
z.config({ jitless: true, customError: chineseMessage })

function chineseMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return '此项必填'
  switch (issue.code) {
    case 'invalid_type':
      return '格式不对'
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '此项必填' : `至少 ${issue.minimum} 个字`
      if (issue.origin === 'array') return `至少选择 ${issue.minimum} 项`
      return `不能小于 ${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'string') return `最多 ${issue.maximum} 个字`
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`
      return `不能大于 ${issue.maximum}`
    case 'invalid_format':
      return '格式不对'
    case 'invalid_value':
      return '不是可选的值'
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`
    case 'invalid_union':
      return '格式不对'
    case 'not_multiple_of':
      return '数值不对'
    case 'invalid_key':
      return '字段名格式不对'
    case 'invalid_element':
      return '列表中有格式不对的项'
    default:
      // never fall through to zod's English: the owner reads this
      return '格式不对'
  }
}

/** A bounded, trimmed single-line text. Every string in a contract has an upper bound. */
export const text = (max: number, min = 1) => z.string().trim().min(min).max(max)

/** A calendar date written as YYYY-MM-DD (China date, no time). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number)
    const dt = new Date(Date.UTC(y, m - 1, d))
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
  }, '没有这一天')

/** Ids are opaque strings from the store; bounded and limited to safe characters. */
export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不对')

export { z }
