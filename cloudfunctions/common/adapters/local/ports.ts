import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, normalize, sep } from 'node:path'
import QRCode from 'qrcode'
import type { Clock } from '../../../../src/core/common/time'
import type { ContentCheck, ContentVerdict, Db, Logger, Observed, Push, PushMessage, PushResult, QrCode, Storage } from '../../ports'

/** A clock the local cloud (and tests) can set; it keeps running from the set instant. */
export class SettableClock implements Clock {
  private offsetMs = 0
  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }
  set(instant: Date | null): void {
    this.offsetMs = instant ? instant.getTime() - Date.now() : 0
  }
}

/** One outbox entry: what the owner would get (see Observed), and when. */
export interface OutboxDoc extends Observed {
  _id: string
  at: string
  /** write order: tests freeze the clock, so many entries share one `at` and need a tie-break */
  seq: number
}

// Monotonic within the process and, being based on real time, across restarts of the local cloud.
let lastSeq = 0
const nextSeq = () => (lastSeq = Math.max(lastSeq + 1, Date.now() * 1000))

/**
 * Local stand-in for subscribeMessage.send. Every notification is recorded in the outbox
 * (GET /api/local/outbox). `failNext` makes the next sends fail with a WeChat error code, so
 * tests can exercise retries.
 */
export class LocalPush implements Push {
  readonly sent: PushMessage[] = []
  private failures: number[] = []
  constructor(
    private readonly db: Db,
    private readonly clock: Clock
  ) {}
  failNext(...errCodes: number[]) {
    this.failures.push(...errCodes)
  }
  async send(msg: PushMessage): Promise<PushResult> {
    const fail = this.failures.shift()
    if (fail !== undefined) return { ok: false, errCode: fail }
    this.sent.push(msg)
    return { ok: true }
  }
  async observe(n: Observed): Promise<void> {
    await this.db.collection<OutboxDoc>('outbox').add({ ...n, at: this.clock.now().toISOString(), seq: nextSeq() })
  }
}

/** Files under DATA_DIR/files, served by the local cloud at /api/local/files/<path>. */
export class LocalStorage implements Storage {
  constructor(private readonly root: string) {}
  resolve(path: string): string {
    const full = normalize(join(this.root, path))
    if (!full.startsWith(normalize(this.root) + sep)) throw new Error('path escapes storage root')
    return full
  }
  async put(path: string, bytes: Uint8Array): Promise<string> {
    const full = this.resolve(path)
    await mkdir(dirname(full), { recursive: true })
    await writeFile(full, bytes)
    return `local:${path}`
  }
  async urls(fileIds: string[]): Promise<string[]> {
    return fileIds.map((id) => `/api/local/files/${id.replace(/^local:/, '')}`)
  }
  async remove(fileIds: string[]): Promise<string[]> {
    for (const id of fileIds) await rm(this.resolve(id.replace(/^local:/, '')), { force: true })
    return fileIds
  }
  pathOf(fileId: string): string | null {
    return fileId.startsWith('local:') ? fileId.slice('local:'.length) : null
  }
  async download(fileId: string): Promise<Uint8Array | null> {
    if (!fileId.startsWith('local:')) return null
    try {
      return new Uint8Array(await this.read(fileId.slice('local:'.length)))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
  }
  async read(path: string): Promise<Buffer> {
    return readFile(this.resolve(path))
  }
}

/** Real PNG QR codes of the H5 URL the stall opens (in the cloud: 小程序码 via wxacode). */
export class LocalQr implements QrCode {
  constructor(private readonly publicUrl: () => string) {}
  async png(scene: string, page: string) {
    const target = `${this.publicUrl()}/#/${page}?scene=${encodeURIComponent(scene)}`
    const bytes = await QRCode.toBuffer(target, { type: 'png', width: 320, margin: 2, errorCorrectionLevel: 'M' })
    return { bytes: new Uint8Array(bytes), target }
  }
}

/** Stands in for security.msgSecCheck: flags text containing any word of a configurable list. */
export class LocalContentCheck implements ContentCheck {
  constructor(private readonly words: string[]) {}
  async check(text: string): Promise<ContentVerdict> {
    const t = text.toLowerCase()
    return this.words.some((w) => w && t.includes(w.toLowerCase())) ? 'risky' : 'pass'
  }
}

export const DEFAULT_BLOCKLIST = ['赌博', '博彩', '色情', '代开发票', '枪支', '毒品', '办证刻章']

export const consoleLogger: Logger = {
  error: (message, err) => console.error(message, err ?? ''),
  info: (message, fields) => console.log(message, fields ?? '')
}
