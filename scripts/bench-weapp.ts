import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { testCloud } from '../test/helpers/cloud'
import { pageCases } from '../test/weapp/pages'
import { WeappSim } from '../test/weapp/sim'
import { pct } from './bench-client'

/**
 * Time to first setData for every page of dist/weapp in the simulated WeChat logic layer
 * (test/weapp/sim.ts) against the local cloud: from Page creation (onLoad) to the first data the
 * view layer would draw. `RUNS` openings per page; the first opening of a page includes loading
 * its sub-package's code, as on a phone.
 */
export async function benchWeapp(runs = 5) {
  const dataDir = mkdtempSync(join(tmpdir(), 'getihu-bench-weapp-'))
  const cloud = await testCloud({ dataDir })
  try {
    const cases = await pageCases(cloud)
    const all: number[] = []
    const rows: Array<{ route: string; median: number; worst: number; loaded: number }> = []
    for (const c of cases) {
      const times: number[] = []
      const loaded: number[] = []
      for (let i = 0; i < runs; i++) {
        const sim = new WeappSim({ root: resolve('dist/weapp'), cloudUrl: cloud.url, openid: c.as })
        try {
          const t0 = performance.now()
          await sim.launch(`/${c.route}${c.query ? `?${c.query()}` : ''}`)
          // launch returns once the page is idle: its data calls answered and drawn (less the idle wait)
          loaded.push(performance.now() - t0 - sim.idleWaitMs)
          if (sim.errors.length) throw new Error(`${c.route}: ${sim.errors[0]}`)
          times.push(sim.page.firstSetDataMs ?? NaN)
        } finally {
          sim.close()
        }
      }
      times.sort((a, b) => a - b)
      all.push(...times)
      rows.push({ route: c.route, median: pct(times, 50), worst: times[times.length - 1], loaded: pct(loaded.sort((a, b) => a - b), 50) })
    }
    console.log(`\n== weapp in the simulated WeChat: time to first setData, ${runs} openings per page ==`)
    for (const r of rows) console.log(`${r.route.padEnd(34)} median ${r.median.toFixed(1).padStart(6)} ms  worst ${r.worst.toFixed(1).padStart(6)} ms   data shown (median) ${r.loaded.toFixed(0).padStart(4)} ms`)
    const slowest = rows.reduce((a, b) => (b.worst > a.worst ? b : a))
    console.log(`all ${rows.length} pages: median ${pct(all.sort((a, b) => a - b), 50).toFixed(1)} ms, worst ${slowest.worst.toFixed(1)} ms (${slowest.route})`)
  } finally {
    await cloud.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
