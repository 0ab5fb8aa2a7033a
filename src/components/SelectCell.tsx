import { Picker, Text } from '@tarojs/components'
import { Cell } from './ui'

/**
 * A cell that opens WeChat's selector picker over a labelled set of keys (industry, revenue
 * band, ...). `id` names the shown value (`<id>-value`), which the browser tests read.
 */
export function SelectCell<K extends string>({
  id,
  label,
  options,
  value,
  onChange
}: {
  id: string
  label: string
  options: Record<K, string>
  value: K | ''
  onChange: (key: K) => void
}) {
  const keys = Object.keys(options) as K[]
  return (
    <Picker mode='selector' range={keys.map((k) => options[k])} value={Math.max(0, keys.indexOf(value as K))} onChange={(e) => onChange(keys[Number(e.detail.value)])}>
      <Cell label={label} arrow>
        <Text className={value ? 'picker-value' : 'picker-placeholder'} id={`${id}-value`}>
          {value ? options[value as K] : '请选择'}
        </Text>
      </Cell>
    </Picker>
  )
}
