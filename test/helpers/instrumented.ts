import type { Collection, Db, Doc, Ports } from '../../cloudfunctions/common/ports'
import { runScheduler } from '../../cloudfunctions/scheduler/run'

/** Counts every call by collection and method; `crash` throws at one chosen call, before or after it runs. */
export function instrumented(db: Db) {
  const counts = new Map<string, number>()
  let crash: { at: string; nth: number; after: boolean } | null = null
  let crashed = 0
  const wrapped: Db = {
    createCollection: (name) => db.createCollection(name),
    collection<T extends Doc>(name: string): Collection<T> {
      const c = db.collection<T>(name)
      return new Proxy(c, {
        get(target, prop) {
          const fn = (target as unknown as Record<string | symbol, unknown>)[prop]
          if (typeof fn !== 'function') return fn
          return async (...args: unknown[]) => {
            const key = `${name}.${String(prop)}`
            const n = (counts.get(key) ?? 0) + 1
            counts.set(key, n)
            const hit = crash && crash.at === key && crash.nth === n
            if (hit && !crash!.after) throw Object.assign(new Error(`crash before ${key}`), { crash: true })
            const r = await (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args)
            if (hit) {
              crashed++
              throw Object.assign(new Error(`crash after ${key}`), { crash: true })
            }
            return r
          }
        }
      })
    }
  }
  const sum = (prefixes: string[]) => [...counts].filter(([k]) => prefixes.some((p) => k.startsWith(p + '.'))).reduce((s, [, n]) => s + n, 0)
  return {
    db: wrapped,
    counts,
    sum,
    crashAt: (at: string, nth: number, after: boolean) => {
      counts.clear()
      crash = { at, nth, after }
    },
    crashed: () => crashed
  }
}

/** Runs the scheduler the way it runs itself: each run that continues starts the next, until done. */
export async function chain(ports: Ports) {
  let again = true
  let runs = 0
  const p: Ports = { ...ports, relaunch: async () => void (again = true) }
  while (again && runs < 100) {
    again = false
    runs++
    await runScheduler(p)
  }
  return runs
}

export async function all<T extends Doc>(ports: Ports, name: string): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await ports.db.collection<T>(name).find({}, { orderBy: [['_id', 'asc']], skip, limit: 1000 })
    out.push(...page)
    if (page.length < 1000) return out
  }
}

