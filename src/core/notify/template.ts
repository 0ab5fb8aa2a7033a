/**
 * WeChat subscribe-message field limits (REFERENCE.md): values are cut to fit before sending,
 * because one over-long field fails the whole message with 47003.
 */
export type FieldType = 'thing' | 'number' | 'letter' | 'character_string' | 'phrase' | 'name' | 'phone_number' | 'date' | 'time'

const LIMITS: Partial<Record<FieldType, number>> = {
  thing: 20,
  number: 32,
  letter: 32,
  character_string: 32,
  phrase: 5,
  name: 10,
  phone_number: 17
}

/** Cuts a value to its field's limit (by characters, not bytes), marking the cut with …. */
export function fitField(type: FieldType, value: string): string {
  const limit = LIMITS[type]
  const chars = Array.from(value.replace(/\s+/g, ' ').trim())
  if (type === 'number') return chars.filter((c) => /[0-9.]/.test(c)).slice(0, 32).join('')
  if (type === 'phrase' || type === 'name') return chars.filter((c) => /[\u4e00-\u9fa5]/.test(c)).slice(0, limit).join('')
  if (!limit || chars.length <= limit) return chars.join('')
  return chars.slice(0, limit - 1).join('') + '…'
}

/** A template: field key (e.g. thing1) → type. The data sent is built and fitted from it. */
export type TemplateFields = Record<string, FieldType>

export function buildData(fields: TemplateFields, values: Record<string, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {}
  for (const [key, type] of Object.entries(fields)) out[key] = { value: fitField(type, values[key] ?? '') }
  return out
}

/**
 * The reminder template (证照/年报到期提醒): 事项名称, 到期日期, 温馨提示. Its id is configuration
 * (function env TMPL_REMINDER; the client gets it at login).
 */
export const REMINDER_TEMPLATE: TemplateFields = { thing1: 'thing', date2: 'date', thing3: 'thing' }
export const LOCAL_REMINDER_TEMPLATE_ID = 'local-reminder'

/** The policy template (新政策通知): 政策名称, 温馨提示. Id: function env TMPL_POLICY. */
export const POLICY_TEMPLATE: TemplateFields = { thing1: 'thing', thing2: 'thing' }
export const LOCAL_POLICY_TEMPLATE_ID = 'local-policy'
