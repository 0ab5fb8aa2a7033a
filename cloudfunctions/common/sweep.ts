import type { Ports } from './ports'

/**
 * A due sweep (ARCHITECTURE.md, "Scheduling"): handles documents whose `dueAt <= now`, a page
 * at a time (up to 1,000 items for the per-owner sweeps), and tells whether more are due. What a
 * run does not reach is still due at the next run. Features register theirs in scheduler/sweeps.ts.
 */
export interface Sweep {
  name: string
  /** one page; returns how many items it handled and whether more are due */
  page(ports: Ports, now: Date): Promise<{ handled: number; more: boolean }>
  /** a deadline with legal weight (诉求 time limits): first in every round */
  legal?: boolean
}

export interface SweepReport {
  name: string
  handled: number
  pages: number
  /** true if the run ended with work still due (picked up by the next run) */
  more: boolean
  /** ms from the start of the run to this sweep's first page (how long it waited its turn) */
  firstPageAfterMs: number | null
  /** ms of the run this sweep used */
  usedMs: number
  /** the sweep failed this run (logged); its items stay due */
  failed?: boolean
}

/**
 * Each sweep's turn in a round: it runs pages until this much of the run has gone to it, then
 * the next sweep with work has its turn. Our setting: a page of 1,000 owners takes well under a
 * second at the cloud's latencies, so a turn is several pages, and a round over six busy sweeps
 * still comes back to the first (legal deadlines) within half a minute.
 */
export const TURN_MS = 5_000

export interface RunOptions {
  /** the run's clock in ms (default: the ports' clock), so a model of the cloud can run it on simulated time */
  elapsed?: () => number
  turnMs?: number
}

/**
 * Runs the sweeps for at most `budgetMs`, sharing the time fairly: round by round, every sweep
 * with work left gets a turn of up to `turnMs` (legal deadlines first in each round), so no sweep
 * waits behind another's backlog, however large. A sweep that throws loses the rest of this run
 * (its items stay due); the others go on.
 */
export async function runSweeps(sweeps: Sweep[], ports: Ports, budgetMs: number, opts: RunOptions = {}): Promise<SweepReport[]> {
  const clock = opts.elapsed ?? (() => ports.clock.now().getTime())
  const turnMs = opts.turnMs ?? TURN_MS
  const start = clock()
  const deadline = start + budgetMs
  const ordered = [...sweeps.filter((s) => s.legal), ...sweeps.filter((s) => !s.legal)]
  const reports = new Map(ordered.map((s) => [s, { name: s.name, handled: 0, pages: 0, more: true, firstPageAfterMs: null, usedMs: 0 } as SweepReport]))
  let active = ordered
  while (active.length && clock() < deadline) {
    for (const sweep of active) {
      const report = reports.get(sweep)!
      const turnStart = clock()
      if (turnStart >= deadline) break
      const turnEnd = Math.min(deadline, turnStart + turnMs)
      report.firstPageAfterMs ??= turnStart - start
      do {
        try {
          const r = await sweep.page(ports, ports.clock.now())
          report.handled += r.handled
          report.pages++
          report.more = r.more
        } catch (err) {
          // One failing sweep must not starve the others; its items stay due.
          ports.log.error(`[scheduler] sweep ${sweep.name} failed`, err)
          report.failed = true
          break
        }
      } while (report.more && clock() < turnEnd)
      report.usedMs += clock() - turnStart
    }
    active = active.filter((s) => {
      const r = reports.get(s)!
      return r.more && !r.failed
    })
  }
  return ordered.map((s) => reports.get(s)!)
}
