import { Picker, Text } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { citiesOf, countiesOf, provinces, regionName } from '../core/region/names'
import { Cell } from './ui'

/**
 * Province / city / county in three columns over the GB/T 2260 dataset (core/region/names),
 * answering a division code. `whole` adds 全省 / 全市 at the top of the city and county columns,
 * so staff can pick a province or a city (where a policy applies, where they work). Used by the
 * staff pages on both platforms and by owners in H5; owners in WeChat get WeChat's own region
 * picker instead (RegionPicker.weapp.tsx), so the names never ship in the main package.
 */
export function AreaPicker({ id, label, value, whole, onChange }: { id: string; label: string; value: string; whole?: boolean; onChange: (code: string) => void }) {
  const [sel, setSel] = useState<[number, number, number] | null>(null)
  const provs = useMemo(provinces, [])
  const start = useMemo(() => indicesOf(value, !!whole), [value, whole])
  const [p, c, k] = sel ?? start
  const cities = useMemo(() => [...(whole ? [{ code: provs[p].code, name: '全省' }] : []), ...citiesOf(provs[p].code)], [p, whole, provs])
  const city = cities[Math.min(c, cities.length - 1)]
  const counties = useMemo(
    () => (whole && city.code === provs[p].code ? [{ code: city.code, name: '—' }] : [...(whole ? [{ code: city.code, name: '全市' }] : []), ...countiesOf(city.code)]),
    [city, whole, p, provs]
  )
  const pick = (col: number, i: number) => {
    const next: [number, number, number] = col === 0 ? [i, 0, 0] : col === 1 ? [p, i, 0] : [p, c, i]
    setSel(next)
  }
  const shown = regionName(value)
  return (
    <Picker
      mode='multiSelector'
      range={[provs.map((x) => x.name), cities.map((x) => x.name), counties.map((x) => x.name)]}
      value={[p, Math.min(c, cities.length - 1), Math.min(k, counties.length - 1)]}
      onColumnChange={(e) => pick(Number(e.detail.column), Number(e.detail.value))}
      onChange={(e) => {
        const [, , ki] = (e.detail.value as number[]).map(Number)
        onChange(counties[Math.min(ki, counties.length - 1)].code)
        setSel(null)
      }}
      onCancel={() => setSel(null)}
    >
      <Cell label={label} arrow>
        <Text className={shown ? 'picker-value' : 'picker-placeholder'} id={`${id}-value`}>
          {shown || '请选择'}
        </Text>
      </Cell>
    </Picker>
  )
}

/** Column positions of a code (the first province when none is chosen yet). */
function indicesOf(code: string, whole: boolean): [number, number, number] {
  const provs = provinces()
  const p = Math.max(0, provs.findIndex((x) => x.code.slice(0, 2) === code.slice(0, 2)))
  if (!code) return [p, 0, 0]
  const cities = [...(whole ? [{ code: provs[p].code }] : []), ...citiesOf(provs[p].code)]
  const c = Math.max(0, cities.findIndex((x) => (code.endsWith('0000') ? x.code === code : x.code.slice(0, 4) === code.slice(0, 4) && x.code !== provs[p].code)))
  const city = cities[c]
  const counties = [...(whole ? [{ code: city.code }] : []), ...countiesOf(city.code)]
  const k = Math.max(0, counties.findIndex((x) => x.code === code))
  return [p, c, k]
}
