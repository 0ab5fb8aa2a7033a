import { LOCAL_POLICY_TEMPLATE_ID, LOCAL_REMINDER_TEMPLATE_ID } from '../../src/core/notify/template'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { LocalDb } from '../../cloudfunctions/common/adapters/local/db'
import {
  consoleLogger,
  DEFAULT_BLOCKLIST,
  LocalContentCheck,
  LocalPush,
  LocalQr,
  LocalStorage,
  SettableClock
} from '../../cloudfunctions/common/adapters/local/ports'
import type { OutboxDoc } from '../../cloudfunctions/common/adapters/local/ports'
import type { Logger, Ports, Where } from '../../cloudfunctions/common/ports'
import { dispatch, type CloudFunction, type TimerEvent } from '../../cloudfunctions/common/router'
import { FUNCTIONS } from '../../cloudfunctions/registry'
import { sniffImage } from '../../cloudfunctions/common/sniff'
import { readableCode } from '../../cloudfunctions/common/codes'
import { migrateRegions } from '../../cloudfunctions/admin/migrate'
import { migrateAbnormalTicks } from '../../cloudfunctions/notice/migrate'
import { migrateFeaturedTicks } from '../../cloudfunctions/recognition/migrate'
import type { ErrorCode } from '../../src/core/common/envelope'
import { seedPolicies } from '../../cloudfunctions/policy/store'
import { ownerFolder } from '../../cloudfunctions/complaint/store'
import { registerFolder } from '../../cloudfunctions/register/store'
import { MAX_FILE_BYTES as REGISTER_MAX_FILE_BYTES } from '../../src/core/register/rows'
import { DEMO_IDENTITIES, seedDemo } from './demo'
import { localLicense } from '../../cloudfunctions/common/demoRegister'
import { startTimers, type TimerSpec } from './timers'

export interface LocalCloudOptions {
  port?: number
  /** 127.0.0.1 unless told otherwise explicitly */
  host?: string
  dataDir: string
  /** the H5 build to serve at / (optional: tests of the functions need none) */
  staticDir?: string
  functions?: Record<string, CloudFunction>
  /** run config.json timer triggers on their schedule (off in most tests) */
  timers?: boolean
  /** seed the demo data on first start */
  seed?: boolean
  blocklist?: string[]
  log?: Logger
  /** folder holding <fn>/config.json */
  functionsDir?: string
  /** the first admin's one-time setup code (default: ADMIN_SETUP_CODE, else a fresh one printed at start) */
  adminSetupCode?: string
}

export interface LocalCloud {
  url: string
  port: number
  server: Server
  ports: Ports
  clock: SettableClock
  close(): Promise<void>
}

const MAX_BODY = 1024 * 1024
/** Runs one trigger may chain locally (each continues itself while work is left) before it answers. */
const MAX_CHAIN = 1000

const STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  RATE_LIMITED: 429,
  INTERNAL: 500
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

const failure = (code: ErrorCode, message: string) => ({ ok: false, error: { code, message } })

class BodyTooLarge extends Error {
  /** true when the rest of the body was not read either: the connection must close after the answer */
  constructor(readonly abandoned: boolean) {
    super('body too large')
  }
}

/** How much of an oversized body is read and thrown away so the client can take its 413. */
const DRAIN_LIMIT = 64 * 1024 * 1024

/**
 * Reads a body of at most `limit` bytes. A larger one is not kept: the rest is read and
 * discarded (up to DRAIN_LIMIT), so the client, still sending, receives the 413 envelope instead
 * of a reset connection.
 */
async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT) throw new BodyTooLarge(true)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > DRAIN_LIMIT) throw new BodyTooLarge(true)
    if (size <= limit) chunks.push(chunk as Buffer)
  }
  if (size > limit) throw new BodyTooLarge(false)
  return Buffer.concat(chunks)
}

/** The 413 envelope; when the body was abandoned the connection closes once it is sent. */
function tooLarge(req: IncomingMessage, res: ServerResponse, err: BodyTooLarge, message: string) {
  if (err.abandoned) {
    res.setHeader('connection', 'close')
    res.once('finish', () => req.destroy())
  }
  send(res, 413, failure('INVALID_INPUT', message))
}

/** decodeURIComponent that answers null for a malformed escape (/%zz) instead of throwing. */
const safeDecode = (s: string): string | null => {
  try {
    return decodeURIComponent(s)
  } catch {
    return null
  }
}

/** Hosts a wildcard bind accepts from anywhere; every other bind only its own name and loopback. */
const WILDCARD = new Set(['0.0.0.0', '::', ''])

const readBody = async (req: IncomingMessage): Promise<string> => (await readBytes(req, MAX_BODY)).toString('utf8')

