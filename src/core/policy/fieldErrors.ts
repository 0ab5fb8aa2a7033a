// Pure and zod-free: the staff policy editor imports it, a unit test checks it.

/** The form field each server path belongs to, so its message shows next to that field. */
const FIELD_OF: Record<string, string> = {
  'summary.what': 'what',
  'summary.who': 'who',
  'summary.how': 'how',
  'summary.where': 'where',
  'source.document': 'document',
  'source.number': 'number',
  'source.clause': 'clause'
}

/** zod's words for a list are for developers; next to a condition the regulator reads what to do. */
const conditionMessage = (m: string) => (/^至少选择 1 项$/.test(m) ? '请至少选一项' : m)

/**
 * The server's field details as messages next to the fields: "conditions.1.value：至少选择 1 项"
 * becomes "第2个条件：请至少选一项" under that condition.
 */
export function staffFieldErrors(details: ReadonlyArray<{ path: string; message: string }>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const d of details) {
    const cond = /^conditions\.(\d+)/.exec(d.path)
    const online = /^act\.online\.(\d+)\.(name|url)/.exec(d.path)
    const key = cond ? `conditions.${cond[1]}` : online ? `online.${online[1]}` : d.path.startsWith('act.materials') ? 'materials' : (FIELD_OF[d.path] ?? d.path.split('.')[0])
    const message = cond ? `第${Number(cond[1]) + 1}个条件：${conditionMessage(d.message)}` : online ? `第${Number(online[1]) + 1}个网上入口${online[2] === 'url' ? '的网址' : '的名称'}：${d.message}` : d.message
    if (!out[key]) out[key] = message
  }
  return out
}

