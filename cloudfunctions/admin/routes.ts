import { readableCode } from '../common/codes'
import type { Context } from '../common/context'
import { AppError, DuplicateKeyError, forbidden, notFound } from '../common/errors'
import { cmd } from '../common/ports'
import { COLLECTIONS, setupChecklist } from '../common/indexes'
import { regionPrefix, within } from '../../src/core/region/code'
import { regionName } from '../../src/core/region/names'
import { migrateRegions } from './migrate'
import { migrateAbnormalTicks } from '../notice/migrate'
import { migrateFeaturedTicks } from '../recognition/migrate'
import { staffHandlers } from './staff'
import { addOnce, recordId } from '../common/once'
import { defineFunction } from '../common/router'
import { markets, owners, stalls, toMarket, toStall, type MarketDoc, type StallDoc } from '../user/owners'

/** The page a stall QR code opens; WeChat needs it published (checkPath off while testing). */
export const ONBOARD_PAGE = 'pages/onboard/index'
/** QR images made per sheet call: wxacode is rate-limited and a function has a time limit. */
export const QR_PER_CALL = 40

export const newStallCode = () => readableCode(6)

/** A regulator works inside their region; an admin (region null) everywhere. */
function assertRegion(ctx: Context, region: string) {
  const mine = ctx.staff?.region
  if (mine && !within(region, mine)) throw forbidden(`您只能管理${regionName(mine)}范围内的市场`)
}

const marketView = (m: MarketDoc, stallCount: number) => ({ ...toMarket(m), stallCount, allowShared: !!m.allowShared })

/** Stalls as staff manage them: how many businesses each has bound (one query for the market). */
async function staffStalls(ctx: Context, marketId: string, list: StallDoc[]) {
  const bound = await owners(ctx).find({ marketId }, { limit: 1000 })
  const count = new Map<string, number>()
  for (const o of bound) if (o.stallId) count.set(o.stallId, (count.get(o.stallId) ?? 0) + 1)
  return list.map((s) => ({ ...toStall(s), businesses: count.get(s._id) ?? 0, allowShared: s.allowShared ?? null }))
}

async function marketFor(ctx: Context, marketId: string): Promise<MarketDoc> {
  const market = await markets(ctx).get(marketId)
  if (!market) throw notFound('没有找到这个市场')
  assertRegion(ctx, market.region)
  return market
}

/** The stall's id is bound to the request (common/once.ts): a retried create finds its own stalls. */
const stallId = (ctx: Context, marketId: string, number: string) => recordId(ctx, `stall:${marketId}:${number}`)

async function addStall(ctx: Context, marketId: string, number: string): Promise<StallDoc | null> {
  const at = ctx.now.toISOString()
  const _id = stallId(ctx, marketId, number)
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = { marketId, number, code: newStallCode(), qrFileId: null, qrTarget: null, createdAt: at, updatedAt: at }
    const r = await addOnce(stalls(ctx), _id, doc).catch((err) => {
      if (err instanceof DuplicateKeyError) return null
      throw err
    })
    if (r) return r.doc
    // Either the code collided (try another) or the number exists (a concurrent create).
    const [taken] = await stalls(ctx).find({ marketId, number }, { limit: 1 })
    if (taken) return null
  }
  throw new AppError('INTERNAL', '生成摊位码失败，请重试')
}

