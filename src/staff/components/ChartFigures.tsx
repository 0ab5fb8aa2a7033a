import { View } from '@tarojs/components'
import type { ChartProps } from './chartOption'

/**
 * The figures as text under every chart: readable in 关怀模式 at any size, by a screen reader,
 * and when a phone cannot draw the picture.
 */
export function ChartFigures({ title, data, unit, showTotal }: Pick<ChartProps, 'title' | 'data' | 'unit' | 'showTotal'>) {
  const total = data.reduce((s, d) => s + d.value, 0)
  return (
    <View className='chart__figures' aria-label={title}>
      {data.length === 0 ? <View className='chart__empty'>这段时间还没有数据</View> : null}
      {data.map((d) => (
        <View key={d.label} className='chart__row'>
          <View className='chart__label'>{d.label}</View>
          <View className='chart__value'>
            {d.value}
            {unit ?? ''}
          </View>
        </View>
      ))}
      {showTotal && data.length > 1 ? (
        <View className='chart__row chart__row--total'>
          <View className='chart__label'>合计</View>
          <View className='chart__value'>
            {total}
            {unit ?? ''}
          </View>
        </View>
      ) : null}
    </View>
  )
}
