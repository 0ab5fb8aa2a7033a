import { Picker, Text } from '@tarojs/components'
import { Cell } from '../components/ui'

/** A date cell (WeChat's date picker) for the notice forms; `id` names the shown value. */
export function DateCell({ id, label, value, start, end, onChange }: { id: string; label: string; value: string; start: string; end?: string; onChange: (v: string) => void }) {
  return (
    <Picker mode='date' value={value || start} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <Cell label={label} arrow>
        <Text className={value ? 'picker-value' : 'picker-placeholder'} id={`${id}-value`}>
          {value || '请选择'}
        </Text>
      </Cell>
    </Picker>
  )
}
