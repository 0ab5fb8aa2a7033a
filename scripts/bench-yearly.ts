import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Cron } from 'croner'
import { LocalDb } from '../cloudfunctions/common/adapters/local/db'
import type { Db, Ports, Push } from '../cloudfunctions/common/ports'
import type { TimerEvent } from '../cloudfunctions/common/router'
import { FUNCTIONS } from '../cloudfunctions/registry'
import { SWEEPS } from '../cloudfunctions/scheduler/sweeps'
import { decisionAt, yearlyConfigFor } from '../src/core/classification/rules'
import { LOCAL_POLICY_TEMPLATE_ID, LOCAL_REMINDER_TEMPLATE_ID } from '../src/core/notify/template'
import { INDUSTRIES, REVENUE_BANDS } from '../src/core/user/options'
import { benchStore, fastEqualKeyRemoval, skipPersistence } from './bench-store'
import { CLOUD, CloudModel, VirtualClock, type ModelCall } from './cloud-model'
import { parseWeChatCron } from './local-cloud/timers'

/**
 * `npm run bench -- yearly`: the 7月1日 分型 decision (#18) at 1,000,000 households in the cloud
 * model (scripts/cloud-model.ts), the way bench-peak.ts runs the annual-report peak: the owners
 * are seeded straight into a fresh local store (all in 湖北, where the decision runs), then the
 * real scheduler (its timer entry) runs on the model's clock, fired by its cron and again at once
 * whenever a run asks for more. Twenty 诉求 fall overdue during the run: the decision must share
 * the scheduler with the legal deadlines, not starve them (a 诉求 marked more than one timer period
 * plus 2 minutes after its deadline counts as starved).
 */
const WUHAN = ['420102', '420103', '420106', '420111']
const HUBEI = yearlyConfigFor('420102')!
const YEAR = 2026
const START = decisionAt(HUBEI, YEAR).getTime()
const MIN = 60_000
const TEMPLATES = { reminder: LOCAL_REMINDER_TEMPLATE_ID, policy: LOCAL_POLICY_TEMPLATE_ID }
const ownerId = (i: number) => `o${String(i).padStart(7, '0')}`
const fmt = (n: number) => Math.round(n).toLocaleString('en')

async function seed(local: LocalDb, owners: number) {
  const at = new Date(START - 30 * 24 * 3600_000).toISOString()
  const industries = Object.keys(INDUSTRIES)
  const bands = Object.keys(REVENUE_BANDS)
  const CHUNK = 50_000
  for (let start = 0; start < owners; start += CHUNK) {
    const docs: Array<Record<string, unknown>> = []
    for (let i = start; i < Math.min(owners, start + CHUNK); i++) {
      docs.push({
        _id: ownerId(i),
        profile: {
          businessName: `第${i}号`,
          creditCode: `b${i}`,
          region: WUHAN[i % WUHAN.length],
          industry: industries[i % industries.length],
          openedOn: `20${10 + (i % 14)}-0${1 + (i % 9)}-15`,
          employees: i % 12,
          revenueBand: bands[i % bands.length],
          taxPaid: i % 2 === 0,
          socialInsurance: i % 3 === 0,
          groups: [],
          graduationYear: null,
          updatedAt: at
        },
        marketId: null,
        stallId: null,
        settings: { careMode: false, personalized: true },
        consents: {},
        createdAt: at,
        updatedAt: at
      })
    }
    await local.insertMany('owners', docs)
  }
  const complaints: Array<{ id: string; due: number }> = []
  for (let k = 0; k < 20; k++) {
    const due = START + (2 + 3 * k) * MIN
    const id = `TY${String(k).padStart(6, '0')}`
    complaints.push({ id, due })
    await local.insertMany('complaints', [
      {
        _id: id, openid: ownerId(k), category: 'fee', party: '某收费单位', what: '分型判定日的诉求', happenedOn: '2026-06-20', place: '江岸区', photos: [], phone: null, disclose: false,
        region: WUHAN[0], marketId: null, marketName: null, businessName: null, stallNumber: null, status: 'submitted', reopened: 0, check: 'pass', office: null, reply: null,
        rejectReason: null, ratings: [], timeline: [{ status: 'submitted', at, note: null }], rev: 0, deadline: { step: 'accept', date: '2026-07-01', calendarKnown: true },
        overdueAt: new Date(due).toISOString(), overdue: false, createdAt: at, updatedAt: at
      }
    ])
  }
  return complaints
}

