import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cmd, type Db, type Logger } from '../../cloudfunctions/common/ports'
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../scripts/local-cloud/server'

/** Collects what the functions log instead of printing it; tests can assert on it. */
export function memoryLogger() {
  const errors: string[] = []
  const log: Logger = { error: (m, e) => errors.push(`${m} ${e instanceof Error ? e.message : e ?? ''}`), info: () => undefined }
  return { log, errors }
}

export interface TestCloud extends LocalCloud {
  dataDir: string
  errors: string[]
  call<T = unknown>(fn: string, body: unknown, openid?: string | null): Promise<{ status: number; body: Envelope<T> }>
  /** call and insist on success, returning the data */
  ok<T = any>(fn: string, action: string, payload?: unknown, openid?: string, requestId?: string): Promise<T>
  post(path: string, raw: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>
  stop(): Promise<void>
}

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: Array<{ path: string; message: string }> } }

export async function testCloud(opts: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'getihu-'))
  const { log, errors } = memoryLogger()
  const cloud = await startLocalCloud({ dataDir, log, seed: true, ...opts })
  const post = async (path: string, raw: string, headers: Record<string, string> = {}) => {
    const res = await fetch(cloud.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw })
    return { status: res.status, body: await res.json() }
  }
  const call = async (fn: string, body: unknown, openid: string | null = 'demo-owner-1') =>
    post(`/api/functions/${fn}`, JSON.stringify(body), openid ? { 'x-wx-openid': openid } : {})
  return {
    ...cloud,
    dataDir,
    errors,
    post,
    call,
    async ok(fn, action, payload = {}, openid = 'demo-owner-1', requestId) {
      const r = await call(fn, { action, payload, ...(requestId ? { requestId } : {}) }, openid)
      if (!r.body.ok) throw new Error(`${action} failed: ${JSON.stringify(r.body)}`)
      return r.body.data
    },
    async stop() {
      await cloud.close()
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/**
 * Forgets an owner's rate-limit counts (cloudfunctions/common/rateLimit.ts), for tests about
 * something else that file more than an owner may in ten minutes at a frozen clock.
 */
export async function forgetRateLimits(db: Db, openid: string) {
  const slots = db.collection('slots')
  for (const s of await slots.find({ _id: cmd.prefix(`${openid}:rate:`) }, { limit: 100 })) await slots.remove(s._id)
}
