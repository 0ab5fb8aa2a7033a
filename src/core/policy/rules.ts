import { areaCodeSchema } from '../region/schema'
import { z } from '../zod'
import { BUSINESS_TYPES, INDUSTRIES, keysOf, REVENUE_BANDS } from '../user/options'
import { FEATURED, MATCH_GROUPS } from './facts'

export { FACT_LABELS, FEATURED, MATCH_GROUPS, type Featured, type MatchGroup } from './facts'

/**
 * Eligibility as data: every condition names a fact of the owner's profile, an operator and a
 * value, and the schema knows which operators and values fit each fact. A rule that names an
 * unknown fact or operator fails validation with the path of the error.
 */
const num = z.number().int().min(0).max(100000)

export const conditionSchema = z.discriminatedUnion('fact', [
  // GB/T 2260 code of the province, city or county the policy applies in
  z.strictObject({ fact: z.literal('region'), op: z.literal('within'), value: areaCodeSchema }),
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


/** Compile-time guard: the label module's Fact list and the schema's facts are the same set. */
type SameFacts = [Condition['fact']] extends [import('./facts').Fact] ? ([import('./facts').Fact] extends [Condition['fact']] ? true : never) : never
export const FACTS_AGREE: SameFacts = true
