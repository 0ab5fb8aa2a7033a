import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalDb } from '../cloudfunctions/common/adapters/local/db'
import type { Db } from '../cloudfunctions/common/ports'
import { audienceWhere } from '../cloudfunctions/policy/audience'
import { bumpVersion, newPolicyDoc } from '../cloudfunctions/policy/store'
import { POLICY_LIBRARY } from '../src/core/policy/library'
import type { Condition } from '../src/core/policy/rules'
import { INDUSTRIES, OWNER_GROUPS, REVENUE_BANDS } from '../src/core/user/options'
import { startLocalCloud } from './local-cloud/server'
import { concurrently, onboardOwners, pct, poster } from './bench-client'
import { countingDb } from './bench-sweep'

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`
const REGIONS = ['330302', '330304', '620702', '420102', '370102']

/** More policies like the library's, so the feed matches against `total` published policies. */
async function addPolicies(db: LocalDb, total: number) {
  const at = new Date().toISOString()
  const docs = Array.from({ length: Math.max(0, total - POLICY_LIBRARY.length) }, (_, i) => {
    const { id: _id, ...base } = POLICY_LIBRARY[i % POLICY_LIBRARY.length]
    const publishedAt = new Date(Date.parse('2024-01-01') + i * 3600_000).toISOString()
    return { _id: `bench-${i}`, ...newPolicyDoc({ ...base, title: `${base.title}（${i}）` }, 'published', 'bench', at, publishedAt) }
  })
  await db.insertMany('policies', docs as never)
  await bumpVersion(db)
}

export async function benchFeed(policies = 1000, concurrency = 50, requests = 2000) {
  const dataDir = mkdtempSync(join(tmpdir(), 'getihu-feed-'))
  const cloud = await startLocalCloud({ dataDir, seed: true, log: { error: () => undefined, info: () => undefined } })
  try {
    await addPolicies(cloud.ports.db as LocalDb, policies)
    const counter = countingDb(cloud.ports.db)
    ;(cloud.ports as { db: Db }).db = counter.db
    const post = poster(cloud.url)
    const owners = await onboardOwners(post, 'feed-owner', concurrency, (i) => ({
      industry: Object.keys(INDUSTRIES)[i % 10],
      region: REGIONS[i % REGIONS.length],
      socialInsurance: i % 3 === 0,
      revenueBand: 'lt10w',
      groups: i % 4 === 0 ? ['veteran'] : []
    }))
    await post(owners[0], 'policy.feed', {}) // warm: loads the published list into the cache
    counter.reset()
    await post(owners[1], 'policy.feed', {})
    const trips = counter.count()
    const { latencies } = await concurrently(owners, requests, (o) => post(o, 'policy.feed', {}))
    console.log(
      `policy.feed, ${policies} published policies, ${requests} calls, ${concurrency} concurrent: p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms; DB round trips per call: ${trips} (warm cache)`
    )
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Counts the audience of policies over `owners` seeded owners in the local store. */
export async function benchAudience(owners = 1_000_000) {
  const dir = mkdtempSync(join(tmpdir(), 'getihu-audience-'))
  const db = new LocalDb(dir)
  const at = new Date().toISOString()
  const groups = Object.keys(OWNER_GROUPS)
  const bands = Object.keys(REVENUE_BANDS)
  const industries = Object.keys(INDUSTRIES)
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const t0 = performance.now()
  for (let start = 0; start < owners; start += 50_000) {
    const docs = []
    for (let i = start; i < Math.min(owners, start + 50_000); i++) {
      docs.push({
        _id: `o${String(i).padStart(7, '0')}`,
        profile: {
          businessName: `第${i}号`,
          region: REGIONS[i % REGIONS.length],
          industry: industries[i % industries.length],
          openedOn: `20${10 + (i % 16)}-0${1 + (i % 9)}-15`,
          employees: i % 12,
          revenueBand: bands[i % bands.length],
          taxPaid: i % 2 === 0,
          socialInsurance: i % 3 === 0,
          groups: i % 7 === 0 ? [groups[i % groups.length]] : [],
          graduationYear: i % 7 === 0 ? 2024 : null
        },
        classType: ['survival', 'growth', 'development'][i % 3],
        settings: { careMode: false, personalized: i % 20 !== 0 },
        consents: {},
        createdAt: at,
        updatedAt: at
      })
    }
    await db.insertMany('owners', docs)
  }
  const seedSeconds = (performance.now() - t0) / 1000
  const today = '2026-11-21'
  const cases: Array<[string, Condition[]]> = [
    ['一次性创业补贴（甘州：地区+人员类别+经营满1年）', POLICY_LIBRARY.find((p) => p.id === 'gz-05-startup-subsidy')!.conditions],
    ['稳岗返还（有雇员+参加社保）', POLICY_LIBRARY.find((p) => p.id === 'sm-3-4-job-retention-refund')!.conditions],
    ['无条件（全部开启推荐的个体户）', []]
  ]
  for (const [name, conditions] of cases) {
    const { where } = audienceWhere(conditions, today)
    const t = performance.now()
    const n = await db.collection('owners').count(where)
    console.log(`audience of ${name}: ${n.toLocaleString('en')} of ${owners.toLocaleString('en')} owners, counted in ${(performance.now() - t).toFixed(0)} ms (1 DB call)`)
  }
  clearInterval(sampler)
  console.log(`(seeding ${owners.toLocaleString('en')} owners took ${seedSeconds.toFixed(0)} s; peak RSS ${mb(peak)})`)
  rmSync(dir, { recursive: true, force: true })
}

if (require.main === module) {
  ;(async () => {
    await benchFeed()
    await benchAudience(Number(process.argv[2] || 100_000))
  })()
}
