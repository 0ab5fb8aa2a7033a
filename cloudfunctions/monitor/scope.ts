import { chinaStartOfDay } from '../../src/core/common/time'
import { daysAfter, defaultPeriod } from '../../src/core/monitor/figures'
import { regionName } from '../../src/core/region/names'
import { regionPrefix, within } from '../../src/core/region/code'
import type { Context } from '../common/context'
import { notFound } from '../common/errors'
import { cmd, type Cond, type Where } from '../common/ports'
import { markets, type MarketDoc } from '../user/owners'

/**
 * Who sees what: a regulator their region (a code prefix, exactly as the 诉求 workbench scopes its
 * queue), an admin everything; the market filter is one of the region's markets. `where(region,
 * market)` narrows any collection by its copy of the region and market fields.
 */
export interface Scope {
  region: string | null
  market: MarketDoc | null
  /** the region's markets (read beside the counts, not before them, unless a market is chosen) */
  markets: Promise<MarketDoc[]>
  /** the period as instants: [start of `from`, start of the day after `to`) in China time */
  since: string
  until: string
  from: string
  to: string
  where(regionField: string, marketField: string | null, extra?: Where): Where
}

export async function scopeOf(ctx: Context, query: { marketId?: string; from?: string; to?: string }): Promise<Scope> {
  const q = { marketId: query.marketId, ...(query.from && query.to ? { from: query.from, to: query.to } : defaultPeriod(ctx.today)) }
  const region = ctx.staff?.region ?? null
  const regionCond: Cond | null = region ? cmd.prefix(regionPrefix(region)) : null
  const list = markets(ctx).find(region ? { region: cmd.prefix(regionPrefix(region)) } : {}, { orderBy: [['name', 'asc']], limit: 200 })
  // the figures wait for the market only when one is chosen: it must be the region's
  list.catch(() => undefined)
  let market: MarketDoc | null = null
  if (q.marketId) {
    market = (await list).find((m) => m._id === q.marketId) ?? (await markets(ctx).get(q.marketId))
    // another region's market reads as unknown, never as its figures
    if (!market || (region && !within(market.region, region))) throw notFound('没有找到这个市场，或不在您的辖区')
  }
  return {
    region,
    market,
    markets: list,
    from: q.from,
    to: q.to,
    since: chinaStartOfDay(q.from).toISOString(),
    until: chinaStartOfDay(daysAfter(q.to, 1)).toISOString(),
    where(regionField, marketField, extra = {}) {
      const w: Where = { ...extra }
      // the market filter narrows further; the region always applies (a market's documents are in it anyway)
      if (regionCond) w[regionField] = regionCond
      if (market && marketField) w[marketField] = market._id
      return w
    }
  }
}

export const scopeView = (_ctx: Context, s: Scope) => ({
  regionName: s.region ? regionName(s.region) || null : null,
  marketName: s.market?.name ?? null,
  from: s.from,
  to: s.to
})
