import { AsyncLocalStorage } from 'node:async_hooks'
import type { Db, Push, PushMessage, PushResult } from '../cloudfunctions/common/ports'

/**
 * A model of the WeChat cloud for the peak bench (`npm run bench -- peak`), over the local store.
 *
 * Time is VIRTUAL: each database call costs `roundTripMs` and each subscribe send `sendMs` of the
 * model's clock, not of the wall clock. The real call runs at once against the local store; its
 * answer is handed back when the model's clock reaches issue time + latency. The clock only moves
 * when every piece of code has nothing left to do but wait for such an answer (a discrete-event
 * simulation), so lanes that wait together (Promise.all, a pool of sends) cost the longest lane,
 * and calls made one after another cost their sum. That is what lets 1,000,000 owners run in
 * minutes on two cores while the figures are those of the cloud's latencies.
 *
 * Not modelled: CPU time inside a function (the model charges only round trips and sends), and
 * anything a function awaits that is not a port of the model (it would not move the clock).
 */
export const CLOUD = {
  /** one database round trip from a cloud function */
  roundTripMs: 10,
  /** one subscribeMessage.send */
  sendMs: 20,
  /** documents one query returns at most (云函数端 limit: default 100 in our port, at most 1000) */
  maxDocs: 1000,
  /** a function run is stopped after this long (cloudfunctions/scheduler/config.json: timeout 60) */
  runLimitMs: 60_000,
  /**
   * An aggregation (countGroups / countDistinct) reads every document it matches inside the
   * database: OUR ASSUMPTION of 3 ms per 1,000 matched documents on top of the round trip (a
   * MongoDB-class store groups a few hundred thousand indexed documents a second). Not measured
   * against CloudBase; plain counts are charged the round trip only (answered from the index).
   */
  aggregateMsPer1000: 3
}
export type CloudModelOptions = typeof CLOUD

/** One function run: its time limit, whether the platform has stopped it, what it cost. */
export interface RunContext {
  name: string
  startedAt: number
  deadline: number
  /** the platform stopped it at `deadline`: its calls after that never answer */
  killed: boolean
  finished: boolean
  endedAt: number | null
  trips: number
  /** round trips that wrote (add, set, update...): a run that writes nothing found nothing to do */
  writes: number
  sends: number
}

export type RunOutcome<T> =
  | { status: 'ok'; value: T; run: RunContext }
  | { status: 'error'; error: unknown; run: RunContext }
  | { status: 'timedOut'; run: RunContext }

interface Wake {
  at: number
  seq: number
  run: RunContext | null
  fire: () => void
}

const NEVER = new Promise<never>(() => undefined)

/**
 * The model's clock and event queue. `until(t)` waits for virtual time t; `real(work)` runs real
 * work (the local store) during which the clock stands still.
 */
export class VirtualClock {
  private t: number
  private heap: Wake[] = []
  private seq = 0
  private inflight = 0
  private pending = false
  private realDateNow: (() => number) | null = null
  /** the function run the current code belongs to (AsyncLocalStorage follows it through awaits) */
  readonly runs = new AsyncLocalStorage<RunContext>()
  /** runs started and not yet ended */
  readonly active = new Set<RunContext>()

  constructor(start: Date | number) {
    this.t = typeof start === 'number' ? start : start.getTime()
  }

  now(): number {
    return this.t
  }

  date(): Date {
    return new Date(this.t)
  }

  /** Resolves when the clock reaches `at`; never, if the calling run is stopped first. */
  until(at: number): Promise<void> {
    const run = this.runs.getStore() ?? null
    if (run?.killed) return NEVER
    return new Promise<void>((resolve) => this.push({ at, run, fire: resolve }))
  }

  sleep(ms: number): Promise<void> {
    return this.until(this.t + ms)
  }

  /** Calls `fn` when the clock reaches `at` (outside any run). */
  at(at: number, fn: () => void): void {
    this.push({ at, run: null, fire: fn })
  }

  /** Real work (the local store answering): the clock does not move until it is done. */
  async real<T>(work: () => Promise<T>): Promise<T> {
    this.inflight++
    try {
      return await work()
    } finally {
      this.inflight--
      this.kick()
    }
  }

