import { defineFunction } from '../common/router'
import { runSweeps } from '../common/sweep'
import { SWEEPS } from './sweeps'

/** Kept well under the function timeout in config.json (60 s), so a run ends on its own terms. */
export const SWEEP_BUDGET_MS = 40_000

export default defineFunction('scheduler', {}, async (ports) => ({
  sweeps: await runSweeps(SWEEPS, ports, SWEEP_BUDGET_MS)
}))
