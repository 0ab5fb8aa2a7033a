import { defineFunction } from '../common/router'
import { runScheduler } from './run'

export { SWEEP_BUDGET_MS } from './run'

export default defineFunction('scheduler', {}, async (ports) => runScheduler(ports))
