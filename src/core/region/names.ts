import { areaList } from '@vant/area-data'
import { isRegionCode, regionLevel } from './code'

/**
 * Division names for codes, from @vant/area-data (GB/T 2260, maintained, county level; see
 * README for why this dataset). Server side and the H5 picker only: the weapp uses WeChat's own
 * region picker, which returns the same codes, so the names never ship in the mini-program.
 */
const P = areaList.province_list as Record<string, string>
const C = areaList.city_list as Record<string, string>
const K = areaList.county_list as Record<string, string>

const provinceOf = (code: string) => `${code.slice(0, 2)}0000`
const cityOf = (code: string) => `${code.slice(0, 4)}00`

export const isKnownRegion = (code: string) => isRegionCode(code) && !!(P[code] ?? C[code] ?? K[code])
export const isCounty = (code: string) => isRegionCode(code) && !!K[code] && regionLevel(code) === 'county'

/** Province, city, county names (those that apply), a direct-administered city named once. */
export function regionParts(code: string): string[] {
  if (!isKnownRegion(code)) return []
  const out = [P[provinceOf(code)]]
  const level = regionLevel(code)
  if (level !== 'province') {
    const city = C[cityOf(code)]
    if (city && city !== out[0]) out.push(city)
  }
  if (level === 'county') out.push(K[code])
  return out.filter(Boolean)
}

/** "浙江省温州市鹿城区" for 330302; '' for an unknown code. */
export const regionName = (code: string | null | undefined) => (code ? regionParts(code).join('') : '')

/**
 * The code of a place written as text, for migrating old free-text regions: the full name, or
 * without the province ("温州市鹿城区"), or a city ("浙江省温州市"). null when it is not one place.
 */
export function codeFromText(text: string): string | null {
  const t = text.replace(/\s+/g, '')
  if (!t) return null
  if (isKnownRegion(t)) return t
  const hits = new Set<string>()
  for (const code of Object.keys(K)) {
    const full = regionName(code)
    const noProvince = regionParts(code).slice(1).join('')
    if (t === full || (noProvince.length > 2 && t === noProvince)) hits.add(code)
  }
  for (const code of Object.keys(C)) {
    const full = regionName(code)
    if (t === full || t === C[code]) hits.add(code)
  }
  for (const code of Object.keys(P)) if (t === P[code]) hits.add(code)
  return hits.size === 1 ? [...hits][0] : null
}

/** The three columns of a region picker (H5): provinces, the cities of one, the counties of one. */
export const provinces = () => Object.entries(P).map(([code, name]) => ({ code, name }))
export const citiesOf = (province: string) => Object.entries(C).filter(([code]) => code.startsWith(province.slice(0, 2))).map(([code, name]) => ({ code, name }))
export const countiesOf = (city: string) => Object.entries(K).filter(([code]) => code.startsWith(city.slice(0, 4))).map(([code, name]) => ({ code, name }))
