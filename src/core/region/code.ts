/**
 * Regions are GB/T 2260 division codes (6 digits: province, city, county by pairs), never free
 * text: "温州市鹿城区" and "浙江省温州市鹿城区" are one place, 330302. No dataset here, so the
 * client can use it without carrying the names (see names.ts for those).
 */
export const REGION_CODE = /^\d{6}$/

export const isRegionCode = (s: unknown): s is string => typeof s === 'string' && REGION_CODE.test(s)

/** The code's significant digits: 330000 → 33 (province), 330300 → 3303 (city), 330302 → 330302. */
export function regionPrefix(code: string): string {
  if (!isRegionCode(code)) return code
  if (code.endsWith('0000')) return code.slice(0, 2)
  if (code.endsWith('00')) return code.slice(0, 4)
  return code
}

/** Is `code` inside `area` (itself, or a county of that city or province)? */
export const within = (code: string | null | undefined, area: string) => !!code && isRegionCode(code) && isRegionCode(area) && code.startsWith(regionPrefix(area))

export type RegionLevel = 'province' | 'city' | 'county'
export const regionLevel = (code: string): RegionLevel => (code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county')
