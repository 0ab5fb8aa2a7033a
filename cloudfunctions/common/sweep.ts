import type { Ports } from './ports'

/**
 * A due sweep (ARCHITECTURE.md, "Scheduling"): handles documents whose `dueAt <= now`, a page
 * of at most 100 at a time, and stops when `deadline` (epoch ms) has passed. What it does not
 * reach is still due at the next run. Features register theirs in scheduler/sweeps.ts.
 */
export interface Sweep {
  name: string
  /** one page; returns how many items it handled and whether more are due */
  page(ports: Ports, now: Date): Promise<{ handled: number; more: boolean }>
}

export interface SweepReport {
  name: string
  handled: number
  pages: number
  /** true if the run ended with work still due (picked up by the next run) */
  more: boolean
}

export async function runSweeps(sweeps: Sweep[], ports: Ports, budgetMs: number): Promise<SweepReport[]> {
  const start = Date.now()
  const deadline = start + budgetMs
  const reports: SweepReport[] = []
  for (const sweep of sweeps) {
    const report: SweepReport = { name: sweep.name, handled: 0, pages: 0, more: true }
    while (report.more && Date.now() < deadline) {
      try {
        const r = await sweep.page(ports, ports.clock.now())
        report.handled += r.handled
        report.pages++
        report.more = r.more
      } catch (err) {
        // One failing sweep must not starve the others; its items stay due.
        ports.log.error(`[scheduler] sweep ${sweep.name} failed`, err)
        break
      }
    }
    reports.push(report)
  }
  return reports
}

