import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { request, type IncomingHttpHeaders } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ownerFolder } from '../../cloudfunctions/complaint/store'
import { defineFunction } from '../../cloudfunctions/common/router'
import { demoCreditCode } from '../../scripts/local-cloud/demo'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'

describe('local cloud: the HTTP surface', () => {
  let c: TestCloud
  beforeAll(async () => {
    c = await testCloud()
  })
  afterAll(() => c.stop())

  test('binds to 127.0.0.1 by default', () => {
    expect(c.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((c.server.address() as { address: string }).address).toBe('127.0.0.1')
  })

  test.each([
    ['not JSON', 'hello', 400, 'INVALID_INPUT', '不是有效的 JSON'],
    ['truncated JSON', '{"action":"user.login",', 400, 'INVALID_INPUT', '不是有效的 JSON'],
    ['a JSON string', '"user.login"', 400, 'INVALID_INPUT', '请求格式不对'],
    ['an empty body', '', 400, 'INVALID_INPUT', '不是有效的 JSON'],
    ['wrong payload type', '{"action":"user.settings.save","payload":"x"}', 400, 'INVALID_INPUT', ''],
    ['unknown action', '{"action":"user.nope"}', 404, 'NOT_FOUND', '没有这项操作'],
    ['a timer event posted by a client', '{"Type":"Timer","TriggerName":"sweep","Time":"x"}', 400, 'INVALID_INPUT', '']
  ])('%s → %s %s', async (_n, raw, status, code, fragment) => {
    const r = await c.post('/api/functions/user', raw, { 'x-wx-openid': 'owner-x' })
    expect(r.status).toBe(status)
    expect(r.body.ok).toBe(false)
    expect(r.body.error.code).toBe(code)
    expect(r.body.error.message).toContain(fragment)
    expect(JSON.stringify(r.body)).not.toMatch(/\bat \S+:\d+|Error:|node_modules/)
  })

  test('a body over 1 MB is refused, not read into memory', async () => {
    const r = await c.post('/api/functions/user', JSON.stringify({ action: 'user.login', payload: { x: 'a'.repeat(1_100_000) } }), { 'x-wx-openid': 'o' })
    expect(r.status).toBe(413)
    expect(r.body.error).toEqual({ code: 'INVALID_INPUT', message: '请求内容过大' })
  })

  test('no identity header → 401 UNAUTHENTICATED; a malformed one too', async () => {
    const variants: Array<Record<string, string>> = [{}, { 'x-wx-openid': '' }, { 'x-wx-openid': 'a b' }, { 'x-wx-openid': 'x'.repeat(65) }]
    for (const headers of variants) {
      const r = await c.post('/api/functions/user', '{"action":"user.login"}', headers)
      expect(r.status).toBe(401)
      expect(r.body.error.code).toBe('UNAUTHENTICATED')
    }
  })

  test('unknown function, wrong method, unknown path', async () => {
    expect((await c.post('/api/functions/nope', '{"action":"nope.x"}', { 'x-wx-openid': 'o' })).status).toBe(404)
    expect((await c.post('/api/functions/__proto__', '{}', { 'x-wx-openid': 'o' })).status).toBe(404)
    const get = await fetch(`${c.url}/api/functions/user`)
    expect(get.status).toBe(405)
    expect((await fetch(`${c.url}/api/what`)).status).toBe(404)
  })

  test('files cannot be read outside the storage folder', async () => {
    for (const p of ['/api/local/files/../db/owners.db', '/api/local/files/%2e%2e/db/owners.db', '/api/local/files/..%2Fdb%2Fowners.db']) {
      const r = await fetch(c.url + p)
      expect(r.status).toBe(404)
    }
  })

  test('the clock can be set, read and reset; business rules follow it', async () => {
    const set = await c.post('/api/local/clock', JSON.stringify({ now: '2030-07-01T00:00:00+08:00' }))
    expect(set.body.data.now.slice(0, 16)).toBe('2030-06-30T16:00')
    const owner = await c.ok('user', 'user.profile.get', {}, 'demo-owner-2')
    // opened 2026-09-10: by mid-2030 the owner has been in business for years
    expect(owner.classification.reasons[0].text).toContain('3年9个月')
    expect((await c.post('/api/local/clock', '{"now":"soon"}')).status).toBe(400)
    expect((await c.post('/api/local/clock', 'nope')).status).toBe(400)
    const reset = await c.post('/api/local/clock', '{"now":null}')
    expect(Math.abs(Date.parse(reset.body.data.now) - Date.now())).toBeLessThan(5000)
  })

  test('a trigger fires a function’s timer now; a function without one says so', async () => {
    const r = await c.post('/api/local/trigger/scheduler', '')
    expect(r.status).toBe(200)
    expect(r.body.data.sweeps.map((s: { name: string }) => s.name)).toEqual(['complaint-overdue', 'annual-report-reminders', 'policy-push', 'permit-reminders', 'push-retries', 'complaint-upload-cleanup', 'account-erasure', 'survey-close', 'survey-push', 'export-cleanup', 'visit-followups', 'inspection-notice', 'hint-overdue', 'credit-repair-reminder', 'recognition-public-end', 'recognition-lapse', 'classification-decision', 'classification-redecision'])
    const none = await c.post('/api/local/trigger/user', '')
    expect(none.status).toBe(404)
    expect(none.body.error.code).toBe('NOT_FOUND')
  })

  test('identities for the H5 picker', async () => {
    const r = await (await fetch(`${c.url}/api/local/identities`)).json()
    expect(r.data.identities.map((i: { openid: string }) => i.openid)).toEqual(['new', 'demo-owner-1', 'demo-owner-2', 'demo-regulator', 'demo-supervisor', 'demo-bank'])
  })
})

describe('local cloud: timers from config.json', () => {
  test('a trigger declared with a 7-field cron runs on its schedule with a timer event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'getihu-timers-'))
    mkdirSync(join(dir, 'ticker'))
    writeFileSync(join(dir, 'ticker', 'config.json'), JSON.stringify({ triggers: [{ name: 'every-second', type: 'timer', config: '* * * * * * *' }] }))
    const events: unknown[] = []
    const ticker = defineFunction('ticker', {}, async (_ports, event) => {
      events.push(event)
      return null
    })
    const c = await testCloud({ functions: { ticker }, functionsDir: dir, timers: true, seed: false })
    try {
      const deadline = Date.now() + 5000
      while (events.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
      expect(events.length).toBeGreaterThanOrEqual(2)
      expect(events[0]).toEqual({ Type: 'Timer', TriggerName: 'every-second', Time: expect.any(String) })
    } finally {
      await c.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => ok(port))
    })
  })

function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  // node itself with tsx's loader: one process, so SIGKILL really kills the server
  // (the tsx binary is a wrapper that would leave its child running).
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('scripts/serve.ts')], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return new Promise((ok, fail) => {
    let out = ''
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 20000)
    child.stdout!.on('data', (d) => {
      out += d
      if (out.includes('本地云已启动')) {
        clearTimeout(timer)
        ok(child)
      }
    })
    child.stderr!.on('data', (d) => (out += d))
    child.on('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`server exited ${code}: ${out}`))
    })
  })
}

