import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Cron } from 'croner'
import dayjs from 'dayjs'
import { LocalDb } from '../cloudfunctions/common/adapters/local/db'
import type { Cond, Db, PatchOp, Ports, Push, PushMessage, PushResult, Where } from '../cloudfunctions/common/ports'
import { dispatch, type TimerEvent } from '../cloudfunctions/common/router'
import { newPolicyDoc } from '../cloudfunctions/policy/store'
import { FUNCTIONS } from '../cloudfunctions/registry'
import { SWEEPS } from '../cloudfunctions/scheduler/sweeps'
import { chinaDate, chinaStartOfDay } from '../src/core/common/time'
import { LOCAL_POLICY_TEMPLATE_ID, LOCAL_REMINDER_TEMPLATE_ID } from '../src/core/notify/template'
import { POLICY_LIBRARY } from '../src/core/policy/library'
import { ANNUAL_LADDER, annualLadder } from '../src/core/reminder/ladder'
import { INDUSTRIES, REVENUE_BANDS } from '../src/core/user/options'
import { addReadIndexes, benchStore, fastEqualKeyRemoval, skipPersistence } from './bench-store'
import { CLOUD, CloudModel, isWrite, VirtualClock, type ModelCall, type RunContext, type RunOutcome } from './cloud-model'
import { parseWeChatCron } from './local-cloud/timers'

/**
 * `npm run bench -- peak`: the peak days of issue #15 in the cloud model (scripts/cloud-model.ts).
 * Each scenario is seeded straight into a fresh local store, then the real scheduler (its timer
 * entry, cloudfunctions/scheduler) runs on the model's clock: fired by its cron from config.json,
 * and again at once when a run's result asks for more (`more: true` or `continue: true`), as a
 * self-invocation would. Publishing goes through the real action (policy.admin.publish).
 * Recorded: when each owner's message reached them (a broadcast's id added to their list, or a
 * personal inbox entry written: per owner, from the writes the model sees) and when it was sent,
 * when each sweep got a page, when each 诉求 was marked overdue. Afterwards the 消息
 * (reminder.inbox.list) of a sample of owners is read to check the record.
 */

const REPORT_YEAR = 2025
const LADDER = annualLadder(REPORT_YEAR)
const JUN30 = LADDER.find((r) => r.id === 'jun30')!
/** 30 June 2026, 09:00 China time: the "due today" rung of the 2025 report for every owner */
const PEAK_START = Date.parse(JUN30.dueAt)
/** the end of the China day an instant falls on */
const dayEnd = (t: number) => chinaStartOfDay(dayjs(chinaDate(new Date(t))).add(1, 'day').format('YYYY-MM-DD')).getTime()
/** the end of 30 June, China time */
const PEAK_DAY_END = dayEnd(PEAK_START)
/** an ordinary weekday, 10:00 China time */
const POLICY_DAY_START = Date.parse('2026-11-18T02:00:00.000Z')

const STAFF = 'peak-regulator'
const SUPERVISOR = 'peak-supervisor'
const POLICY_ID = 'peak-policy'
const TEMPLATES = { reminder: LOCAL_REMINDER_TEMPLATE_ID, policy: LOCAL_POLICY_TEMPLATE_ID }
const WENZHOU = '330302'
const ELSEWHERE = ['620702', '420102', '370102']

const ownerId = (i: number) => `o${String(i).padStart(7, '0')}`
const ownerIndex = (id: unknown) => (typeof id === 'string' && /^o\d{7}$/.test(id) ? Number(id.slice(1)) : -1)
/** the policy's audience: one owner in four is in 温州 */
const inAudience = (i: number) => i % 4 === 0
/** 30% hold subscribe quota (one message of each template), 30% of the policy's audience too */
const holdsQuota = (i: number) => Math.floor(i / 4) % 10 < 3

