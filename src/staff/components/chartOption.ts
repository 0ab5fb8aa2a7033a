/**
 * The chart's picture as an ECharts option, built from plain figures. Pure (no ECharts import),
 * so both builds draw the same thing and a unit test can read what will be drawn.
 */
export type ChartKind = 'bar' | 'pie' | 'line'

export interface ChartDatum {
  label: string
  value: number
}

export interface ChartProps {
  kind: ChartKind
  /** what the figures are, read aloud by the table under the picture as well */
  title: string
  data: ChartDatum[]
  /** 户, 件, 人 ...: shown after every number */
  unit?: string
  /** CSS pixels; the width is the page's */
  height?: number
  /** the figures may be cut to this many for the picture (the table below keeps them all) */
  maxBars?: number
  /** add a 合计 line: only where the parts add up to a whole (a split), never for nested steps */
  showTotal?: boolean
}

// WeChat green first; the others tell neighbouring slices apart for most colour vision
export const PALETTE = ['#07c160', '#1677ff', '#fa8c16', '#eb2f96', '#722ed1', '#13c2c2', '#a0d911', '#8c8c8c']

/** Long labels wrap on a phone-width axis; beyond 6 characters they are cut with an ellipsis. */
export const shortLabel = (s: string, max = 6) => ([...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s)

/** The top `max` figures by the order given, the rest summed as 其他 (so the total stays true). */
export function capData(data: ChartDatum[], max: number): ChartDatum[] {
  if (data.length <= max) return data
  const kept = data.slice(0, max - 1)
  const rest = data.slice(max - 1).reduce((s, d) => s + d.value, 0)
  return [...kept, { label: '其他', value: rest }]
}

export function chartOption(p: ChartProps, fontSize = 12): Record<string, unknown> {
  const data = p.kind === 'line' ? p.data : capData(p.data, p.maxBars ?? 8)
  const unit = p.unit ?? ''
  const base = {
    // drawn once, at once: a phone never spends frames on it, and a test sees the final picture
    animation: false,
    color: PALETTE,
    textStyle: { fontSize, fontFamily: 'sans-serif' }
  }
  if (p.kind === 'pie') {
    return {
      ...base,
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '52%'],
          label: { formatter: (x: { name: string; value: number }) => `${shortLabel(x.name)} ${x.value}${unit}`, fontSize },
          data: data.map((d) => ({ name: d.label, value: d.value }))
        }
      ]
    }
  }
  return {
    ...base,
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.map((d) => shortLabel(d.label)),
      axisLabel: { fontSize, interval: 0, rotate: data.length > 4 ? 30 : 0 }
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
    series: [
      {
        type: p.kind,
        data: data.map((d) => d.value),
        label: { show: data.length <= 12, position: 'top', fontSize },
        ...(p.kind === 'line' ? { smooth: false, symbolSize: 6, areaStyle: { opacity: 0.12 } } : { barMaxWidth: 36 })
      }
    ]
  }
}
