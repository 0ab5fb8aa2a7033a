import { AreaPicker } from './AreaPicker'

/**
 * Where the stall is: a county's GB/T 2260 code. In H5 the three-column picker over the dataset;
 * in WeChat, RegionPicker.weapp.tsx uses WeChat's own region picker (same codes, no dataset).
 */
export function RegionPicker({ id, label, value, onChange }: { id: string; label: string; value: string; name?: string; onChange: (code: string, name: string) => void }) {
  return <AreaPicker id={id} label={label} value={value} onChange={(code) => onChange(code, '')} />
}
