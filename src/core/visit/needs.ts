/** What a household can ask for at a visit (issue #17, 走访问需: the fixed list the regulator ticks). */
export const NEED_KINDS = {
  finance: '融资',
  hiring: '招工',
  premises: '场地',
  permits: '证照',
  tax: '税费',
  complaint: '诉求',
  other: '其他'
} as const
export type NeedKind = keyof typeof NEED_KINDS
export const NEED_KEYS = Object.keys(NEED_KINDS) as NeedKind[]
