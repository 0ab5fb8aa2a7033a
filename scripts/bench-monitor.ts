import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import dayjs from 'dayjs'
import { LocalDb } from '../cloudfunctions/common/adapters/local/db'
import type { Ports } from '../cloudfunctions/common/ports'
import { dispatch } from '../cloudfunctions/common/router'
import { FUNCTIONS } from '../cloudfunctions/registry'
import { COMPLAINT_CATEGORIES } from '../src/core/complaint/labels'
import { INDUSTRIES } from '../src/core/user/options'
import { benchStore, skipPersistence } from './bench-store'
import { CLOUD, CloudModel, VirtualClock, type ModelCall } from './cloud-model'

/**
 * `npm run bench -- monitor`: the 监测分析 dashboard of one district in the cloud model
 * (scripts/cloud-model.ts). A district of BENCH_MONITOR_HOUSEHOLDS (default 100,000) households is
 * seeded straight into a fresh local store with a realistic spread (50 markets, 分型 60/30/10, ten
 * industries, two years of joining, permits, annual reports, 诉求, 开业第一课, loans, policies
 * pushed and marked, visits and follow-ups), plus a tenth as many in another district that must
 * not count. Then monitor.dashboard runs through the real router as the district's regulator.
 * The model charges every database call (a count and a group-count alike: one request each, the
 * database answers with numbers only) one round trip of 10 ms; calls made together cost the
 * longest of them. Prints one line:
 * MONITOR households=… round_trips=… waves=… simulated_ms=… wall_ms=…
 */
const REGION = '330302'
const ELSEWHERE = '330102'
const NOW = Date.parse('2026-11-20T02:00:00.000Z')
const TODAY = '2026-11-20'

/** A deterministic spread: the same district every run. */
function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

async function seedDistrict(local: LocalDb, households: number) {
  const r = rng(17)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
  const industries = Object.keys(INDUSTRIES)
  const categories = Object.keys(COMPLAINT_CATEGORIES)
  const start = dayjs('2024-11-20')
  const day = (maxDays: number) => start.add(Math.floor(r() * maxDays), 'day')
  const policies = Array.from({ length: 40 }, (_, i) => ({ _id: `pol${i}`, status: 'published', push: 'done', publishedAt: dayjs('2025-12-01').add(i * 9, 'day').toISOString(), createdAt: '', title: '' }))
  const thisMonth = policies.filter((p) => p.publishedAt >= '2026-11-01').map((p) => p._id)
  const batches: Record<string, Array<Record<string, unknown>>> = {}
  const add = async (coll: string, doc: Record<string, unknown>) => {
    ;(batches[coll] ??= []).push(doc)
    if (batches[coll].length >= 10_000) await flush(coll)
  }
  const flush = async (coll: string) => {
    if (batches[coll]?.length) await local.insertMany(coll, batches[coll])
    batches[coll] = []
  }
  const total = households + Math.floor(households / 10)
  for (let i = 0; i < total; i++) {
    const region = i < households ? REGION : ELSEWHERE
    const id = `h${String(i).padStart(7, '0')}`
    const marketId = r() < 0.8 ? `${region}-m${Math.floor(r() * 50)}` : null
    const joined = day(730)
    const x = r()
    const classType = x < 0.6 ? 'survival' : x < 0.9 ? 'growth' : 'development'
    const seen = r() < 0.45 ? dayjs(TODAY).subtract(Math.floor(r() * 90), 'day').format('YYYY-MM-DD') : undefined
    await add('owners', {
      _id: id,
      profile: { businessName: `商户${i}`, creditCode: '', industry: pick(industries), region, openedOn: '2020-01-01', employees: 1, revenueBand: 'lt10w', taxPaid: false, socialInsurance: false, groups: [], updatedAt: '' },
      marketId,
      stallId: null,
      classType,
      ...(seen ? { lastSeenOn: seen } : {}),
      broadcasts: r() < 0.3 ? thisMonth : [],
      createdAt: joined.toISOString(),
      updatedAt: joined.toISOString()
    })
    const scope = { region, marketId }
    await add('obligations', { _id: `ar-${id}-2025`, openid: id, kind: 'annualReport', reportYear: 2025, filedAt: r() < 0.4 ? dayjs('2026-01-01').add(Math.floor(r() * 180), 'day').toISOString() : null, nextDueAt: null, sentRungs: [], leaseUntil: '', ...scope, createdAt: '' })
    if (r() < 0.6) await add('permits', { _id: `p-${id}`, openid: id, type: 'foodBusiness', name: '', expiresOn: dayjs(TODAY).add(Math.floor(r() * 1500) - 200, 'day').format('YYYY-MM-DD'), nextDueAt: null, sentRungs: [], leaseUntil: '', ...scope, createdAt: joined.toISOString() })
    if (r() < 0.3) await add('courseProgress', { _id: id, lessons: {}, started: true, completed: r() < 0.6, passed: r() < 0.4, region, marketId, classType, createdAt: '', updatedAt: day(730).toISOString() })
    if (r() < 0.05) {
      const created = day(730)
      const status = pick(['submitted', 'accepted', 'handling', 'replied', 'closed', 'closed', 'closed'])
      await add('complaints', {
        _id: `SQ${i}`, openid: id, category: pick(categories), region, marketId, status, overdue: r() < 0.05,
        ...(status !== 'submitted' ? { acceptDays: Math.round(r() * 700) / 100 } : {}),
        ...(status === 'replied' || status === 'closed' ? { replyDays: Math.round(r() * 2000) / 100, lastRating: pick(['satisfied', 'basicallySatisfied', 'unsatisfied']) } : {}),
        createdAt: created.toISOString(), updatedAt: created.add(10, 'day').toISOString()
      })
    }
    if (r() < 0.03) await add('loanApplications', { _id: `L${i}`, openid: id, businessName: `商户${i}`, snapshot: { region }, marketId, status: pick(['submitted', 'reviewing', 'approved', 'declined', 'disbursed']), createdAt: day(730).toISOString() })
    if (r() < 0.2) await add('policyMarks', { _id: `${id}:${thisMonth[0]}`, openid: id, policyId: pick(thisMonth), read: true, favorite: r() < 0.3, ...scope, updatedAt: '' })
    if (r() < 0.08) {
      const on = dayjs(TODAY).subtract(Math.floor(r() * 120), 'day')
      await add('visits', { _id: `v${i}`, region, marketId, creditCode: `C${i}`, ownerOpenid: id, stallId: null, visitedAt: on.toISOString(), visitedOn: on.format('YYYY-MM-DD'), month: on.format('YYYY-MM'), by: 'bench-regulator', needs: r() < 0.5 ? [pick(['finance', 'hiring', 'premises', 'permits', 'tax', 'complaint', 'other'])] : [] })
      if (r() < 0.3) await add('followups', { _id: `f${i}`, region, marketId, ownerOpenid: id, kind: 'finance', title: '跟进', dueOn: on.add(14, 'day').format('YYYY-MM-DD'), status: r() < 0.5 ? 'open' : 'done', createdAt: on.toISOString() })
    }
  }
  await local.insertMany('policies', policies)
  await local.insertMany('markets', Array.from({ length: 50 }, (_, m) => ({ _id: `${REGION}-m${m}`, name: `市场${String(m).padStart(2, '0')}`, region: REGION })))
  await local.insertMany('staff', [{ _id: 'bench-regulator', role: 'regulator', name: '科员', region: REGION, bankName: null, createdAt: '' }])
  for (const coll of Object.keys(batches)) await flush(coll)
}

