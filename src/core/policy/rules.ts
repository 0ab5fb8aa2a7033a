import { z } from '../zod'
import { BUSINESS_TYPES, INDUSTRIES, keysOf, OWNER_GROUPS, REVENUE_BANDS } from '../user/options'

/**
 * Eligibility as data: every condition names a fact of the owner's profile, an operator and a
 * value, and the schema knows which operators and values fit each fact. A rule that names an
 * unknown fact or operator fails validation with the path of the error.
 */
export const FEATURED = { famous: '知名', special: '特色', quality: '优质', emerging: '新兴' } as const
export type Featured = keyof typeof FEATURED

/** Groups for matching: the profile's groups, plus one derived from the graduation year. */
export const MATCH_GROUPS = { ...OWNER_GROUPS, recentGraduate: '离校2年内高校毕业生' } as const
export type MatchGroup = keyof typeof MATCH_GROUPS

const num = z.number().int().min(0).max(100000)

export const conditionSchema = z.discriminatedUnion('fact', [
  z.strictObject({ fact: z.literal('region'), op: z.literal('within'), value: z.string().trim().min(2).max(40) }),
  z.strictObject({ fact: z.literal('industry'), op: z.literal('in'), value: z.array(z.enum(keysOf(INDUSTRIES))).min(1).max(10) }),
  z.strictObject({ fact: z.literal('type'), op: z.literal('in'), value: z.array(z.enum(keysOf(BUSINESS_TYPES))).min(1).max(3) }),
  z.strictObject({ fact: z.literal('groups'), op: z.literal('hasAny'), value: z.array(z.enum(keysOf(MATCH_GROUPS))).min(1).max(6) }),
  z.strictObject({ fact: z.literal('monthsInBusiness'), op: z.enum(['gte', 'lte']), value: num }),
  z.strictObject({ fact: z.literal('employees'), op: z.enum(['gte', 'lte']), value: num }),
  z.strictObject({ fact: z.literal('revenueBand'), op: z.enum(['gte', 'lte']), value: z.enum(keysOf(REVENUE_BANDS)) }),
  z.strictObject({ fact: z.literal('taxPaid'), op: z.literal('is'), value: z.boolean() }),
  z.strictObject({ fact: z.literal('socialInsurance'), op: z.literal('is'), value: z.boolean() }),
  z.strictObject({ fact: z.literal('featured'), op: z.literal('in'), value: z.array(z.enum(keysOf(FEATURED))).min(1).max(4) }),
  z.strictObject({ fact: z.literal('abnormal'), op: z.literal('is'), value: z.boolean() })
])
export type Condition = z.infer<typeof conditionSchema>

export const rulesSchema = z.array(conditionSchema).max(12)

/** Chinese names of the facts, for staff editing rules. */
export const FACT_LABELS: Record<Condition['fact'], string> = {
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