const MIN = 60_000
const fmt = (n: number) => Math.round(n).toLocaleString('en')
const mins = (ms: number) => (ms / MIN).toFixed(1)
const gb = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GB`

type ScenarioName = 'annual-30jun' | 'policy-250k' | 'mixed'
interface Scenario {
  name: ScenarioName
  start: number
  annual: boolean
  policy: boolean
  /** 诉求 whose deadline passes during the run */
  complaints: number
}
export const SCENARIOS: Scenario[] = [
  { name: 'annual-30jun', start: PEAK_START, annual: true, policy: false, complaints: 0 },
  { name: 'policy-250k', start: POLICY_DAY_START, annual: false, policy: true, complaints: 0 },
  { name: 'mixed', start: PEAK_START, annual: true, policy: true, complaints: 20 }
]

// ---- what the owners got ----

const RUNG_IDS = ANNUAL_LADDER.map((r) => r.id)
const RUNG_JUN30 = RUNG_IDS.indexOf('jun30')

/** Which annual rung a message is: by its exactly-once key where it has one, else by its words. */
function annualRung(m: { _id?: unknown; id?: unknown; key?: unknown; title?: unknown; body?: unknown; topic?: unknown; data?: unknown }): number | null {
  const key = [m.key, m._id, m.id].find((k): k is string => typeof k === 'string' && k.startsWith('annual:'))
  if (key) {
    const r = RUNG_IDS.indexOf(key.slice(key.lastIndexOf(':') + 1))
    if (r >= 0) return r
  }
  const fields = m.data as Record<string, { value?: string }> | undefined
  const text = `${m.title ?? ''} ${m.body ?? ''} ${fields ? Object.values(fields).map((f) => f?.value ?? '').join(' ') : ''}`
  if (!(m.topic === 'annualReport' || key || text.includes(`${REPORT_YEAR}年度年报`))) return null
  if (text.includes('年报已逾期') || text.includes('信用修复')) return RUNG_IDS.indexOf('jul01')
  if (text.includes('今天是截止日')) return RUNG_JUN30
  if (text.includes('年报开始填报')) return RUNG_IDS.indexOf('open')
  return text.includes('年报') ? RUNG_IDS.indexOf('jun28') : null
}

/** The ids a `where` names: one literal, or `cmd.in([...])`. */
function inList(v: unknown): string[] {
  if (typeof v === 'string') return [v]
  const c = v as Cond | undefined
  return c && (c.$op === 'in' || c.$op === 'eq') ? ([] as unknown[]).concat(c.value).filter((x): x is string => typeof x === 'string') : []
}

/** Per owner: when the message was first written for them, and when it reached the phone. */
class Deliveries {
  readonly inApp: Float64Array
  readonly rung: Int8Array
  readonly phone: Float64Array
  readonly phoneRung: Int8Array
  recorded = 0
  phones = 0
  constructor(size: number) {
    this.inApp = new Float64Array(size).fill(NaN)
    this.rung = new Int8Array(size).fill(-1)
    this.phone = new Float64Array(size).fill(NaN)
    this.phoneRung = new Int8Array(size).fill(-1)
  }
  write(i: number, at: number, rung = -1) {
    if (i < 0 || i >= this.inApp.length || !Number.isNaN(this.inApp[i])) return
    this.inApp[i] = at
    this.rung[i] = rung
    this.recorded++
  }
  send(i: number, at: number, rung = -1) {
    if (i < 0 || i >= this.phone.length || !Number.isNaN(this.phone[i])) return
    this.phone[i] = at
    this.phoneRung[i] = rung
    this.phones++
  }
}

/** Everything the model saw that the figures need. */
class Recorder {
  readonly annual: Deliveries
  readonly policy: Deliveries
  readonly marked = new Map<string, number>()
  readonly pages = new Map<string, number[]>()
  errors: string[] = []
  errorCount = 0
  constructor(
    size: number,
    private readonly policyTitle: string
  ) {
    this.annual = new Deliveries(size)
    this.policy = new Deliveries(size)
  }

  isPolicyMessage(m: { _id?: unknown; id?: unknown; key?: unknown; title?: unknown; topic?: unknown; templateId?: unknown }) {
    const key = [m.key, m._id, m.id].find((k): k is string => typeof k === 'string')
    return (!!key && key.startsWith(`policy:${POLICY_ID}:`)) || (typeof m.title === 'string' && m.title.includes(this.policyTitle))
  }

  /** in-app round trips by the run that made them (null: outside a function run) */
  readonly inAppByRun = new Map<RunContext | null, number>()

  onCall = (c: ModelCall) => {
    if (!c.phone) this.inAppByRun.set(c.run, (this.inAppByRun.get(c.run) ?? 0) + 1)
    if (c.failed || !isWrite(c.method)) return
    if (c.collection === 'complaints' && (c.method === 'update' || c.method === 'updateWhere')) {
      const data = c.args[1] as Record<string, unknown> | undefined
      const changed = typeof c.result === 'number' ? c.result > 0 : c.result === true
      if (data?.overdue === true && changed) {
        const ids = c.method === 'update' ? [c.args[0] as string] : inList((c.args[0] as Where)._id)
        for (const x of ids) if (!this.marked.has(x)) this.marked.set(x, c.at)
      }
      return
    }
    // a broadcast delivered: its id added to a page of owners' lists in one update (common/broadcast.ts)
    if (c.collection === 'owners' && c.method === 'updateWhere') {
      const op = (c.args[1] as Record<string, PatchOp | undefined> | undefined)?.broadcasts
      if (op?.$patch !== 'addToSet' || !Array.isArray(op.value)) return
      const owners = inList((c.args[0] as Where)._id)
      for (const id of op.value) {
        if (typeof id !== 'string') continue
        // annual:<year>:<rung>:<China date it was sent>
        const rung = id.startsWith('annual:') ? RUNG_IDS.indexOf(id.split(':')[2]) : -1
        for (const o of owners) {
          const i = ownerIndex(o)
          if (rung >= 0) this.annual.write(i, c.at, rung)
          else if (id === `policy:${POLICY_ID}`) this.policy.write(i, c.at)
        }
      }
      return
    }
    // otherwise only a personal 消息 entry reaches an owner; a phone message's record (pushes)
    // counts when WeChat answers the send (onSend), not when it is written
    if (c.collection !== 'inbox') return
    let docs: Array<Record<string, unknown>> = []
    if (c.method === 'set') docs = [{ ...(c.args[1] as Record<string, unknown>), _id: c.args[0] }]
    else if (Array.isArray(c.args[0])) docs = c.args[0] as Array<Record<string, unknown>>
    else if (/^(add|insert)/.test(c.method)) docs = [c.args[0] as Record<string, unknown>]
    for (const doc of docs) {
      if (!doc || typeof doc !== 'object') continue
      const owner = ownerIndex(doc.openid)
      if (owner >= 0) {
        const rung = annualRung(doc)
        if (rung !== null) this.annual.write(owner, c.at, rung)
        else if (this.isPolicyMessage(doc)) this.policy.write(owner, c.at)
      }
    }
  }

  onSend = (msg: PushMessage, result: PushResult, at: number) => {
    const owner = ownerIndex(msg.openid)
    if (owner < 0 || !result.ok) return
    const rung = annualRung({ key: msg.key, data: msg.data, topic: msg.templateId === TEMPLATES.reminder ? 'annualReport' : undefined })
    if (msg.templateId === TEMPLATES.reminder && rung !== null) this.annual.send(owner, at, rung)
    else if (msg.templateId === TEMPLATES.policy) this.policy.send(owner, at)
  }
}

/** WeChat's send, answering yes (the model adds the 20 ms). */
const acceptingPush: Push = { send: async () => ({ ok: true }) }

// ---- seeding: straight into the local store, in bulk ----

function policyBase() {
  // a real 温州 measure whose only condition is the place: its audience is every 温州 owner
  const p = POLICY_LIBRARY.find((x) => x.conditions.length === 1 && x.conditions[0].fact === 'region' && x.conditions[0].value === '330300' && !x.effectiveTo)
  if (!p) throw new Error('no 温州 policy with a region condition alone in the library')
  const { id: _id, ...base } = p
  return base
}

async function seed(local: LocalDb, s: Scenario, owners: number) {
  const at = new Date(s.start - 30 * 24 * 3600_000).toISOString()
  const industries = Object.keys(INDUSTRIES)
  const bands = Object.keys(REVENUE_BANDS)
  const CHUNK = 50_000
  for (let start = 0; start < owners; start += CHUNK) {
    const ownerDocs: Array<Record<string, unknown>> = []
    const obligationDocs: Array<Record<string, unknown>> = []
    const quotaDocs: Array<Record<string, unknown>> = []
    for (let i = start; i < Math.min(owners, start + CHUNK); i++) {
      const openid = ownerId(i)
      ownerDocs.push({
        _id: openid,
        profile: {
          businessName: `第${i}号`,
          region: inAudience(i) ? WENZHOU : ELSEWHERE[i % ELSEWHERE.length],
          industry: industries[i % industries.length],
          openedOn: `20${10 + (i % 14)}-0${1 + (i % 9)}-15`,
          employees: i % 12,
          revenueBand: bands[i % bands.length],
          taxPaid: i % 2 === 0,
          socialInsurance: i % 3 === 0,
          groups: [],
          graduationYear: null
        },
        marketId: null,
        stallId: null,
        classType: ['survival', 'growth', 'development'][i % 3],
        settings: { careMode: false, personalized: true },
        consents: {},
        createdAt: at,
        updatedAt: at
      })
      if (s.annual) {
        // the 2025 report, not filed, every earlier rung sent: the 30 June rung is due
        obligationDocs.push({
          _id: `ar-${openid}-${REPORT_YEAR}`,
          openid,
          kind: 'annualReport',
          reportYear: REPORT_YEAR,
          filedAt: null,
          nextDueAt: JUN30.dueAt,
          sentRungs: ['open', 'jun01', 'jun20', 'jun28'],
          leaseUntil: '',
          createdAt: at,
          updatedAt: at
        })
      }
      if (holdsQuota(i)) {
        if (s.annual) quotaDocs.push({ _id: `${openid}:${TEMPLATES.reminder}`, openid, templateId: TEMPLATES.reminder, count: 1, updatedAt: at })
        if (s.policy) quotaDocs.push({ _id: `${openid}:${TEMPLATES.policy}`, openid, templateId: TEMPLATES.policy, count: 1, updatedAt: at })
      }
    }
    await local.insertMany('owners', ownerDocs)
    if (obligationDocs.length) await local.insertMany('obligations', obligationDocs)
    if (quotaDocs.length) await local.insertMany('quotas', quotaDocs)
  }
  await local.insertMany('staff', [
    { _id: STAFF, role: 'regulator', name: '峰值测试', region: '330300', bankName: null, createdAt: at },
    { _id: SUPERVISOR, role: 'regulator', name: '督办', region: '330300', bankName: null, supervisor: true, createdAt: at }
  ])
  const base = policyBase()
  if (s.policy) await local.insertMany('policies', [{ _id: POLICY_ID, ...newPolicyDoc(base, 'draft', STAFF, at) }])
  const complaints: Array<{ id: string; due: number }> = []
  for (let k = 0; k < s.complaints; k++) {
    // most during the first hour of the peak, the rest at the next China midnight (when
    // deadlines really fall): the overdue sweep must keep up while the peak runs
    const due = k < 12 ? s.start + (2 + 5 * k) * MIN : PEAK_DAY_END
    const id = `TS${String(k).padStart(6, '0')}`
    complaints.push({ id, due })
    await local.insertMany('complaints', [
      {
        _id: id,
        openid: ownerId(k * 4),
        category: 'fee',
        party: '某收费单位',
        what: '峰值测试诉求',
        happenedOn: '2026-06-20',
        place: '鹿城区',
        photos: [],
        phone: null,
        disclose: false,
        region: WENZHOU,
        marketId: null,
        marketName: null,
        businessName: null,
        stallNumber: null,
        status: 'submitted',
        reopened: 0,
        check: 'pass',
        office: null,
        reply: null,
        rejectReason: null,
        ratings: [],
        timeline: [{ status: 'submitted', at, note: null }],
        rev: 0,
        deadline: { step: 'accept', date: '2026-06-30', calendarKnown: true },
        overdueAt: new Date(due).toISOString(),
        overdue: false,
        createdAt: at,
        updatedAt: at
      }
    ])
  }
  return { policyTitle: base.title, complaints }
}

// ---- the run ----

interface RunRecord {
  kind: 'timer' | 'continued' | 'publish'
  startedAt: number
  endedAt: number
  status: RunOutcome<unknown>['status']
  trips: number
  writes: number
  more: boolean
}

/** A run's result asks for the next run at once (the scheduler continuing itself). */
function wantsMore(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return v.more === true || v.continue === true
}

function schedulerConfig() {
  const config = JSON.parse(readFileSync(resolve(__dirname, '../cloudfunctions/scheduler/config.json'), 'utf8')) as {
    timeout?: number
    triggers?: Array<{ name: string; type: string; config: string }>
  }
  const trigger = (config.triggers ?? []).find((t) => t.type === 'timer')
  if (!trigger) throw new Error('the scheduler has no timer trigger')
  return { trigger, limitMs: (config.timeout ?? 60) * 1000 }
}

/** Wraps every sweep's functions to note when each got a page (restored afterwards). */
function watchSweeps(clock: VirtualClock, pages: Map<string, number[]>) {
  const undo: Array<() => void> = []
  for (const sweep of SWEEPS) {
    const s = sweep as unknown as Record<string, unknown>
    pages.set(sweep.name, [])
    for (const [k, v] of Object.entries(s)) {
      if (typeof v !== 'function') continue
      s[k] = (...args: unknown[]) => {
        pages.get(sweep.name)!.push(clock.now())
        return (v as (...a: unknown[]) => unknown).apply(sweep, args)
      }
      undo.push(() => (s[k] = v))
    }
  }
  return () => undo.forEach((u) => u())
}

export interface Options {
  owners: number
  maxSimDays: number
  probe: number
}

export async function runScenario(s: Scenario, opts: Options) {
  const wall0 = performance.now()
  const dir = mkdtempSync(join(tmpdir(), `getihu-peak-${s.name}-`))
  const local = new LocalDb(dir)
  const { policyTitle, complaints } = await seed(local, s, opts.owners)
  await addReadIndexes(local, { inbox: ['openid'] })
  const seedSeconds = (performance.now() - wall0) / 1000

  const store = benchStore(local)
  const clock = new VirtualClock(s.start)
  const model = new CloudModel(clock, CLOUD)
  const rec = new Recorder(opts.owners, policyTitle)
  model.onCall = rec.onCall
  model.onSend = rec.onSend
  const log = {
    error: (m: string, e?: unknown) => {
      rec.errorCount++
      if (rec.errors.length < 3) rec.errors.push(`${m} ${e instanceof Error ? e.message : (e ?? '')}`)
    },
    info: () => undefined
  }
  const base = {
    config: { templates: TEMPLATES },
    clock: { now: () => clock.date() },
    log,
    storage: null as never,
    qr: null as never,
    contentCheck: null as never
  }
  const ports: Ports = { ...base, db: model.db(store), push: model.push(acceptingPush) }
  // for reading 消息 afterwards: the same store, outside the model (not counted)
  const rawPorts: Ports = { ...base, db: store as Db, push: acceptingPush }

  const { trigger, limitMs } = schedulerConfig()
  const scheduler = FUNCTIONS.scheduler
  if (!scheduler.onTimer) throw new Error('the scheduler has no timer entry')
  const cron = new Cron(parseWeChatCron(trigger.config).sixField, { timezone: 'Asia/Shanghai', paused: true })
  const [tickA, tickB] = cron.nextRuns(2, new Date(s.start))
  const periodMs = tickB.getTime() - tickA.getTime()

  const restoreSweeps = watchSweeps(clock, rec.pages)
  clock.install()
  const runs: RunRecord[] = []
  const lastEventAt = Math.max(s.start, ...complaints.map((c) => c.due + 5 * MIN))
  const capAt = s.start + opts.maxSimDays * 24 * 3600_000
  let stopped: 'done' | 'idle' | 'cap' | null = null
  let finish!: () => void
  const finished = new Promise<void>((r) => (finish = r))

  const annualTargets = s.annual ? opts.owners : 0
  const policyTargets = s.policy ? Math.ceil(opts.owners / 4) : 0
  const complete = () =>
    rec.annual.recorded >= annualTargets && rec.policy.recorded >= policyTargets && rec.marked.size >= complaints.length

  const stop = (why: 'done' | 'idle' | 'cap') => {
    if (stopped) return
    stopped = why
    // the platform would let them run on; here they stop so the store holds still for the check
    clock.freezeAll()
    finish()
  }
  const check = () => {
    if (stopped) return
    if (clock.now() >= capAt) return stop('cap')
    if (clock.active.size || clock.now() < lastEventAt) return
    if (complete()) return stop('done')
    const sched = runs.filter((r) => r.kind !== 'publish')
    const [a, b] = sched.slice(-2)
    if (a && b && a.writes === 0 && b.writes === 0 && !b.more && b.startedAt - a.startedAt >= periodMs) stop('idle')
  }
  const start = (kind: RunRecord['kind'], name: string, body: () => Promise<unknown>) => {
    clock.run(name, limitMs, body).then((o) => {
      const more = o.status === 'ok' && wantsMore(o.value)
      if (o.status === 'error') log.error(`[bench] ${name} failed`, o.error)
      runs.push({ kind, startedAt: o.run.startedAt, endedAt: o.run.endedAt ?? clock.now(), status: o.status, trips: o.run.trips, writes: o.run.writes, more })
      // a self-invocation (callFunction) costs one round trip before the next run starts
      if (more && !stopped) clock.at(clock.now() + CLOUD.roundTripMs, () => !stopped && startScheduler('continued'))
      check()
    })
  }
  const startScheduler = (kind: 'timer' | 'continued') => {
    const event: TimerEvent = { Type: 'Timer', TriggerName: trigger.name, Time: clock.date().toISOString() }
    start(kind, `scheduler:${kind}`, () => scheduler.onTimer!(ports, event))
  }

  if (s.policy) {
    clock.at(s.start, () =>
      start('publish', 'policy.admin.publish', async () => {
        const r = await dispatch(FUNCTIONS.policy, { action: 'policy.admin.publish', payload: { id: POLICY_ID }, requestId: 'peak-publish' }, { openid: STAFF }, ports)
        if (!r.ok) throw new Error(`publish refused: ${r.error.code} ${r.error.message}`)
        return r.data
      })
    )
  }
  const tick = () => {
    if (stopped) return
    startScheduler('timer')
    const next = cron.nextRun(clock.date())
    if (next) clock.at(next.getTime(), tick)
    check()
  }
  const first = cron.nextRun(new Date(s.start - 1))!
  clock.at(first.getTime(), tick)
  // a line a simulated day, so a long run shows it is moving
  const DAY = 24 * 3600_000
  const progress = (day: number) => {
    if (stopped) return
    console.log(`  … ${s.name}: day ${day} of the model, ${fmt(rec.annual.recorded + rec.policy.recorded)} messages written, ${fmt(model.sends)} sent (wall ${((performance.now() - wall0) / 1000).toFixed(0)} s)`)
    clock.at(s.start + (day + 1) * DAY, () => progress(day + 1))
  }
  clock.at(s.start + DAY, () => progress(1))

  let peakRss = process.memoryUsage().rss
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500)
  await finished
  const endAt = clock.now()
  const simWall = (performance.now() - wall0) / 1000 - seedSeconds

  // ---- check the record against what owners see in 消息 (a sample, outside the model) ----
  const probe = await probeInbox(rawPorts, rec, s, opts)
  clock.uninstall()
  restoreSweeps()
  clearInterval(sampler)
  cron.stop()
  const figures = summarize(s, opts, rec, model, runs, complaints, probe, { endAt, stopped: stopped!, periodMs, limitMs })
  rmSync(dir, { recursive: true, force: true })
  return { ...figures, seedSeconds, simWall, peakRss }
}

interface Probe {
  sampled: number
  /** sampled owners who were due the message and see it in 消息 */
  shown: number
  /** a delivery recorded without the message in 消息, or the message in 消息 with no delivery recorded */
  mismatches: number
}

async function probeInbox(ports: Ports, rec: Recorder, s: Scenario, opts: Options): Promise<{ annual: Probe; policy: Probe }> {
  const empty = (): Probe => ({ sampled: 0, shown: 0, mismatches: 0 })
  const out = { annual: empty(), policy: empty() }
  if (!opts.probe) return out
  const reminder = FUNCTIONS.reminder
  const read = async (i: number) => {
    const r = await dispatch(reminder, { action: 'reminder.inbox.list', payload: {} }, { openid: ownerId(i) }, ports)
    if (!r.ok) throw new Error(`reading 消息 failed: ${r.error.code} ${r.error.message}`)
    return (r.data as { messages: Array<{ id: string; topic: string; title: string; body: string; createdAt: string }> }).messages
  }
  const check = async (p: Probe, d: Deliveries, i: number, find: (messages: Awaited<ReturnType<typeof read>>) => { id: string; rung: number } | null) => {
    p.sampled++
    const m = find(await read(i))
    const recorded = !Number.isNaN(d.inApp[i])
    if (m) p.shown++
    if (m && !recorded) p.mismatches++
    if (!m && recorded) p.mismatches++
  }
  // owners spread evenly over each part's audience
  for (let k = 0; s.annual && k < opts.probe; k++) {
    await check(out.annual, rec.annual, Math.floor((k * opts.owners) / opts.probe), (messages) => {
      const m = messages.find((x) => (annualRung(x) ?? -1) >= RUNG_JUN30)
      return m ? { id: m.id, rung: annualRung(m)! } : null
    })
  }
  const audience = Math.ceil(opts.owners / 4)
  for (let k = 0; s.policy && k < Math.min(opts.probe, audience); k++) {
    await check(out.policy, rec.policy, 4 * Math.floor((k * audience) / Math.min(opts.probe, audience)), (messages) => {
      const m = messages.find((x) => rec.isPolicyMessage(x))
      return m ? { id: m.id, rung: -1 } : null
    })
  }
  return out
}


interface Part {
  label: string
  targets: number
  reached: number
  last: number
  onPeakDay: number
  jun30: number
  phoneTargets: number
  phones: number
  phoneOnPeakDay: number
  phoneLast: number
  milestones: Array<[string, number]>
}

function part(label: string, d: Deliveries, targets: (i: number) => boolean, size: number, s: Scenario, annual: boolean): Part {
  let reached = 0
  let last = -Infinity
  let onPeakDay = 0
  let jun30 = 0
  let phoneTargets = 0
  let phoneOnPeakDay = 0
  let phoneLast = -Infinity
  const end = dayEnd(s.start)
  const marks = [10 * MIN, 60 * MIN, end - s.start, 24 * 3600_000]
  const counts = marks.map(() => 0)
  let count = 0
  for (let i = 0; i < size; i++) {
    if (!targets(i)) continue
    count++
    if (holdsQuota(i)) phoneTargets++
    const t = d.inApp[i]
    if (!Number.isNaN(t)) {
      reached++
      last = Math.max(last, t)
      marks.forEach((m, k) => t - s.start <= m && counts[k]++)
      if (d.rung[i] === RUNG_JUN30) jun30++
      if (t < end && (!annual || d.rung[i] === RUNG_JUN30)) onPeakDay++
    }
    const p = d.phone[i]
    if (!Number.isNaN(p)) {
      phoneLast = Math.max(phoneLast, p)
      if (p < end && (!annual || d.phoneRung[i] === RUNG_JUN30)) phoneOnPeakDay++
    }
  }
  const labels = ['10 min', '60 min', 'end of that China day', '24 h']
  return {
    label,
    targets: count,
    reached,
    last,
    onPeakDay: Math.round(onPeakDay),
    jun30: Math.round(jun30),
    phoneTargets,
    phones: d.phones,
    phoneOnPeakDay,
    phoneLast,
    milestones: labels.map((l, k) => [l, Math.round(counts[k])] as [string, number])
  }
}

function summarize(
  s: Scenario,
  opts: Options,
  rec: Recorder,
  model: CloudModel,
  runs: RunRecord[],
  complaints: Array<{ id: string; due: number }>,
  probe: { annual: Probe; policy: Probe },
  sim: { endAt: number; stopped: 'done' | 'idle' | 'cap'; periodMs: number; limitMs: number }
) {
  const n = opts.owners
  const parts: Part[] = []
  if (s.annual) parts.push(part('annual report', rec.annual, () => true, n, s, true))
  if (s.policy) parts.push(part('policy push', rec.policy, inAudience, n, s, false))

  // owners with something due, and those who got all of it
  let owners = 0
  let reached = 0
  for (let i = 0; i < n; i++) {
    const dueAnnual = s.annual
    const duePolicy = s.policy && inAudience(i)
    if (!dueAnnual && !duePolicy) continue
    owners++
    const ok = (!dueAnnual || !Number.isNaN(rec.annual.inApp[i])) && (!duePolicy || !Number.isNaN(rec.policy.inApp[i]))
    if (ok) reached++
  }
  // with messages stored once for many (counted from the sample): at least everyone minus every miss

  const deliveries = parts.reduce((a, p) => a + p.reached, 0)
  const last = Math.max(...parts.map((p) => Math.max(p.last, p.phoneLast)))
  const simulatedMinutes = Number.isFinite(last) ? (last - s.start) / MIN : (sim.endAt - s.start) / MIN
  const inAppTrips = model.trips - model.phoneTrips
  // the peak's work: runs that started by the last delivery. The timer's runs afterwards (in
  // mixed, waiting for 诉求 deadlines at midnight) find nothing to do and would cost the same
  // with no peak at all, so they are shown apart rather than charged to the owners reached.
  let peakInApp = 0
  for (const [run, n] of rec.inAppByRun) if (!run || !Number.isFinite(last) || run.startedAt <= last) peakInApp += n
  const idleInApp = inAppTrips - peakInApp
  const dbPer100 = deliveries ? (peakInApp * 100) / deliveries : 0

  // a sweep starves when it goes longer than one timer period and one run without a page
  const starveMs = sim.periodMs + sim.limitMs
  const windowEnd = Math.max(sim.endAt, s.start)
  const waits: Array<[string, number]> = []
  for (const [name, times] of rec.pages) {
    const inWindow = times.filter((t) => t >= s.start && t <= windowEnd)
    let longest = 0
    let prev = s.start
    for (const t of inWindow) {
      longest = Math.max(longest, t - prev)
      prev = t
    }
    longest = Math.max(longest, windowEnd - prev)
    waits.push([name, longest])
  }
  const starved = waits.filter(([, w]) => w > starveMs).map(([name]) => name)

  const line = `PEAK scenario=${s.name} owners=${owners} reached=${reached} simulated_minutes=${simulatedMinutes.toFixed(1)} db_per_100=${dbPer100.toFixed(2)} sends=${model.sends} starved=${starved.length ? starved.join(',') : 'none'}`

  const lines: string[] = []
  for (const p of parts) {
    lines.push(
      `  ${p.label}: ${fmt(p.reached)} of ${fmt(p.targets)} owners reached in 消息, the last ${Number.isFinite(p.last) ? `${mins(p.last - s.start)} min` : '(none)'} after the start; ` +
        `phone: ${fmt(p.phones)} sent to ${fmt(p.phoneTargets)} owners holding quota, the last ${Number.isFinite(p.phoneLast) ? `${mins(p.phoneLast - s.start)} min` : '(none)'} after`
    )
    lines.push(`    reached by ${p.milestones.map(([l, c]) => `${l}: ${fmt(c)}`).join('; ')}`)
    if (p.label === 'annual report') {
      const all = p.onPeakDay === p.targets && p.phoneOnPeakDay === p.phoneTargets
      lines.push(
        `    every owner got the 30 June rung on 30 June China time: ${all ? 'yes' : 'no'} (消息: ${fmt(p.onPeakDay)} of ${fmt(p.targets)}; phone: ${fmt(p.phoneOnPeakDay)} of ${fmt(p.phoneTargets)}; ` +
          `the 30 June rung at all: ${fmt(p.jun30)}, the overdue rung instead: ${fmt(p.reached - p.jun30)})`
      )
    }
  }
  const top = [...model.byOp.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)
  lines.push(
    `  round trips: ${fmt(model.trips)} — in-app part ${fmt(peakInApp)} until the last owner was reached = ${dbPer100.toFixed(2)} per 100 owners reached${parts.length > 1 ? ' (per 100 messages, both kinds)' : ''}` +
      (idleInApp ? `, and ${fmt(idleInApp)} more in the timer's runs after it that found nothing to do` : '') +
      `; ` +
      `phone part ${fmt(model.phoneTrips)} = ${model.sends ? (model.phoneTrips / model.sends).toFixed(2) : '0'} per message sent, plus the send; by call: ${top.map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`
  )
  const sched = runs.filter((r) => r.kind !== 'publish')
  const timedOut = runs.filter((r) => r.status === 'timedOut').length
  const failed = runs.filter((r) => r.status === 'error').length
  const longest = Math.max(0, ...runs.map((r) => r.endedAt - r.startedAt))
  lines.push(
    `  scheduler: ${fmt(sched.length)} runs (${fmt(sched.filter((r) => r.kind === 'timer').length)} by the timer, ${fmt(sched.filter((r) => r.kind === 'continued').length)} continued, ` +
      `${timedOut} stopped at ${sim.limitMs / 1000} s, ${failed} failed), longest ${(longest / 1000).toFixed(1)} s; simulation ended: ${sim.stopped} at ${mins(sim.endAt - s.start)} min`
  )
  lines.push(`  longest wait of each sweep without a page (starved above ${mins(starveMs)} min): ${waits.map(([name, w]) => `${name} ${mins(w)} min`).join(', ')}`)
  if (complaints.length) {
    const late = complaints.map((c) => (rec.marked.has(c.id) ? rec.marked.get(c.id)! - c.due : Infinity))
    const within = late.filter((l) => l <= 5 * MIN).length
    const worst = Math.max(...late)
    lines.push(
      `  诉求 overdue sweep: ${complaints.length} deadlines passed during the run, ${fmt(rec.marked.size)} marked, ${within} within 5 min of the deadline ` +
        `(${within === complaints.length ? 'yes' : 'no'}); the latest ${Number.isFinite(worst) ? `${mins(worst)} min` : 'never'} after its deadline`
    )
  }
  for (const [label, p] of [['annual report', probe.annual], ['policy push', probe.policy]] as Array<[string, Probe]>) {
    if (!p.sampled) continue
    lines.push(`  checked in 消息 (reminder.inbox.list) of ${p.sampled} sampled owners due the ${label}: ${p.shown} show it, ${p.mismatches} disagree with the record`)
  }
  if (rec.errorCount) lines.push(`  errors logged by the functions: ${rec.errorCount}, e.g. ${rec.errors.join(' | ')}`)
  return { line, lines, simulatedMinutes }
}