export async function benchMonitor(households = Number(process.env.BENCH_MONITOR_HOUSEHOLDS || 100_000)): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'getihu-monitor-'))
  const memoryOnly = skipPersistence()
  try {
    const local = new LocalDb(dir)
    const seed0 = performance.now()
    await seedDistrict(local, households)
    const seedMs = performance.now() - seed0
    const clock = new VirtualClock(NOW)
    const model = new CloudModel(clock, CLOUD)
    const calls: ModelCall[] = []
    model.onCall = (c) => calls.push(c)
    const log = { error: (m: string, e?: unknown) => console.error(m, e), info: () => undefined }
    const ports: Ports = { config: { templates: { reminder: null, policy: null } }, clock: { now: () => clock.date() }, log, db: model.db(benchStore(local)), push: null as never, storage: null as never, qr: null as never, contentCheck: null as never }
    const wall0 = performance.now()
    const outcome = await clock.run('monitor', 20_000, () => dispatch(FUNCTIONS.monitor, { action: 'monitor.dashboard', payload: {} }, { openid: 'bench-regulator' }, ports))
    const wallMs = performance.now() - wall0
    if (outcome.status !== 'ok' || !(outcome.value as { ok: boolean }).ok) throw new Error(`dashboard failed: ${JSON.stringify(outcome.status === 'ok' ? outcome.value : outcome.status)}`)
    const figures = (outcome.value as { data: { groups: Array<{ figures: Array<{ id: string; value: number | null }> }> } }).data.groups.flatMap((g) => g.figures)
    const value = (id: string) => figures.find((f) => f.id === id)?.value
    // calls issued at the same model instant wait together: one wave each
    // calls made at the same model time wait together: one wave
    const waves = new Set(calls.map((c) => c.issued)).size
    const simulated = (outcome.run.endedAt ?? clock.now()) - outcome.run.startedAt
    const line = `MONITOR households=${households} round_trips=${outcome.run.trips} waves=${waves} simulated_ms=${simulated} wall_ms=${Math.round(wallMs)}`
    console.log(`\n== 监测分析 dashboard in the cloud model: ${households.toLocaleString('en')} households in the district, ${Math.floor(households / 10).toLocaleString('en')} elsewhere (seeded in ${(seedMs / 1000).toFixed(0)} s) ==`)
    console.log(line)
    console.log(`  by call: ${[...model.byOp].map(([k, n]) => `${k} ${n}`).join(', ')}`)
    console.log(`  check: households ${value('households')}, 生存型 ${value('type:survival')}, 诉求 this month ${value('complaints')}, visits ${value('visits')}`)
    return line
  } finally {
    memoryOnly.undo()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  benchMonitor().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
