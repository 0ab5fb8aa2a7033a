import { codeFromText } from '../../src/core/region/names'
import { findHeader, normalizeRow, type MarketRef } from '../../src/core/register/rows'
import { DEMO_REGISTER_CSV } from '../common/demoRegister'
import type { Db } from '../common/ports'
import type { MarketDoc } from '../user/owners'
import { readRows } from './read'
import { register } from './store'

/**
 * Loads the demo register (common/demoRegister.ts) through the same row rules as an import; the
 * local seed calls it. Idempotent: entries are set by credit code.
 */
export async function seedDemoRegister(db: Db, now: Date): Promise<number> {
  const marketList: MarketRef[] = (await db.collection<MarketDoc>('markets').find({}, { limit: 1000 })).map((m) => ({ id: m._id, name: m.name, region: m.region }))
  const all = [...(readRows(new TextEncoder().encode(DEMO_REGISTER_CSV), 'csv') as Iterable<{ n: number; cells: unknown[] }>)]
  const header = findHeader(all.map((r) => r.cells))
  if (!header) throw new Error('demo register has no header')
  const at = now.toISOString()
  let n = 0
  for (const r of all.slice(header.index + 1)) {
    if (r.cells.every((c) => !c)) continue
    const res = normalizeRow(r.cells, header.columns, { scope: null, today: '2100-01-01', markets: marketList, regionFromText: codeFromText })
    if (!res.ok) throw new Error(`demo register row ${r.n}: ${res.problems.map((p) => p.reason).join('；')}`)
    const { creditCode } = res.row
    await register(db).set(creditCode, { ...res.row, marketId: res.row.marketId ?? null, importId: 'demo-seed', importedAt: at, updatedAt: at })
    n++
  }
  return n
}
