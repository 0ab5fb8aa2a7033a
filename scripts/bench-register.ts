import ExcelJS from 'exceljs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Db } from '../cloudfunctions/common/ports'
import { creditCodeCheckChar } from '../src/core/user/creditCode'
import { countingDb } from './bench-sweep'
import { startLocalCloud } from './local-cloud/server'

const codeOf = (n: number) => {
  const first17 = `92330302${String(n).padStart(9, '0')}`
  return first17 + creditCodeCheckChar(first17)
}

/**
 * A regulator's import of a `rows`-row .xlsx register (register.import.*), as the page does it:
 * prepare, the bytes to the storage endpoint, preview, then run until finished (each run call
 * writes for up to 40 s, the production budget). Wall time and database round trips per step.
 */
export async function benchRegister(rows = 100_000) {
  console.log(`\n== register import, ${rows.toLocaleString('en-US')} rows (.xlsx), local cloud over HTTP ==`)
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('名录')
  ws.addRow(['统一社会信用代码', '名称', '经营者姓名', '经营场所', '成立日期', '登记状态'])
  for (let i = 0; i < rows; i++) ws.addRow([codeOf(1_000_000 + i), `测试店${i}`, `经营者${i}`, `测试路${i}号`, new Date(Date.UTC(2020, 0, 1 + (i % 1000))), '存续'])
  const bytes = Buffer.from(await wb.xlsx.writeBuffer())
  const dataDir = mkdtempSync(join(tmpdir(), 'getihu-bench-register-'))
  const cloud = await startLocalCloud({ dataDir, seed: true, log: { error: () => undefined, info: () => undefined } })
  const counter = countingDb(cloud.ports.db)
  ;(cloud.ports as { db: Db }).db = counter.db
  const call = async (action: string, payload: unknown) => {
    const res = await fetch(`${cloud.url}/api/functions/register`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': 'demo-regulator' }, body: JSON.stringify({ action, payload }) })
    const body = (await res.json()) as { ok: boolean; data: any }
    if (!body.ok) throw new Error(`${action}: ${JSON.stringify(body)}`)
    return body.data
  }
  try {
    const t0 = performance.now()
    const { cloudPath } = await call('register.import.prepare', { ext: 'xlsx' })
    const up = await fetch(`${cloud.url}/api/local/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': 'demo-regulator' }, body: new Uint8Array(bytes) })
    const { fileID } = (await up.json()) as { fileID: string }
    const t1 = performance.now()
    counter.reset()
    const p = await call('register.import.preview', { fileId: fileID })
    const t2 = performance.now()
    const previewTrips = counter.count()
    counter.reset()
    let runs = 0
    let last: any
    do {
      last = await call('register.import.run', { jobId: p.jobId })
      runs++
    } while (!last.finished)
    const t3 = performance.now()
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    console.log(`file ${(bytes.length / 1024 / 1024).toFixed(1)} MB; upload ${s(t1 - t0)}`)
    console.log(`preview (parse, check, store ${Math.ceil(rows / 1000)} chunks, classify): ${s(t2 - t1)}, ${previewTrips} DB round trips; ${p.valid} valid, ${p.willAdd} to add`)
    console.log(`run: ${s(t3 - t2)} in ${runs} call(s), ${counter.count()} DB round trips; added ${last.added}, updated ${last.updated}, unchanged ${last.unchanged}`)
    console.log(`whole import ${s(t3 - t0)}`)
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) benchRegister(Number(process.env.BENCH_REGISTER_ROWS) || 100_000).catch((err) => {
  console.error(err)
  process.exit(1)
})