describe('local cloud: durability', () => {
  test('killing the server (SIGKILL) loses nothing a call had confirmed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'getihu-kill-'))
    const port = await freePort()
    const url = `http://127.0.0.1:${port}/api/functions/user`
    const call = async (action: string, payload: unknown, openid: string) =>
      (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify({ action, payload }) })).json()
    let server = await startServer(port, dataDir)
    try {
      const saved: string[] = []
      for (let i = 0; i < 20; i++) {
        const openid = `kill-owner-${i}`
        await call('user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
        const r = await call('user.profile.save', {
          businessName: `第${i}号摊`,
          creditCode: demoCreditCode('330302', `MA${String(i).padStart(7, '0')}`),
          industry: 'retail',
          region: '330302',
          openedOn: '2024-01-01',
          employees: i,
          revenueBand: 'lt10w',
          taxPaid: false,
          socialInsurance: false
        }, openid)
        expect(r.ok).toBe(true)
        saved.push(openid)
      }
      server.kill('SIGKILL')
      await new Promise((r) => server.once('exit', r))
      server = await startServer(port, dataDir)
      for (const [i, openid] of saved.entries()) {
        const r = await call('user.profile.get', {}, openid)
        expect(r.data.profile).toMatchObject({ businessName: `第${i}号摊`, employees: i })
      }
    } finally {
      server.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('local cloud: what a hostile client or page can send', () => {
  let c: TestCloud
  let staticDir: string
  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'getihu-static-'))
    mkdirSync(join(staticDir, 'js'))
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>h5</title>')
    c = await testCloud({ staticDir })
  })
  afterAll(async () => {
    await c.stop()
    rmSync(staticDir, { recursive: true, force: true })
  })

  /** A raw request, so that Host can be anything. */
  const raw = (path: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((ok, fail) => {
      const req = request(`${c.url}${path}`, { method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (d: Buffer) => chunks.push(d))
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', fail)
      })
      req.on('error', fail)
      req.end(opts.body)
    })

  test('a body over the limit always gets the 413 envelope, never a reset connection', async () => {
    // fetch (undici) sends the body while the answer comes; before the fix ~30% of these ended in ECONNRESET
    const outcomes: Record<string, number> = {}
    for (const size of [1_100_000, 3_000_000]) {
      const body = JSON.stringify({ action: 'user.login', payload: { x: 'a'.repeat(size) } })
      for (let i = 0; i < 15; i++) {
        const r = await fetch(`${c.url}/api/functions/user`, { method: 'POST', headers: { 'x-wx-openid': 'o', 'content-type': 'application/json' }, body }).then(
          async (x) => `${x.status} ${((await x.json()) as { error: { message: string } }).error.message}`,
          (err: { cause?: { code?: string } }) => err.cause?.code ?? String(err)
        )
        outcomes[r] = (outcomes[r] ?? 0) + 1
      }
    }
    expect(outcomes).toEqual({ '413 请求内容过大': 30 })
    const upload = await fetch(`${c.url}/api/local/storage/upload?cloudPath=${encodeURIComponent(`${ownerFolder('o')}/x.jpg`)}`, { method: 'POST', headers: { 'x-wx-openid': 'o' }, body: Buffer.alloc(3 * 1024 * 1024) })
    expect([upload.status, ((await upload.json()) as { error: { message: string } }).error.message]).toEqual([413, '文件太大，不能超过2MB'])
    // refused before the body is read (another owner's folder): the answer still arrives whole
    for (let i = 0; i < 10; i++) {
      const elsewhere = await fetch(`${c.url}/api/local/storage/upload?cloudPath=x.jpg`, { method: 'POST', headers: { 'x-wx-openid': 'o' }, body: Buffer.alloc(3 * 1024 * 1024) })
      expect(elsewhere.status).toBe(403)
    }
  })

  test.each(['/%', '/%zz', '/%E0%A4%A', '/js/%ff%fe', '/api/local/files/%zz'])('a malformed address %s answers 400, not 500', async (path) => {
    const r = await raw(path)
    expect(r.status).toBe(400)
    expect(JSON.parse(r.body).error).toEqual({ code: 'INVALID_INPUT', message: '地址格式不对' })
  })

  test('every answer says nosniff: the app, the API, errors and files', async () => {
    for (const path of ['/', '/index.html', '/api/local/identities', '/api/what', '/%zz']) {
      expect([path, (await raw(path)).headers['x-content-type-options']]).toEqual([path, 'nosniff'])
    }
  })

  test('stored files are served by what their bytes are: an image inline, anything else as a download', async () => {
    const store = async (name: string, bytes: Buffer) => {
      const openid = 'demo-owner-1'
      const folder = ownerFolder(openid)
      const r = await raw(`/api/local/storage/upload?cloudPath=${encodeURIComponent(`${folder}/${name}`)}`, { method: 'POST', headers: { 'x-wx-openid': openid }, body: bytes })
      expect(r.status).toBe(200)
      return `/api/local/files/${encodeURIComponent(`${folder}/${name}`)}`
    }
    const jpeg = await store('real.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]))
    const disguised = await store('fake.jpg', Buffer.from('<html><script>alert(1)</script></html>'))
    const a = await raw(jpeg)
    expect([a.headers['content-type'], a.headers['content-disposition'], a.headers['x-content-type-options']]).toEqual(['image/jpeg', 'inline', 'nosniff'])
    const b = await raw(disguised)
    expect([b.headers['content-type'], b.headers['content-disposition'], b.headers['x-content-type-options']]).toEqual(['application/octet-stream', 'attachment', 'nosniff'])
  })

  test('a request naming another host (DNS rebinding) is refused; loopback names are served', async () => {
    const port = c.port
    const evil = await raw('/api/local/identities', { headers: { host: `evil.example:${port}` } })
    expect(evil.status).toBe(403)
    expect(JSON.parse(evil.body).error.code).toBe('FORBIDDEN')
    expect((await raw('/api/local/identities', { headers: { host: `127.0.0.1:${port + 1}` } })).status).toBe(403)
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect([host, (await raw('/api/local/identities', { headers: { host } })).status]).toEqual([host, 200])
    }
  })
})