  /**
   * Runs `body` as one function run with a time limit: at `startedAt + limitMs` the platform
   * stops it (what it has already sent to the database stays done; answers due later never come).
   */
  run<T>(name: string, limitMs: number, body: () => Promise<T>): Promise<RunOutcome<T>> {
    const run: RunContext = { name, startedAt: this.t, deadline: this.t + limitMs, killed: false, finished: false, endedAt: null, trips: 0, writes: 0, sends: 0 }
    this.active.add(run)
    return new Promise((resolve) => {
      this.at(run.deadline, () => {
        if (run.finished || run.killed) return
        run.killed = true
        run.endedAt = run.deadline
        this.active.delete(run)
        resolve({ status: 'timedOut', run })
      })
      const end = (outcome: RunOutcome<T>) => {
        if (run.killed) return
        run.finished = true
        run.endedAt = this.t
        this.active.delete(run)
        resolve(outcome)
      }
      this.runs.run(run, async () => body()).then(
        (value) => end({ status: 'ok', value, run }),
        (error) => end({ status: 'error', error, run })
      )
    })
  }

  /** Freezes every run still going (their promises never settle): the bench is done with them. */
  freezeAll(): void {
    for (const run of this.active) run.killed = true
    this.active.clear()
  }

  /** The run the calling code belongs to, if any. */
  current(): RunContext | null {
    return this.runs.getStore() ?? null
  }

  /** Date.now() reads the model's clock (code that budgets its run by Date.now sees model time). */
  install(): void {
    if (this.realDateNow) return
    this.realDateNow = Date.now
    Date.now = () => this.t
  }

  uninstall(): void {
    if (!this.realDateNow) return
    Date.now = this.realDateNow
    this.realDateNow = null
  }

  /** How many wakes are waiting (tests). */
  get waiting(): number {
    return this.heap.length
  }

  private push(w: Omit<Wake, 'seq'>) {
    const wake: Wake = { ...w, at: Math.max(w.at, this.t), seq: this.seq++ }
    const h = this.heap
    h.push(wake)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!before(h[i], h[p])) break
      ;[h[i], h[p]] = [h[p], h[i]]
      i = p
    }
    this.kick()
  }

  private pop(): Wake | undefined {
    const h = this.heap
    if (!h.length) return undefined
    const top = h[0]
    const last = h.pop()!
    if (h.length) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && before(h[l], h[m])) m = l
        if (r < h.length && before(h[r], h[m])) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m], h[i]]
        i = m
      }
    }
    return top
  }

  // setImmediate runs after every pending microtask: code resumed by the last wake has either
  // started its next call (real work in flight) or is waiting on the clock
  private kick() {
    if (this.pending) return
    this.pending = true
    setImmediate(() => {
      this.pending = false
      this.step()
    })
  }

  private step() {
    if (this.inflight > 0 || !this.heap.length) return
    const first = this.pop()!
    this.t = Math.max(this.t, first.at)
    const due = [first]
    while (this.heap.length && this.heap[0].at <= this.t) due.push(this.pop()!)
    for (const w of due) if (!w.run?.killed) w.fire()
    this.kick()
  }
}

const before = (a: Wake, b: Wake) => a.at < b.at || (a.at === b.at && a.seq < b.seq)

/** One database call as the model saw it (for the bench's records). */
export interface ModelCall {
  collection: string | null
  method: string
  args: unknown[]
  result: unknown
  failed: boolean
  /** model time the answer reaches the function */
  at: number
  /** model time the call was made */
  issued: number
  run: RunContext | null
  phone: boolean
}

/** Methods that only read; every other method of a collection counts as a write. */
const READS = new Set(['get', 'find', 'count'])
export const isWrite = (method: string) => !READS.has(method) && !method.startsWith('find') && !method.startsWith('get') && !method.startsWith('count')

/**
 * Which part of the work a call serves: the phone message (quota, daily cap, the send's state) or
 * the in-app part (everything else). By collection (quota*, push*) and, for updates, by what they
 * write (only push* fields: the phone message's state on an inbox entry).
 */
export function isPhoneCall(collection: string | null, method: string, args: unknown[]): boolean {
  if (collection && /^(quota|push)/i.test(collection)) return true
  if (method === 'update' || method === 'updateWhere') {
    const data = args[1]
    if (data && typeof data === 'object') {
      const keys = Object.keys(data)
      return keys.length > 0 && keys.every((k) => k.startsWith('push'))
    }
  }
  return false
}

