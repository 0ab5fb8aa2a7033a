// Labels only (no zod, no dataset): the client shows them on cards and details.
import type { MatchStatus } from './match'

/**
 * What a list shows for one policy and one owner: the match status, or why it cannot apply at
 * all (ended, a place the document does not name, another region). Never a verdict: 可能符合.
 */
export type Fit = MatchStatus | 'expired' | 'regionUnknown' | 'elsewhere'

export const FIT_LABELS: Record<Fit, string> = {
  match: '可能符合',
  almost: '差一项',
  no: '可能不符合',
  elsewhere: '不适用本地区',
  regionUnknown: '地区不明',
  expired: '已过期'
}