export default defineFunction('admin', {
  async 'admin.setup'(ctx) {
    const created: string[] = []
    const existing: string[] = []
    // one at a time: a quick call per collection, and a failure names the collection it stopped at
    for (const name of COLLECTIONS) {
      if (await ctx.ports.db.createCollection(name)) created.push(name)
      else existing.push(name)
    }
    const checklist = setupChecklist()
    // data written before regions were codes; bounded per run so the call ends in time
    const regions = await migrateRegions(ctx.db)
    // #18: owners' own 经营异常 ticks are no longer believed (notice/migrate.ts)
    const abnormalTicks = await migrateAbnormalTicks(ctx.db, ctx.now)
    // 名特优新 ticks from before #18 become the owner's wish, never a category (recognition/migrate.ts)
    const featuredTicks = await migrateFeaturedTicks(ctx.db)
    const message =
      (created.length ? `已新建 ${created.length} 个集合` : '所有集合都已存在，没有新建') +
      `；还需在云开发控制台 → 数据库中逐项完成 ${checklist.length} 个集合的权限和索引设置（见清单）。` +
      (regions.migrated ? `已把 ${regions.migrated} 条记录的地区改为行政区划代码。` : '') +
      (regions.unresolved ? `有 ${regions.unresolved} 条记录的地区无法识别，需要重新选择。` : '') +
      (abnormalTicks.cleared ? `已清除 ${abnormalTicks.cleared} 户自己勾选的“经营异常”（以登记名录或工作人员标记为准）。` : '') +
      (featuredTicks.moved ? `已把 ${featuredTicks.moved} 户自己勾选的“名特优新”改为申报提示（只有认定才算数）。` : '') +
      (regions.more || abnormalTicks.more || featuredTicks.more ? '还有记录没有检查完，请再运行一次。' : '')
    return { created, existing, checklist, regions, message }
  },

  async 'admin.market.create'(ctx, input) {
    assertRegion(ctx, input.region)
    const doc = { ...input, createdBy: ctx.openid, createdAt: ctx.now.toISOString(), updatedAt: ctx.now.toISOString() }
    return toMarket((await addOnce(markets(ctx), recordId(ctx, 'market'), doc)).doc)
  },

  async 'admin.market.list'(ctx) {
    const region = ctx.staff?.region
    const list = await markets(ctx).find(region ? { region: cmd.prefix(regionPrefix(region)) } : {}, {
      orderBy: [['createdAt', 'asc']],
      limit: 1000
    })
    const counts = await Promise.all(list.map((m) => stalls(ctx).count({ marketId: m._id })))
    return { markets: list.map((m, i) => marketView(m, counts[i])) }
  },

  async 'admin.stall.create'(ctx, { marketId, numbers }) {
    await marketFor(ctx, marketId)
    const wanted = [...new Set(numbers)]
    const already = await stalls(ctx).find({ marketId, number: cmd.in(wanted) }, { limit: 1000 })
    // stalls this same request made in an earlier attempt count as created, as they were then
    const created: StallDoc[] = already.filter((s) => s._id === stallId(ctx, marketId, s.number))
    const existing = new Set(already.filter((s) => !created.includes(s)).map((s) => s.number))
    const mine = new Set(created.map((s) => s.number))
    for (const number of wanted) {
      if (existing.has(number) || mine.has(number)) continue
      const s = await addStall(ctx, marketId, number)
      if (s) created.push(s)
      else existing.add(number)
    }
    return { created: created.map(toStall), existing: [...existing] }
  },

  async 'admin.stall.list'(ctx, { marketId }) {
    const market = await marketFor(ctx, marketId)
    const list = await stalls(ctx).find({ marketId }, { orderBy: [['number', 'asc']], limit: 1000 })
    return { market: marketView(market, list.length), stalls: await staffStalls(ctx, marketId, list) }
  },

  // Whether a further business may bind to a stall another owner holds: the market's default ...
  async 'admin.market.sharing'(ctx, { marketId, allowShared }) {
    const market = await marketFor(ctx, marketId)
    await markets(ctx).update(marketId, { allowShared, updatedAt: ctx.now.toISOString() })
    return marketView({ ...market, allowShared }, await stalls(ctx).count({ marketId }))
  },

  // ... and a stall's own setting (null: as the market says)
  async 'admin.stall.sharing'(ctx, { stallId, allowShared }) {
    const stall = await stalls(ctx).get(stallId)
    if (!stall) throw notFound('没有找到这个摊位')
    await marketFor(ctx, stall.marketId)
    await stalls(ctx).update(stallId, { allowShared, updatedAt: ctx.now.toISOString() })
    const [view] = await staffStalls(ctx, stall.marketId, [{ ...stall, allowShared }])
    return view
  },

  async 'admin.qr.sheet'(ctx, { marketId }) {
    const market = await marketFor(ctx, marketId)
    const list = await stalls(ctx).find({ marketId }, { orderBy: [['number', 'asc']], limit: 1000 })
    // Images are made once and kept: a reprint costs nothing and wxacode's quota is spared.
    let made = 0
    for (const s of list) {
      if (s.qrFileId || made >= QR_PER_CALL) continue
      const { bytes, target } = await ctx.ports.qr.png(s.code, ONBOARD_PAGE)
      const fileId = await ctx.ports.storage.put(`qr/${marketId}/${s.code}.png`, bytes, 'image/png')
      await stalls(ctx).update(s._id, { qrFileId: fileId, qrTarget: target, updatedAt: ctx.now.toISOString() })
      Object.assign(s, { qrFileId: fileId, qrTarget: target })
      made++
    }
    const ready = list.filter((s) => s.qrFileId)
    const urls = await ctx.ports.storage.urls(ready.map((s) => s.qrFileId!))
    return {
      market: toMarket(market),
      pending: list.length - ready.length,
      items: ready.map((s, i) => ({ stallId: s._id, number: s.number, code: s.code, target: s.qrTarget ?? '', imageUrl: urls[i] }))
    }
  },

  // staff by invitation, the setup code, the audit log, helpers at a stall (./staff.ts)
  ...staffHandlers
})
