import type { Collection, Db, Doc } from '../cloudfunctions/common/ports'

/**
 * A Db whose every collection call goes through `around` (benchmarks count calls with it, fault
 * tests crash calls with it). `run` performs the real call; `method` names it (add, find, ...).
 */
export function interceptDb(db: Db, around: (run: () => Promise<unknown>, method: string) => Promise<unknown>): Db {
  return {
    createCollection: (name) => around(() => db.createCollection(name), 'createCollection') as Promise<boolean>,
    collection<T extends Doc>(name: string): Collection<T> {
      const c = db.collection<T>(name)
      return new Proxy(c, {
        get(target, prop) {
          const fn = (target as unknown as Record<string | symbol, unknown>)[prop]
          if (typeof fn !== 'function') return fn
          return (...args: unknown[]) => around(() => (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args), String(prop))
        }
      })
    }
  }
}
