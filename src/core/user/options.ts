/** Choices of the owner profile, each with the Chinese label the owner sees. */

export const INDUSTRIES = {
  catering: '餐饮服务',
  foodRetail: '食品销售',
  retail: '零售（非食品）',
  wholesale: '批发',
  services: '居民生活服务',
  lodging: '住宿',
  manufacturing: '加工制造',
  agriculture: '农业种养',
  transport: '交通运输',
  other: '其他'
} as const
export type Industry = keyof typeof INDUSTRIES

/** Annual revenue bands, ordered from smallest to largest (the order is used by rules). */
export const REVENUE_BANDS = {
  lt10w: '10万元以下',
  '10w_50w': '10万–50万元',
  '50w_100w': '50万–100万元',
  '100w_500w': '100万–500万元',
  gte500w: '500万元以上'
} as const
export type RevenueBand = keyof typeof REVENUE_BANDS
export const REVENUE_ORDER = Object.keys(REVENUE_BANDS) as RevenueBand[]

/** Owner groups that support policies depend on (seed 001 measures 5–8, seed 000). */
export const OWNER_GROUPS = {
  graduate: '高校毕业生',
  veteran: '退役军人',
  hardToEmploy: '就业困难人员',
  povertyAlleviated: '脱贫劳动力',
  returnee: '返乡入乡创业农民工'
} as const
export type OwnerGroup = keyof typeof OWNER_GROUPS

export const BUSINESS_TYPES = {
  survival: '生存型',
  growth: '成长型',
  development: '发展型'
} as const
export type BusinessType = keyof typeof BUSINESS_TYPES

export const keysOf = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]