/**
 * The largest file the local storage endpoint takes. It stands in for WeChat's client-side
 * storage upload, which takes far more than a photo: the 640 KB photo limit is the function's
 * to enforce at complaint.upload.confirm (where it also deletes what is too big), as in the
 * cloud. This bound only keeps a runaway body from filling the disk.
 */
export const LOCAL_STORAGE_MAX_BYTES = 2 * 1024 * 1024
const OPENID = /^[A-Za-z0-9_-]{1,64}$/
/** The local cloud's 开业第一课 issuer: plainly a demonstration, never an official body's name. */
export const LOCAL_DEMO_COURSE_ISSUER = '本地演示环境（非真实发证单位）'
/** The privacy notice's operator in the local/demo build: marked 演示 wherever it is shown. */
export const LOCAL_DEMO_OPERATOR = { name: '本地演示运营方', contact: '演示邮箱 privacy-demo@example.invalid（演示地址，不会有人回复）', demo: true }
const CLOUD_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.[a-z0-9]{1,5}$/

/** Timer triggers declared in each function's config.json. */
export function readTimerSpecs(functionsDir: string, names: string[]): TimerSpec[] {
  const specs: TimerSpec[] = []
  for (const fn of names) {
    const file = join(functionsDir, fn, 'config.json')
    if (!existsSync(file)) continue
    const config = JSON.parse(readFileSync(file, 'utf8')) as { triggers?: Array<{ name: string; type: string; config: string }> }
    for (const t of config.triggers ?? []) if (t.type === 'timer') specs.push({ fn, name: t.name, config: t.config })
  }
  return specs
}

