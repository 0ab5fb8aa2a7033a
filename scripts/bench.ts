import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildFunctions } from './build-functions'
import { startLocalCloud } from './local-cloud/server'
import type { Db } from '../cloudfunctions/common/ports'
import { concurrently, onboardOwners, pct, poster } from './bench-client'
import { benchAudience, benchFeed } from './bench-policy'
import { benchComplaint } from './bench-complaint'
import { benchRegister } from './bench-register'
import { benchSweep, countingDb, printSweep } from './bench-sweep'
import { benchWeapp } from './bench-weapp'
import { benchPeak } from './bench-peak'
import { benchMonitor } from './bench-monitor'
import { benchYearly } from './bench-yearly'
import { h5InitialJs, kb, weappPackages } from '../test/helpers/sizes'

/**
 * `npm run bench`: prints figures, never passes or fails on them.
 * - weapp main package and sub-package sizes, H5 initial JS, each function bundle
 * - every weapp page in the simulated WeChat (test/weapp): time to first setData, median and worst
 * - user.profile.get on the local cloud over HTTP: p50/p95/p99 under 50 concurrent callers,
 *   and database round trips per call; the same for user.affairs (我的办事)
 * - the reminder sweep over BENCH_OWNERS owners (default 1,000,000) with 1% due: time, DB
 *   calls, peak memory; the same sweep with nothing due; the same due count among 10× fewer owners
 * - policy.feed p50/p95 with 1,000 published policies and its DB round trips; counting one
 *   policy's audience over BENCH_OWNERS owners (time, peak memory)
 * - complaint.submit with a photo under 50 concurrent owners: p50/p95 of upload + submit, and
 *   of submit alone
 * - the peak days of #15 in the cloud model (scripts/bench-peak.ts): one `PEAK scenario=...` line
 *   each for annual-30jun, policy-250k and mixed. `npm run bench -- peak` runs only these.
 * - the 监测分析 dashboard at 100,000 households in the cloud model (scripts/bench-monitor.ts): one
 *   `MONITOR households=...` line. `npm run bench -- monitor` runs only this.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 50)
const REQUESTS = Number(process.env.BENCH_REQUESTS || 2000)

function build(label: string, args: string[], output: string) {
  if (existsSync(output) && process.env.BENCH_REBUILD !== '1') return
  console.log(`building ${label}…`)
  const r = spawnSync(resolve('node_modules/.bin/taro'), args, { stdio: 'ignore' })
  if (r.status !== 0) throw new Error(`${label} build failed`)
}


async function main() {
  if (process.argv[2] === 'monitor') {
    // `npm run bench -- monitor`: the 监测分析 dashboard at 100,000 households (BENCH_MONITOR_HOUSEHOLDS)
    await benchMonitor()
    return
  }
  if (process.argv[2] === 'yearly') {
    // `npm run bench -- yearly`: the 7月1日 分型 decision at BENCH_OWNERS (1,000,000) households
    await benchYearly()
    return
  }
  if (process.argv[2] === 'peak') {
    // `npm run bench -- peak [annual-30jun|policy-250k|mixed ...]`
    const names = process.argv.slice(3)
    await benchPeak(names.length ? (names as Parameters<typeof benchPeak>[0]) : undefined)
    return
  }
  build('weapp', ['build', '--type', 'weapp'], 'dist/weapp/app.json')
  build('H5', ['build', '--type', 'h5'], 'dist/h5/index.html')

  console.log('\n== sizes ==')
  const { main: mainBytes, subs } = weappPackages()
  console.log(`weapp main package        ${kb(mainBytes)}  (WeChat limit 2048 KB)`)
  for (const s of subs) console.log(`weapp sub-package ${s.root.padEnd(8)} ${kb(s.bytes)}`)
  const h5 = h5InitialJs()
  console.log(`H5 initial JS             ${kb(h5.raw)} raw, ${kb(h5.gzip)} gzip (${h5.files.length} files)`)
  const fns = await buildFunctions()
  for (const f of fns) console.log(`function ${f.name.padEnd(17)} ${kb(f.bytes)} (dist/cloudfunctions/${f.name}/index.js, minified)`)

  await benchWeapp()

  console.log(`\n== user.profile.get, ${REQUESTS} calls, ${CONCURRENCY} concurrent callers, local cloud over HTTP ==`)
  const dataDir = mkdtempSync(join(tmpdir(), 'getihu-bench-'))
  const cloud = await startLocalCloud({ dataDir, seed: true, log: { error: () => undefined, info: () => undefined } })
  const counter = countingDb(cloud.ports.db)
  ;(cloud.ports as { db: Db }).db = counter.db
  try {
    const post = poster(cloud.url)
    // 50 owners with profiles bound to a stall (the realistic, most expensive view): A-01 is held
    // by a demo owner, so its market lets the others bind beside them
    await post('demo-regulator', 'admin.market.sharing', { marketId: 'demo-market-1', allowShared: true })
    const owners = await onboardOwners(post, 'bench-owner', CONCURRENCY, () => ({ stallCode: 'DMA2K7', stallShare: true }))
    // warm-up, then one measured call for round trips
    for (const o of owners.slice(0, 5)) await post(o, 'user.profile.get', {})
    counter.reset()
    await post(owners[0], 'user.profile.get', {})
    const trips = counter.count()

    const { latencies, seconds: elapsed } = await concurrently(owners, REQUESTS, (o) => post(o, 'user.profile.get', {}))
    console.log(`p50 ${pct(latencies, 50).toFixed(1)} ms   p95 ${pct(latencies, 95).toFixed(1)} ms   p99 ${pct(latencies, 99).toFixed(1)} ms   max ${latencies[latencies.length - 1].toFixed(1)} ms`)
    console.log(`throughput ${(latencies.length / elapsed).toFixed(0)} calls/s   DB round trips per call: ${trips}`)
    console.log(`data folder after the run: ${kb(statSync(join(dataDir, 'db', 'owners.db')).size)} owners.db`)

    // 我的办事 is one call of seven reads, all at once (cloudfunctions/user/affairs.ts)
    console.log(`\n== user.affairs (我的办事), ${REQUESTS} calls, ${CONCURRENCY} concurrent callers ==`)
    await post(owners[0], 'user.affairs', {})
    counter.reset()
    await post(owners[0], 'user.affairs', {})
    const affairsTrips = counter.count()
    const affairs = await concurrently(owners, REQUESTS, (o) => post(o, 'user.affairs', {}))
    const al = affairs.latencies
    console.log(`p50 ${pct(al, 50).toFixed(1)} ms   p95 ${pct(al, 95).toFixed(1)} ms   p99 ${pct(al, 99).toFixed(1)} ms   DB calls per call: ${affairsTrips} (issued together)`)
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }

  // The reminder sweep: its cost must follow what is due, not how many owners there are.
  const owners = Number(process.env.BENCH_OWNERS || 1_000_000)
  console.log(`\n== reminder sweep (local store, on disk), 1% due ==`)
  printSweep(await benchSweep(owners, Math.round(owners / 100)))
  console.log(`== the same number due among 10× fewer owners ==`)
  printSweep(await benchSweep(Math.round(owners / 10), Math.round(owners / 100)))

  await benchComplaint(CONCURRENCY)

  await benchRegister(Number(process.env.BENCH_REGISTER_ROWS) || 100_000)

  console.log(`\n== policy ==`)
  await benchFeed(1000)
  await benchAudience(owners)

  await benchPeak()
  await benchMonitor()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
