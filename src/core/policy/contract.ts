import { action, OWNER, REGULATOR } from '../common/action'
import { id, isoDate, text, z } from '../zod'
import { keysOf } from '../user/options'
import { CATEGORIES } from './categories'
import { rulesSchema } from './rules'
import { actOutSchema, contactInputSchema, contactSchema, departmentSchema, staffActSchema } from './actSchema'
import { areaCodeSchema } from '../region/schema'
import { pageInput as cursorPage, pageOutput as cursorPageOutput } from '../common/paging'

const reasonSchema = z.strictObject({ met: z.boolean(), text: z.string() })

export const policyItemSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  category: z.enum(keysOf(CATEGORIES)),
  department: z.string(),
  what: z.string(),
  publishedAt: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  expired: z.boolean(),
  /** core/policy/age: current, 已过期, or 请确认 (no stated end, not reviewed for 12 months) */
  age: z.enum(['current', 'expired', 'unconfirmed']),
  /** what the owner reads about it; null when current */
  ageNote: z.string().nullable(),
  /** null when recommendation is off or there is no profile */
  status: z.enum(['match', 'almost', 'no']).nullable(),
  missing: z.string().nullable(),
  /** the one word a list shows (core/policy/fit): 可能符合, 不适用本地区…; null like status */
  fit: z.enum(['match', 'almost', 'no', 'expired', 'regionUnknown', 'elsewhere']).nullable(),
  /** where it applies seen from the owner's region (core/policy/rank); null without a region */
  scope: z.enum(['local', 'province', 'national', 'elsewhere', 'unknown']).nullable(),
  /** where it applies, in words: 浙江省温州市, 全国, 地区不明 */
  place: z.string(),
  /** 《title》 · issuer · year, and 征求意见稿（尚未正式施行） for a draft: never a file name */
  sourceLine: z.string(),
  read: z.boolean(),
  favorite: z.boolean()
})
export type PolicyItem = z.infer<typeof policyItemSchema>

const sourceSchema = z.strictObject({
  document: text(120),
  number: text(40).nullable(),
  clause: text(40),
  seed: z.string().max(60).optional(),
  // the library's documents say more about themselves (content/policies); staff policies need not
  title: text(120).optional(),
  issuer: text(200).optional(),
  draft: z.boolean().optional(),
  region: text(40).nullable().optional(),
  year: text(20).nullable().optional()
})

/** The words that back a policy, for the owner to read: quotes of the source, and our own readings. */
const evidenceItemSchema = z.strictObject({ claim: z.string(), quote: z.string() })
const platformItemSchema = z.strictObject({ claim: z.string(), note: z.string() })
const periodOutSchema = z.strictObject({ text: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable(), quote: z.string().nullable() })

const summarySchema = z.strictObject({ what: text(400), who: text(300), how: text(300), where: text(120) })

/** What a regulator writes; the rules are validated (unknown facts or operators are refused). */
export const policyInputSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    title: text(60),
    summary: summarySchema,
    department: text(80),
    category: z.enum(keysOf(CATEGORIES)),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable(),
    source: sourceSchema,
    conditions: rulesSchema,
    /** how to act; absent on policies written before it existed */
    act: staffActSchema.optional()
  })
  .refine((p) => !p.effectiveTo || p.effectiveTo >= p.effectiveFrom, { message: '失效日期不能早于生效日期', path: ['effectiveTo'] })

/** Owners' lists page with a cursor (core/common/paging.ts): a policy published meanwhile never shifts a page. */
const pageInput = cursorPage(20, 50)
const pageOutput = { items: z.array(policyItemSchema), ...cursorPageOutput }
/** The staff contacts list: a short list of offices, paged by position. */
const offsetPageInput = { offset: z.number().int().min(0).max(5000).default(0), limit: z.number().int().min(1).max(50).default(20) }

export const policyDetailSchema = policyItemSchema.extend({
  summary: summarySchema,
  effectiveFrom: z.string(),
  source: sourceSchema,
  conditions: z.array(z.string()),
  reasons: z.array(reasonSchema),
  /** what the document says about time; null for staff-written policies */
  period: periodOutSchema.nullable(),
  evidence: z.array(evidenceItemSchema),
  platform: z.array(platformItemSchema),
  act: actOutSchema
})

const staffPolicySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  category: z.enum(keysOf(CATEGORIES)),
  status: z.enum(['draft', 'published', 'withdrawn']),
  publishedAt: z.string().nullable(),
  push: z.enum(['none', 'queued', 'done', 'stopped']),
  stats: z.strictObject({ pushed: z.number().int(), opened: z.number().int(), favorited: z.number().int() }),
  age: z.enum(['current', 'expired', 'unconfirmed']),
  /** when a staff member last confirmed it is still in force, and who */
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  updatedAt: z.string()
})