export async function benchPeak(only?: ScenarioName[]) {
  const unknown = (only ?? []).filter((n) => !SCENARIOS.some((s) => s.name === n))
  if (unknown.length) throw new Error(`no peak scenario ${unknown.join(', ')} (there are ${SCENARIOS.map((s) => s.name).join(', ')})`)
  const opts: Options = {
    owners: Number(process.env.BENCH_OWNERS || 1_000_000),
    maxSimDays: Number(process.env.BENCH_PEAK_DAYS || 14),
    probe: Number(process.env.BENCH_PROBE ?? 100)
  }
  console.log(
    `\n== peak days in the cloud model: ${fmt(opts.owners)} owners; ${CLOUD.roundTripMs} ms a database round trip, ${CLOUD.sendMs} ms a send, ` +
      `at most ${CLOUD.maxDocs} documents a query, ${CLOUD.runLimitMs / 1000} s a run; virtual clock (see README, Figures) ==`
  )
  const lines: string[] = []
  const t0 = performance.now()
  const equalKeys = fastEqualKeyRemoval()
  const memoryOnly = skipPersistence()
  try {
    for (const s of SCENARIOS) {
      if (only && !only.includes(s.name)) continue
      const r = await runScenario(s, opts)
      console.log(r.line)
      for (const l of r.lines) console.log(l)
      console.log(`  wall ${r.simWall.toFixed(0)} s (seeding ${r.seedSeconds.toFixed(0)} s more), peak RSS ${gb(r.peakRss)}`)
      lines.push(r.line)
    }
  } finally {
    equalKeys.undo()
    memoryOnly.undo()
  }
  console.log(`peak scenarios: wall ${((performance.now() - t0) / 1000).toFixed(0)} s in all`)
  return lines
}

if (require.main === module) {
  const names = process.argv.slice(2) as ScenarioName[]
  benchPeak(names.length ? names : undefined).catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
