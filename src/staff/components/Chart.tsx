import { View } from '@tarojs/components'
import { useEffect, useId, useRef } from 'react'
import { useSession } from '../../store/session'
import { ChartFigures } from './ChartFigures'
import { chartOption, type ChartProps } from './chartOption'
import './chart.css'

/**
 * A bar, pie or line chart with its figures as text below (H5: ECharts on a DOM element; the
 * weapp build uses Chart.weapp.tsx, a Canvas 2D node). The picture is extra: if it cannot be
 * drawn the figures are all still there.
 */
export function Chart(p: ChartProps) {
  const { careMode } = useSession()
  const id = `chart-${useId().replace(/[^a-zA-Z0-9]/g, '')}`
  const chart = useRef<{ dispose(): void; setOption(o: unknown, notMerge?: boolean): void; resize(): void } | null>(null)
  const height = p.height ?? 220
  const font = careMode ? 16 : 12
  useEffect(() => {
    let gone = false
    // ECharts is loaded on first use: a staff page without charts never pays for it
    import('./echarts')
      .then(({ echarts }) => {
        const el = typeof document !== 'undefined' ? document.getElementById(id) : null
        if (gone || !el || p.data.length === 0) return
        if (!chart.current) chart.current = echarts.init(el as HTMLElement, null, { renderer: 'canvas', height })
        chart.current.setOption(chartOption(p, font), true)
      })
      .catch(() => undefined)
    return () => {
      gone = true
    }
  }, [id, p.kind, p.title, p.unit, JSON.stringify(p.data), font, height])
  useEffect(() => {
    const onResize = () => chart.current?.resize()
    if (typeof window !== 'undefined') window.addEventListener('resize', onResize)
    return () => {
      if (typeof window !== 'undefined') window.removeEventListener('resize', onResize)
      chart.current?.dispose()
      chart.current = null
    }
  }, [])
  return (
    <View className='chart'>
      <View className='chart__title'>{p.title}</View>
      {p.data.length ? <View id={id} className='chart__canvas' style={{ height: `${height}px` }} /> : null}
      <ChartFigures title={p.title} data={p.data} unit={p.unit} showTotal={p.showTotal} />
    </View>
  )
}