export async function benchYearly(): Promise<string> {
  const owners = Number(process.env.BENCH_OWNERS || 1_000_000)
  console.log(`\n== the yearly 分型 decision in the cloud model: ${fmt(owners)} households in 湖北, ${CLOUD.roundTripMs} ms a round trip, ${CLOUD.maxDocs} documents a query, ${CLOUD.runLimitMs / 1000} s a run ==`)
  const equalKeys = fastEqualKeyRemoval()
  const memoryOnly = skipPersistence()
  const dir = mkdtempSync(join(tmpdir(), 'getihu-yearly-'))
  try {
    const wall0 = performance.now()
    const local = new LocalDb(dir)
    const complaints = await seed(local, owners)
    const seedSeconds = (performance.now() - wall0) / 1000
    const clock = new VirtualClock(START)
    const model = new CloudModel(clock, CLOUD)
    let decided = 0
    const marked = new Map<string, number>()
    model.onCall = (c: ModelCall) => {
      if (c.failed) return
      if (c.collection === 'classificationDecisions' && c.method === 'addMany' && Array.isArray(c.args[0])) decided += (c.args[0] as unknown[]).length
      if (c.collection === 'complaints' && (c.method === 'update' || c.method === 'updateWhere') && (c.args[1] as { overdue?: boolean } | undefined)?.overdue === true) {
        const w = c.args[0] as { _id?: unknown }
        const ids = c.method === 'update' ? [c.args[0] as string] : typeof w._id === 'string' ? [w._id] : ((w._id as { value?: string[] })?.value ?? [])
        for (const id of ids) if (!marked.has(id)) marked.set(id, c.at)
      }
    }
    const quiet: Push = { send: async () => ({ ok: true }) }
    const errors: string[] = []
    const ports: Ports = {
      config: { templates: TEMPLATES },
      clock: { now: () => clock.date() },
      log: { error: (m: string, e?: unknown) => void (errors.length < 3 && errors.push(`${m} ${e instanceof Error ? e.message : ''}`)), info: () => undefined },
      storage: null as never,
      qr: null as never,
      contentCheck: null as never,
      db: model.db(benchStore(local) as Db),
      push: model.push(quiet)
    }
    const config = JSON.parse(readFileSync(resolve(__dirname, '../cloudfunctions/scheduler/config.json'), 'utf8')) as { timeout?: number; triggers?: Array<{ name: string; type: string; config: string }> }
    const trigger = config.triggers!.find((t) => t.type === 'timer')!
    const cron = new Cron(parseWeChatCron(trigger.config).sixField, { timezone: 'Asia/Shanghai', paused: true })
    // the timer fires every period when nothing is left over: a 诉求 waits up to one period anyway
    const [tickA, tickB] = cron.nextRuns(2, new Date(START))
    const period = tickB.getTime() - tickA.getTime()
    const scheduler = FUNCTIONS.scheduler
    const limitMs = (config.timeout ?? 60) * 1000
    // a decision sweep page has begun when the model sees it: the time it first got the scheduler
    let lastDecisionPage = START
    const sweep = SWEEPS.find((s) => s.name === 'classification-decision')!
    const original = sweep.page
    // the decision's own round trips: the scheduler runs its sweeps one after another, so the
    // model's count across one page is that page's
    let decisionTrips = 0
    let decisionPages = 0
    sweep.page = async (p, now) => {
      const before = model.trips
      const r = await original.call(sweep, p, now)
      decisionTrips += model.trips - before
      if (r.handled) {
        decisionPages++
        lastDecisionPage = clock.now()
        if (decisionPages % 100 === 0) console.log(`  … ${fmt(decided)} decided by ${new Date(clock.now()).toISOString()} (wall ${((performance.now() - wall0) / 1000).toFixed(0)} s)`)
      }
      return r
    }
    let finish!: () => void
    const finished = new Promise<void>((r) => (finish = r))
    let runs = 0
    let stopped = false
    clock.install()
    const done = () => decided >= owners && marked.size >= complaints.length
    const fire = () => {
      if (stopped) return
      runs++
      const event: TimerEvent = { Type: 'Timer', TriggerName: trigger.name, Time: clock.date().toISOString() }
      void clock.run('scheduler', limitMs, () => scheduler.onTimer!(ports, event)).then((o) => {
        if (o.status === 'error') errors.push(String(o.error))
        const more = o.status === 'ok' && (o.value as { more?: boolean }).more === true
        if (done() || clock.now() > START + 2 * 24 * 3600_000) {
          stopped = true
          clock.freezeAll()
          return finish()
        }
        if (more) clock.at(clock.now() + CLOUD.roundTripMs, fire)
        else clock.at(cron.nextRun(clock.date())!.getTime(), fire)
      })
    }
    clock.at(START, fire)
    await finished
    clock.uninstall()
    sweep.page = original
    cron.stop()
    const minutes = (lastDecisionPage - START) / MIN
    const late = complaints.filter((c) => !marked.has(c.id) || marked.get(c.id)! - c.due > period + 2 * MIN)
    const starved = late.length ? `complaint-overdue:${late.length}` : 'none'
    const line = `YEARLY owners=${owners} decided=${decided} simulated_minutes=${minutes.toFixed(1)} db_per_100=${((100 * model.trips) / owners).toFixed(2)} starved=${starved}`
    console.log(line)
    const worst = Math.max(0, ...complaints.map((c) => (marked.get(c.id) ?? Infinity) - c.due))
    console.log(`  ${runs} scheduler runs; ${fmt(model.trips)} round trips (${fmt(model.writes)} writes); the latest 诉求 marked ${(worst / 1000).toFixed(0)} s after its deadline; wall ${((performance.now() - wall0) / 1000 - seedSeconds).toFixed(0)} s (seeding ${seedSeconds.toFixed(0)} s more)`)
    console.log(`  the decision sweep alone: ${decisionPages} pages, ${fmt(decisionTrips)} round trips (${((100 * decisionTrips) / owners).toFixed(2)} per 100 households)`)
    if (errors.length) console.log(`  errors: ${errors.join(' | ')}`)
    return line
  } finally {
    equalKeys.undo()
    memoryOnly.undo()
    rmSync(dir, { recursive: true, force: true })
  }
}
