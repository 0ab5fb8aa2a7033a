import { DuplicateKeyError } from '../common/errors'
import { cmd, type Doc, type Ports } from '../common/ports'
import { runSweeps, type RunOptions, type Sweep, type SweepReport } from '../common/sweep'
import { SWEEPS } from './sweeps'

/**
 * A run's share of the function's 60 s timeout (config.json): the last page started before it
 * ends (a page of 1,000 owners takes well under a second at cloud latencies), then the run hands
 * over to the next, with room left for that call.
 */
export const SWEEP_BUDGET_MS = 50_000
/** A run holds the scheduler this long at most: a run that crashed frees it for the timer after that. */
export const RUN_LEASE_MS = 70_000
const RUN_ID = 'scheduler-run'

interface RunDoc extends Doc {
  until: string
}

export interface SchedulerResult {
  sweeps: SweepReport[]
  /** work is left and this run made progress: the next run should start at once */
  more: boolean
  /** it did: the run started the next one (ports.relaunch) */
  continued: boolean
  /** another run was going: this one did nothing (the timer fired during a chain of runs) */
  busy?: boolean
}

/**
 * One run of the scheduler: the timer (every 5 minutes) or the run before it starts it. One run
 * goes at a time (a lease in `meta`), so the timer firing during a long peak does not add a second
 * chain of runs; the concurrency is inside a run (the pool of sends). A run that ends with work
 * left and has made progress starts the next at once (`ports.relaunch`: callFunction in the
 * cloud, the local cloud's trigger locally) instead of leaving it to the timer 5 minutes later.
 * The bench drives this function directly (budget and clock injectable).
 */
export async function runScheduler(ports: Ports, opts: RunOptions & { budgetMs?: number; sweeps?: Sweep[] } = {}): Promise<SchedulerResult> {
  const meta = ports.db.collection<RunDoc>('meta')
  const now = ports.clock.now()
  const until = new Date(now.getTime() + RUN_LEASE_MS).toISOString()
  let held = (await meta.updateWhere({ _id: RUN_ID, until: cmd.lt(now.toISOString()) }, { until })) === 1
  if (!held) {
    try {
      await meta.add({ _id: RUN_ID, until })
      held = true
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err
    }
  }
  if (!held) return { sweeps: [], more: false, continued: false, busy: true }
  let sweeps: SweepReport[] = []
  try {
    sweeps = await runSweeps(opts.sweeps ?? SWEEPS, ports, opts.budgetMs ?? SWEEP_BUDGET_MS, opts)
  } finally {
    // released before the next run starts, so it can take over at once
    await meta.updateWhere({ _id: RUN_ID, until }, { until: '' })
  }
  // keep going only while it helps: a sweep that keeps failing waits for the timer
  const more = sweeps.some((s) => s.handled > 0) && sweeps.some((s) => s.more)
  const continued = more && !!ports.relaunch
  if (continued) await ports.relaunch!('scheduler')
  return { sweeps, more, continued }
}
