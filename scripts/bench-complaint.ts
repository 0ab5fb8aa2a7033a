import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Db } from '../cloudfunctions/common/ports'
import { concurrently, onboardOwners, pct, poster } from './bench-client'
import { countingDb } from './bench-sweep'
import { startLocalCloud } from './local-cloud/server'

/** A JPEG-shaped photo of `bytes` bytes (the server checks the signature, then stores the bytes). */
const photo = (bytes: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(bytes - 6), Buffer.from([0xff, 0xd9])])

const FILING = {
  category: 'fee',
  party: '市场管理处',
  what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。',
  happenedOn: '2026-11-18',
  place: '东门农贸市场A-01摊位',
  disclose: false
}

/**
 * complaint.submit with a photo under `concurrency` owners: each filing uploads one compressed
 * photo (300 KB, a typical phone photo after the client's compression) and submits with it.
 * The upload is the three steps the app takes: prepare, the bytes to the storage endpoint (the
 * local stand-in for wx.cloud.uploadFile), confirm. Reported twice: the whole filing, and submit alone.
 */
export async function benchComplaint(concurrency = 50, filings = 500, photoBytes = 300 * 1024) {
  console.log(`\n== complaint.submit with a ${Math.round(photoBytes / 1024)} KB photo, ${filings} filings, ${concurrency} concurrent owners, local cloud over HTTP ==`)
  const dataDir = mkdtempSync(join(tmpdir(), 'getihu-bench-complaint-'))
  const cloud = await startLocalCloud({ dataDir, seed: true, log: { error: () => undefined, info: () => undefined } })
  const counter = countingDb(cloud.ports.db)
  ;(cloud.ports as { db: Db }).db = counter.db
  const call = async (openid: string, action: string, payload: unknown, requestId?: string) => {
    const res = await fetch(`${cloud.url}/api/functions/complaint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify({ action, payload, ...(requestId ? { requestId } : {}) })
    })
    const body = (await res.json()) as { ok: boolean; data: { uploadId: string; cloudPath: string } }
    if (!body.ok) throw new Error(`${action}: ${JSON.stringify(body)}`)
    return body.data
  }
  const upload = async (openid: string, bytes: Buffer) => {
    const { uploadId, cloudPath } = await call(openid, 'complaint.upload.prepare', { contentType: 'image/jpeg' })
    const res = await fetch(`${cloud.url}/api/local/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': openid },
      body: new Uint8Array(bytes)
    })
    const { fileID } = (await res.json()) as { fileID: string }
    return call(openid, 'complaint.upload.confirm', { uploadId, fileId: fileID }, `bench-u-${uploadId}`)
  }
  try {
    // A-01 is held by a demo owner: its market lets the complainants bind beside them
    await poster(cloud.url)('demo-regulator', 'admin.market.sharing', { marketId: 'demo-market-1', allowShared: true })
    // An owner may file 5 诉求 in 10 minutes (README, rate limits): the filings rotate over enough
    // owners to stay under it, `concurrency` of them at a time.
    const pool = await onboardOwners(poster(cloud.url), 'bench-complainant', Math.max(concurrency, Math.ceil(filings / 4) + 4), () => ({ stallCode: 'DMA2K7', stallShare: true }))
    const owners = pool.slice(0, concurrency)
    let turn = 4
    const nextOwner = () => pool[turn++ % pool.length]
    const data = photo(photoBytes)
    let n = 0
    const file = async (openid: string) => {
      const { uploadId } = await upload(openid, data)
      return call(openid, 'complaint.submit', { ...FILING, photos: [uploadId] }, `bench-${n++}-${openid}`)
    }
    for (const o of pool.slice(0, 3)) await file(o)
    counter.reset()
    await file(pool[3])
    const trips = counter.count()

    const whole = await concurrently(owners, filings, async () => void (await file(nextOwner())))
    console.log(`upload + submit   p50 ${pct(whole.latencies, 50).toFixed(1)} ms   p95 ${pct(whole.latencies, 95).toFixed(1)} ms   p99 ${pct(whole.latencies, 99).toFixed(1)} ms   (${(whole.latencies.length / whole.seconds).toFixed(0)} filings/s)`)

    // submit alone, each with a photo uploaded beforehand, in the next 10-minute window
    cloud.clock.set(new Date(Date.now() + 11 * 60_000))
    const ready: Array<{ owner: string; uploadId: string }> = []
    for (let i = 0; i < filings; i++) {
      const owner = pool[i % pool.length]
      ready.push({ owner, uploadId: (await upload(owner, data)).uploadId })
    }
    const stock = ready.length
    const submit = await concurrently(owners, stock, async () => {
      const { owner, uploadId } = ready.pop()!
      await call(owner, 'complaint.submit', { ...FILING, photos: [uploadId] }, `bench-s-${n++}`)
    })
    console.log(`submit alone      p50 ${pct(submit.latencies, 50).toFixed(1)} ms   p95 ${pct(submit.latencies, 95).toFixed(1)} ms   p99 ${pct(submit.latencies, 99).toFixed(1)} ms   (${stock} submits)`)
    console.log(`DB round trips per filing (prepare + confirm + submit): ${trips}`)
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
