import { Picker, Text } from '@tarojs/components'
import { Cell } from './ui'

/**
 * WeChat's own region picker: it answers GB/T 2260 codes for province, city and county, so the
 * mini-program carries no division names. `name` is what the server said the current code is.
 */
export function RegionPicker({ id, label, value, name, onChange }: { id: string; label: string; value: string; name?: string; onChange: (code: string, name: string) => void }) {
  return (
    <Picker
      mode='region'
      level='region'
      value={[]}
      onChange={(e) => {
        const d = e.detail as unknown as { code?: string[]; value?: string[] }
        const code = d.code?.[2] ?? ''
        if (code) onChange(code, (d.value ?? []).filter((v, i, a) => a.indexOf(v) === i).join(''))
      }}
    >
      <Cell label={label} arrow>
        <Text className={value ? 'picker-value' : 'picker-placeholder'} id={`${id}-value`}>
          {value ? name || '已选择' : '请选择'}
        </Text>
      </Cell>
    </Picker>
  )
}
