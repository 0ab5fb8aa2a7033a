import { Cron } from 'croner'

/**
 * WeChat timer triggers use a 7-field cron (second minute hour day month weekday year),
 * evaluated in UTC+8. Croner takes the first six; the year field is checked at fire time.
 */
export function parseWeChatCron(expr: string): { sixField: string; yearMatches: (year: number) => boolean } {
  const fields = expr.trim().split(/\s+/)
  if (fields.length !== 7) throw new Error(`timer "${expr}": WeChat cron needs 7 fields, got ${fields.length}`)
  const year = fields[6]
  return { sixField: fields.slice(0, 6).join(' '), yearMatches: (y) => matchesField(year, y) }
}

function matchesField(field: string, value: number): boolean {
  return field.split(',').some((part) => {
    if (part === '*') return true
    const [range, stepText] = part.split('/')
    const step = stepText ? Number(stepText) : 1
    const [lo, hi] = range === '*' ? [-Infinity, Infinity] : range.includes('-') ? range.split('-').map(Number) : [Number(range), stepText ? Infinity : Number(range)]
    return value >= lo && value <= hi && (lo === -Infinity ? value % step === 0 : (value - lo) % step === 0)
  })
}

export interface TimerSpec {
  fn: string
  name: string
  config: string
}

/** Runs each trigger on its schedule; `fire` is the same path as POST /api/local/trigger. */
export function startTimers(specs: TimerSpec[], fire: (spec: TimerSpec) => Promise<unknown>, onError: (spec: TimerSpec, err: unknown) => void) {
  const jobs = specs.map((spec) => {
    const { sixField, yearMatches } = parseWeChatCron(spec.config)
    return new Cron(sixField, { timezone: 'Asia/Shanghai', protect: true }, async () => {
      const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()))
      if (!yearMatches(year)) return
      try {
        await fire(spec)
      } catch (err) {
        onError(spec, err)
      }
    })
  })
  return { stop: () => jobs.forEach((j) => j.stop()), jobs }
}
