// Labels only, no zod: client pages import this without pulling in the validation library.
import { OWNER_GROUPS } from '../user/options'

export type Fact = 'region' | 'industry' | 'type' | 'groups' | 'monthsInBusiness' | 'employees' | 'revenueBand' | 'taxPaid' | 'socialInsurance' | 'featured' | 'abnormal'

export const FEATURED = { famous: '知名', special: '特色', quality: '优质', emerging: '新兴' } as const
export type Featured = keyof typeof FEATURED

/** Groups for matching: the profile's groups, plus one derived from the graduation year. */
export const MATCH_GROUPS = { ...OWNER_GROUPS, recentGraduate: '离校2年内高校毕业生' } as const
export type MatchGroup = keyof typeof MATCH_GROUPS

/** Chinese names of the facts, for staff editing rules. */
export const FACT_LABELS: Record<Fact, string> = {
  region: '所在地区',
  industry: '行业',
  type: '经营类型（分型）',
  groups: '人员类别',
  monthsInBusiness: '经营时长（月）',
  employees: '雇员人数',
  revenueBand: '年营业额',
  taxPaid: '依法纳税',
  socialInsurance: '参加社保',
  featured: '名特优新类别',
  abnormal: '列入经营异常名录'
}