/** Documents an aggregation matched: the sum of its groups' counts (countDistinct: the groups, at least). */
function aggregateScanned(method: string, result: unknown): number {
  if (method === 'countGroups' && Array.isArray(result)) return result.reduce((s: number, g: { count?: number }) => s + (g.count ?? 0), 0)
  if (method === 'countDistinct' && typeof result === 'number') return result
  return 0
}

/**
 * Latency, the query cap and the run limit around the Db and Push ports, with counts. Every
 * method of a collection (and of the Db besides `collection`) is one round trip, so methods a
 * later version adds (a bulk add, say) are charged without changes here.
 */
export class CloudModel {
  trips = 0
  phoneTrips = 0
  writes = 0
  sends = 0
  readonly byOp = new Map<string, number>()
  /** every call, once its answer is known (writes executed by a run stopped later included) */
  onCall: ((call: ModelCall) => void) | null = null
  onSend: ((msg: PushMessage, result: PushResult, at: number) => void) | null = null

  constructor(
    readonly clock: VirtualClock,
    readonly options: CloudModelOptions = CLOUD
  ) {}

  resetCounts() {
    this.trips = this.phoneTrips = this.writes = this.sends = 0
    this.byOp.clear()
  }

  db(inner: Db): Db {
    return new Proxy(inner, {
      get: (target, prop) => {
        const value = (target as unknown as Record<string | symbol, unknown>)[prop]
        if (typeof value !== 'function') return value
        if (prop === 'collection') {
          return (name: string) => this.collection(name, target.collection(name) as unknown as Record<string | symbol, unknown>)
        }
        return (...args: unknown[]) => this.call(null, String(prop), args, (a) => (value as (...x: unknown[]) => Promise<unknown>).apply(target, a))
      }
    })
  }

  push(inner: Push): Push {
    return {
      send: async (msg: PushMessage): Promise<PushResult> => {
        const run = this.clock.current()
        if (run?.killed) return NEVER
        const issued = this.clock.now()
        this.sends++
        if (run) run.sends++
        const result = await this.clock.real(() => inner.send(msg))
        this.onSend?.(msg, result, issued + this.options.sendMs)
        await this.clock.until(issued + this.options.sendMs)
        return result
      }
      // no observe: the cloud has no outbox (the local one would be a database write per message)
    }
  }

  private collection(name: string, inner: Record<string | symbol, unknown>) {
    return new Proxy(inner, {
      get: (target, prop) => {
        const value = target[prop]
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => this.call(name, String(prop), args, (a) => (value as (...x: unknown[]) => Promise<unknown>).apply(target, a))
      }
    })
  }

  private async call(collection: string | null, method: string, args: unknown[], exec: (args: unknown[]) => Promise<unknown>): Promise<unknown> {
    const run = this.clock.current()
    // a stopped run's later calls never reach the database
    if (run?.killed) return NEVER
    const query = method.startsWith('find')
    if (query) {
      const opts = (args[1] ?? {}) as { limit?: number }
      args = [args[0], { ...opts, limit: Math.min(opts.limit ?? 100, this.options.maxDocs) }, ...args.slice(2)]
    }
    const issued = this.clock.now()
    const write = isWrite(method)
    const phone = isPhoneCall(collection, method, args)
    this.trips++
    if (phone) this.phoneTrips++
    if (write) this.writes++
    if (run) {
      run.trips++
      if (write) run.writes++
    }
    const key = `${collection ?? 'db'}.${method}`
    this.byOp.set(key, (this.byOp.get(key) ?? 0) + 1)
    let result: unknown
    let error: unknown
    let failed = false
    try {
      result = await this.clock.real(() => exec(args))
      if (query && Array.isArray(result) && result.length > this.options.maxDocs) result = result.slice(0, this.options.maxDocs)
    } catch (err) {
      failed = true
      error = err
    }
    // an aggregation's own work grows with what it groups (see CLOUD.aggregateMsPer1000)
    const scanned = !failed && (method === 'countGroups' || method === 'countDistinct') ? aggregateScanned(method, result) : 0
    const at = issued + this.options.roundTripMs + Math.ceil((scanned / 1000) * (this.options.aggregateMsPer1000 ?? 0))
    this.onCall?.({ collection, method, args, result, failed, at, issued, run, phone })
    await this.clock.until(at)
    if (failed) throw error
    return result
  }
}