export const policyContract = {
  'policy.feed': action({
    input: z.strictObject(pageInput),
    output: z.strictObject({ ...pageOutput, personalized: z.boolean(), hasProfile: z.boolean() }),
    roles: OWNER
  }),
  'policy.list': action({
    input: z.strictObject({
      ...pageInput,
      category: z.enum(keysOf(CATEGORIES)).optional(),
      department: text(80).optional(),
      favorites: z.boolean().optional()
    }),
    output: z.strictObject({ ...pageOutput, departments: z.array(z.string()) }),
    roles: OWNER
  }),
  'policy.search': action({
    input: z.strictObject({ q: text(40), ...pageInput }),
    output: z.strictObject(pageOutput),
    roles: OWNER
  }),
  'policy.get': action({
    input: z.strictObject({ id }),
    output: policyDetailSchema,
    roles: OWNER
  }),
  'policy.read': action({
    input: z.strictObject({ id }),
    output: z.strictObject({ read: z.boolean() }),
    roles: OWNER
  }),
  'policy.favorite': action({
    input: z.strictObject({ id, favorite: z.boolean() }),
    output: z.strictObject({ favorite: z.boolean() }),
    roles: OWNER
  }),
  /** Every policy, newest written first, a page at a time, with how many there are. */
  'policy.admin.list': action({
    input: z.strictObject({ status: z.enum(['draft', 'published', 'withdrawn']).optional(), ...cursorPage(30) }),
    output: z.strictObject({ policies: z.array(staffPolicySchema), ...cursorPageOutput }),
    roles: REGULATOR
  }),
  /** 待复核: published policies with no stated end that nobody has confirmed for 12 months */
  'policy.admin.reviewList': action({
    input: z.strictObject({}),
    output: z.strictObject({ policies: z.array(staffPolicySchema) }),
    roles: REGULATOR
  }),
  /** one tap: "still in force", recorded with who and when; the owner's 请确认 note goes away */
  'policy.admin.review': action({
    input: z.strictObject({ id }),
    output: staffPolicySchema,
    roles: REGULATOR
  }),
  'policy.admin.get': action({
    input: z.strictObject({ id }),
    output: z.strictObject({ policy: policyInputSchema.safeExtend({ id: z.string() }), status: z.enum(['draft', 'published', 'withdrawn']) }),
    roles: REGULATOR
  }),
  'policy.admin.save': action({
    input: policyInputSchema,
    output: staffPolicySchema,
    roles: REGULATOR,
    creates: true
  }),
  'policy.admin.preview': action({
    input: z.strictObject({ conditions: rulesSchema }),
    output: z.strictObject({
      /** owners it would reach now (personalisation on, rules met) */
      count: z.number().int(),
      /** true where a condition could only be narrowed approximately in the database */
      approximate: z.boolean(),
      sample: z.array(z.strictObject({ business: z.string(), reasons: z.array(reasonSchema) }))
    }),
    roles: REGULATOR
  }),
  'policy.admin.publish': action({
    input: z.strictObject({ id }),
    output: staffPolicySchema,
    roles: REGULATOR
  }),
  'policy.admin.seed': action({
    // loads the cited library (idempotent); refreshes library policies staff have not edited
    input: z.strictObject({}),
    output: z.strictObject({ added: z.number().int(), updated: z.number().int() }),
    roles: ['admin']
  }),
  'policy.admin.withdraw': action({
    input: z.strictObject({ id }),
    output: staffPolicySchema,
    roles: REGULATOR
  }),
  /**
   * The offices owners are sent to, per department and region (core/policy/act): a regulator sees
   * those of their region and of the regions above it (read only), an admin all.
   */
  'policy.contact.list': action({
    input: z.strictObject(offsetPageInput),
    output: z.strictObject({
      contacts: z.array(contactSchema.extend({ editable: z.boolean() })),
      total: z.number().int(),
      nextOffset: z.number().int().nullable()
    }),
    roles: REGULATOR
  }),
  /** one per department and region: saving again replaces it (so a retry is harmless) */
  'policy.contact.save': action({
    input: contactInputSchema,
    output: contactSchema,
    roles: REGULATOR
  }),
  'policy.contact.remove': action({
    input: z.strictObject({ department: departmentSchema, region: areaCodeSchema }),
    output: z.strictObject({ removed: z.boolean() }),
    roles: REGULATOR
  })
}
