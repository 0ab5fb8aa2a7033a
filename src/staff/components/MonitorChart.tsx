import { Text, View } from '@tarojs/components'

/**
 * PLACEHOLDER until the lead's `<Chart>` (src/staff/components/Chart.tsx, issue #17) is on main:
 * the same props, and the numbers as a list, which the real chart also shows below its picture.
 * Swap the body for `<Chart {...props} />` when it lands.
 */
export function MonitorChart({ title, data, unit }: { kind: 'bar' | 'pie' | 'line'; title: string; data: Array<{ label: string; value: number }>; unit?: string; height?: number }) {
  return (
    <View className='monitor-chart'>
      <Text className='monitor-chart__title'>{title}</Text>
      {data.map((d) => (
        <View key={d.label} className='monitor-chart__row'>
          <Text>{d.label}</Text>
          <Text>
            {d.value}
            {unit ?? ''}
          </Text>
        </View>
      ))}
    </View>
  )
}
