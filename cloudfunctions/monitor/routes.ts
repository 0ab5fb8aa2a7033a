import { dashboardCharts, dashboardGroups } from '../../src/core/monitor/dashboard'
import { figureTitle, SERVICE_MONTH_LINES, SERVICE_MONTH_SOURCE } from '../../src/core/monitor/figures'
import type { Context } from '../common/context'
import { defineFunction } from '../common/router'
import { dashboardCounts, serviceMonthCounts } from './counts'
import { allRows, listPage } from './lists'
import { scopeOf, scopeView, type Scope } from './scope'
import { exportXlsx, type XlsxSheet } from '../common/xlsx'

const NOTES = [
  '数字由数据库按条件计数，只含本小程序里的记录，不是登记系统的全部个体工商户。',
  '诉求、贷款、走访按所选时间段统计；个体户总数、证照、开业第一课和超期事项是现在的情况。'
]
const SERVICE_NOTES = [
  '走访按户去重；诉求办结按办结时间落在时间段内计；开业第一课按学完且最后一次学习在时间段内计。',
  '“参照”一栏是汇报材料中对应的说法，数字只来自本小程序的记录，请核对后使用。'
]

/** `xlsx` names: the place and period, never an id. */
const fileBase = (ctx: Context, s: Scope, what: string) => `${what}_${s.market?.name ?? scopeView(ctx, s).regionName ?? '全部'}_${s.from}至${s.to}`

/** The scope and period, as the first line of every sheet. */
const headLine = (ctx: Context, s: Scope) => `${scopeView(ctx, s).regionName ?? '全部地区'}${s.market ? ` ${s.market.name}` : ''}，${s.from} 至 ${s.to}`

/** The dashboard as sheets: one per group, a label and its number (and how it was counted). */
function monthlySheets(groups: ReturnType<typeof dashboardGroups>, head: string[]): XlsxSheet[] {
  return groups.map((g) => ({
    name: g.title,
    notes: head,
    columns: [
      { header: '项目', key: 'label', width: 28 },
      { header: '数量', key: 'value', width: 10 },
      { header: '单位', key: 'unit', width: 6 },
      { header: '说明', key: 'note', width: 50 }
    ],
    rows: g.figures.map((f) => ({ label: f.label, value: f.value, unit: f.unit, note: f.note }))
  }))
}

async function serviceMonth(ctx: Context, s: Scope) {
  const counts = await serviceMonthCounts(ctx, s)
  return SERVICE_MONTH_LINES.map((l) => ({ key: l.key, label: l.label, value: counts[l.key], unit: l.unit, quote: l.quote }))
}

export default defineFunction('monitor', {
  async 'monitor.dashboard'(ctx, q) {
    const s = await scopeOf(ctx, q)
    const [counts, ms] = await Promise.all([dashboardCounts(ctx, s), s.markets])
    return {
      scope: scopeView(ctx, s),
      markets: ms.map((m) => ({ id: m._id, name: m.name })),
      groups: dashboardGroups(counts, { admin: !s.region }),
      charts: dashboardCharts(counts, ctx.today.slice(0, 4)),
      notes: NOTES
    }
  },

  async 'monitor.list'(ctx, { figure, cursor, limit, ...q }) {
    const s = await scopeOf(ctx, q)
    const page = await listPage(ctx, s, figure, { cursor, limit })
    return { title: figureTitle(figure), ...page }
  },

  async 'monitor.export'(ctx, { figure, ...q }) {
    const s = await scopeOf(ctx, q)
    if (figure === 'monthly') {
      const counts = await dashboardCounts(ctx, s)
      return exportXlsx(ctx.ports, ctx, { fileBase: fileBase(ctx, s, '监测月报'), sheets: monthlySheets(dashboardGroups(counts, { admin: !s.region }), [headLine(ctx, s), ...NOTES]) })
    }
    const { rows, total, more } = await allRows(ctx, s, figure)
    const title = figureTitle(figure)
    return exportXlsx(ctx.ports, ctx, {
      fileBase: fileBase(ctx, s, title.replace(/[：（）\s]/g, '')),
      sheets: [
        {
          name: '名单',
          notes: [`${title}：${headLine(ctx, s)}`, '名称已隐去部分文字'],
          columns: [
            { header: '名称（已隐去部分）', key: 'title', width: 24 },
            { header: '情况', key: 'lines', width: 50 },
            { header: '日期', key: 'date', width: 12 }
          ],
          rows: [
            ...rows.map((r) => ({ title: r.title, lines: r.lines.join('；'), date: r.date })),
            ...(more ? [{ title: `共${total}条，只导出前${rows.length}条`, lines: '请缩短时间段或按市场筛选后再导出', date: null }] : [])
          ]
        }
      ]
    })
  },

  async 'monitor.serviceMonth'(ctx, { xlsx, ...q }) {
    const s = await scopeOf(ctx, q)
    const lines = await serviceMonth(ctx, s)
    const file = xlsx
      ? await exportXlsx(ctx.ports, ctx, {
          fileBase: fileBase(ctx, s, '服务月报告'),
          sheets: [
            {
              name: '服务月报告',
              notes: [headLine(ctx, s), ...SERVICE_NOTES],
              columns: [
                { header: '项目', key: 'label', width: 24 },
                { header: '数量', key: 'value', width: 10 },
                { header: '单位', key: 'unit', width: 6 },
                { header: `参照（${SERVICE_MONTH_SOURCE}）`, key: 'quote', width: 40 }
              ],
              rows: lines.map((l) => ({ label: l.label, value: l.value, unit: l.unit, quote: l.quote }))
            }
          ]
        })
      : null
    return { scope: scopeView(ctx, s), source: SERVICE_MONTH_SOURCE, lines, notes: SERVICE_NOTES, file }
  }
})