export async function startLocalCloud(opts: LocalCloudOptions): Promise<LocalCloud> {
  const functions = opts.functions ?? FUNCTIONS
  const log = opts.log ?? consoleLogger
  const clock = new SettableClock()
  const hadData = existsSync(join(opts.dataDir, 'db')) && readdirSync(join(opts.dataDir, 'db')).some((f) => f.endsWith('.db'))
  const db = new LocalDb(join(opts.dataDir, 'db'))
  const storage = new LocalStorage(resolve(opts.dataDir, 'files'))
  let publicUrl = ''
  const ports: Ports = {
    config: {
      templates: { reminder: LOCAL_REMINDER_TEMPLATE_ID, policy: LOCAL_POLICY_TEMPLATE_ID },
      complaintReplyWorkingDays: Number(process.env.COMPLAINT_REPLY_DAYS) || undefined,
      // a demo name that cannot be mistaken for a real authority; a deployment sets its own
      courseIssuer: process.env.COURSE_ISSUER?.trim() || LOCAL_DEMO_COURSE_ISSUER,
      // as in the cloud, from configuration, never from the database; a fresh one per start when unset
      adminSetupCode: opts.adminSetupCode ?? (process.env.ADMIN_SETUP_CODE?.trim() || readableCode(12)),
      privacyOperator:
        process.env.PRIVACY_OPERATOR?.trim() && process.env.PRIVACY_CONTACT?.trim()
          ? { name: process.env.PRIVACY_OPERATOR.trim(), contact: process.env.PRIVACY_CONTACT.trim() }
          : LOCAL_DEMO_OPERATOR
    },
    db,
    clock,
    log,
    push: new LocalPush(db, clock),
    storage,
    qr: new LocalQr(() => publicUrl),
    contentCheck: new LocalContentCheck(opts.blocklist ?? DEFAULT_BLOCKLIST),
    // 电子营业执照: the demo register and its demo authorization code (common/demoRegister.ts)
    license: localLicense
  }
  // a data folder from before regions were codes: rewrite them (idempotent, quick when done); a
  // fresh folder has nothing to migrate and gets no collections made by looking
  if (hadData) for (let r = await migrateRegions(db, 100_000); r.more; r = await migrateRegions(db, 100_000));
  if (hadData) for (let r = await migrateAbnormalTicks(db, clock.now(), 100_000); r.more; r = await migrateAbnormalTicks(db, clock.now(), 100_000));
  // 名特优新 ticks from before #18 become the owner's wish, never a category (recognition/migrate.ts)
  if (hadData) for (let r = await migrateFeaturedTicks(db); r.more; r = await migrateFeaturedTicks(db));
  if (opts.seed) {
    await seedDemo(db, clock.now())
    // the policy library is product content: loaded (idempotently) like the cloud's seed action
    await seedPolicies(db, clock.now())
  }

  // A run that ends with work left asks for the next at once (ports.relaunch, callFunction in the
  // cloud). Here the trigger that started the chain runs it to its end before answering, so a test
  // (or a curl) that fires the timer sees everything the chain did.
  const relaunched = new Set<string>()
  ports.relaunch = async (name) => void relaunched.add(name)
  const fireTimer = async (fn: CloudFunction, triggerName: string) => {
    if (!fn.onTimer) return failure('NOT_FOUND', `云函数 ${fn.name} 没有定时触发器`)
    let data: unknown
    let name = triggerName
    for (let runs = 0; runs < MAX_CHAIN; runs++) {
      relaunched.delete(fn.name)
      const event: TimerEvent = { Type: 'Timer', TriggerName: name, Time: clock.now().toISOString() }
      data = await fn.onTimer(ports, event)
      if (!relaunched.has(fn.name)) break
      name = 'continue'
    }
    return { ok: true, data }
  }

  const host = opts.host ?? '127.0.0.1'
  /** Host headers this server answers (filled in once the port is known) */
  const allowedHosts = new Set<string>()

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // Every answer: a browser must never guess a type (an upload that is HTML in disguise).
    res.setHeader('x-content-type-options', 'nosniff')
    // An answer given before the body was read (401, 403, 404...): read the rest and drop it, so
    // a client still sending gets the answer instead of a reset connection.
    res.once('finish', () => {
      if (!req.complete) req.resume()
    })
    // DNS rebinding: a page on another site whose name resolves to 127.0.0.1 still sends its own
    // name as Host. Only this server's own address and loopback names are served.
    if (!WILDCARD.has(host) && !allowedHosts.has(String(req.headers.host ?? '').toLowerCase())) {
      return send(res, 403, failure('FORBIDDEN', '不接受这个地址的访问，请用 127.0.0.1 或 localhost 打开'))
    }
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://local')
    } catch {
      return send(res, 400, failure('INVALID_INPUT', '地址格式不对'))
    }
    const path = url.pathname

    const fnMatch = /^\/api\/functions\/([A-Za-z0-9_-]+)$/.exec(path)
    if (fnMatch) {
      if (req.method !== 'POST') return send(res, 405, failure('INVALID_INPUT', '请用 POST 调用云函数'))
      const fn = Object.prototype.hasOwnProperty.call(functions, fnMatch[1]) ? functions[fnMatch[1]] : undefined
      if (!fn) return send(res, 404, failure('NOT_FOUND', '没有这个云函数'))
      let event: unknown
      try {
        const raw = await readBody(req)
        event = JSON.parse(raw)
      } catch (err) {
        if (err instanceof BodyTooLarge) return tooLarge(req, res, err, '请求内容过大')
        return send(res, 400, failure('INVALID_INPUT', '请求内容不是有效的 JSON'))
      }
      // The local stand-in for WeChat's injected identity; accepted only by the local cloud.
      const header = req.headers['x-wx-openid']
      const openid = typeof header === 'string' ? header : null
      const envelope = await dispatch(fn, event, { openid }, ports)
      return send(res, envelope.ok ? 200 : STATUS[envelope.error.code], envelope)
    }

    const trigger = /^\/api\/local\/trigger\/([A-Za-z0-9_-]+)$/.exec(path)
    if (trigger && req.method === 'POST') {
      const fn = Object.prototype.hasOwnProperty.call(functions, trigger[1]) ? functions[trigger[1]] : undefined
      if (!fn) return send(res, 404, failure('NOT_FOUND', '没有这个云函数'))
      const r = await fireTimer(fn, url.searchParams.get('trigger') ?? 'manual')
      return send(res, r.ok ? 200 : 404, r)
    }

    if (path === '/api/local/clock') {
      if (req.method === 'POST') {
        let now: unknown
        try {
          now = (JSON.parse(await readBody(req)) as { now?: unknown }).now
        } catch (err) {
          if (err instanceof BodyTooLarge) return tooLarge(req, res, err, '请求内容过大')
          return send(res, 400, failure('INVALID_INPUT', '请求内容不是有效的 JSON'))
        }
        if (now === null) clock.set(null)
        else if (typeof now === 'string' && !Number.isNaN(Date.parse(now))) clock.set(new Date(now))
        else return send(res, 400, failure('INVALID_INPUT', 'now 应为 ISO 时间或 null'))
      }
      return send(res, 200, { ok: true, data: { now: clock.now().toISOString() } })
    }

    if (path === '/api/local/outbox' && req.method === 'GET') {
      const openid = url.searchParams.get('openid')
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit')) || 100, 1), 1000)
      const where: Where = openid ? { openid } : {}
      const messages = await db.collection<OutboxDoc>('outbox').find(where, { orderBy: [['at', 'desc'], ['seq', 'desc']], limit })
      return send(res, 200, { ok: true, data: { messages } })
    }

    // Stands in for wx.cloud.uploadFile (the phone storing a file directly): raw bytes in,
    // {"fileID"} out. A caller may write only inside their own folder (ownerFolder), as the
    // cloud storage's rules should allow.
    if (path === '/api/local/storage/upload') {
      if (req.method !== 'POST') return send(res, 405, failure('INVALID_INPUT', '请用 POST 上传文件'))
      const header = req.headers['x-wx-openid']
      const openid = typeof header === 'string' && OPENID.test(header) ? header : null
      if (!openid) return send(res, 401, failure('UNAUTHENTICATED', '请先登录'))
      const cloudPath = url.searchParams.get('cloudPath') ?? ''
      if (!CLOUD_PATH.test(cloudPath)) return send(res, 400, failure('INVALID_INPUT', '文件路径不对'))
      // a staff member's register export (register.import.prepare) may be far larger than a photo
      const registerFile = cloudPath.startsWith(`${registerFolder(openid)}/`)
      if (!registerFile && !cloudPath.startsWith(`${ownerFolder(openid)}/`)) return send(res, 403, failure('FORBIDDEN', '只能上传到自己的文件夹'))
      const max = registerFile ? REGISTER_MAX_FILE_BYTES : LOCAL_STORAGE_MAX_BYTES
      let bytes: Buffer
      try {
        bytes = await readBytes(req, max)
      } catch (err) {
        if (err instanceof BodyTooLarge) return tooLarge(req, res, err, `文件太大，不能超过${Math.floor(max / 1024 / 1024)}MB`)
        throw err
      }
      if (!bytes.length) return send(res, 400, failure('INVALID_INPUT', '文件是空的'))
      return send(res, 200, { fileID: await storage.put(cloudPath, new Uint8Array(bytes)) })
    }

    if (path === '/api/local/identities' && req.method === 'GET') {
      return send(res, 200, { ok: true, data: { identities: DEMO_IDENTITIES } })
    }

    if (path.startsWith('/api/local/files/') && req.method === 'GET') {
      const name = safeDecode(path.slice('/api/local/files/'.length))
      if (name === null) return send(res, 400, failure('INVALID_INPUT', '地址格式不对'))
      let bytes: Uint8Array
      try {
        bytes = await storage.read(name)
      } catch {
        return send(res, 404, failure('NOT_FOUND', '文件不存在'))
      }
      // The type comes from the bytes, never the name; only an image is shown in the page,
      // anything else is a download a browser will not render (with nosniff, set for every answer).
      const image = sniffImage(bytes)
      res.writeHead(200, {
        'content-type': image ?? 'application/octet-stream',
        'content-disposition': image ? 'inline' : 'attachment',
        'cache-control': 'max-age=3600'
      })
      return res.end(bytes)
    }

    if (path.startsWith('/api/')) return send(res, 404, failure('NOT_FOUND', '没有这个接口'))
    if (opts.staticDir) {
      const decoded = safeDecode(path)
      if (decoded === null) return send(res, 400, failure('INVALID_INPUT', '地址格式不对'))
      return serveStatic(opts.staticDir, decoded, res)
    }
    return send(res, 404, failure('NOT_FOUND', '没有这个页面'))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      log.error('[local-cloud] request failed', err)
      if (!res.headersSent) send(res, 500, failure('INTERNAL', '系统繁忙，请稍后再试'))
      else res.end()
    })
  })
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(opts.port ?? 0, host, () => ok())
  })
  const port = (server.address() as AddressInfo).port
  for (const name of [host.includes(':') ? `[${host}]` : host, '127.0.0.1', 'localhost', '[::1]']) allowedHosts.add(`${name}:${port}`.toLowerCase())
  publicUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  const functionsDir = opts.functionsDir ?? resolve(__dirname, '../../cloudfunctions')
  const timers = opts.timers
    ? startTimers(
        readTimerSpecs(functionsDir, Object.keys(functions)),
        (spec) => fireTimer(functions[spec.fn], spec.name),
        (spec, err) => log.error(`[local-cloud] timer ${spec.fn}/${spec.name} failed`, err)
      )
    : null

  return {
    url: publicUrl,
    port,
    server,
    ports,
    clock,
    async close() {
      timers?.stop()
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
    }
  }
}

/** Serves a file of the H5 build; `path` is already decoded. */
async function serveStatic(root: string, path: string, res: ServerResponse) {
  const base = resolve(root)
  let file = normalize(join(base, path))
  if (file !== base && !file.startsWith(base + sep)) return send(res, 403, failure('FORBIDDEN', '不允许访问'))
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html')
  } catch {
    // Hash routing means every page is index.html; unknown paths fall back to it.
    file = join(base, 'index.html')
  }
  try {
    const bytes = await readFile(file)
    const ext = extname(file)
    res.writeHead(200, {
      'content-type': MIME[ext] ?? 'application/octet-stream',
      'cache-control': ext === '.html' ? 'no-cache' : 'max-age=31536000, immutable'
    })
    res.end(bytes)
  } catch {
    send(res, 404, failure('NOT_FOUND', '还没有构建 H5：请先运行 npm run build:h5'))
  }
}
