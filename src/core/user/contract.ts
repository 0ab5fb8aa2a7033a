import { action, ANYONE, OWNER, REGULATOR } from '../common/action'
import { id, isoDate, text, z } from '../zod'
import { areaCodeSchema, countyCodeSchema } from '../region/schema'
import { checkCreditCode } from './creditCode'
import { BUSINESS_TYPES, INDUSTRIES, keysOf, OWNER_GROUPS, REVENUE_BANDS } from './options'
import { STALL_HOLDINGS, STALL_REQUEST_STATUSES } from './stall'
import { decisionBriefSchema } from '../classification/contract'

/** A stall QR `scene`: WeChat allows at most 32 visible characters from this set. */
export const sceneSchema = z
  .string()
  .min(1, '二维码内容为空')
  .max(32, '二维码内容过长')
  .regex(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/, '二维码内容含有无效字符')

/** Stall codes are what the scene carries: short, upper case, no look-alike characters. */
export const stallCodeSchema = z.string().regex(/^[2-9A-HJ-NP-Z]{6,10}$/, '摊位码格式不对')

export const creditCodeSchema = z
  .string()
  .max(40, '统一社会信用代码应为18位')
  .transform((s, ctx) => {
    const r = checkCreditCode(s)
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message })
      return z.NEVER
    }
    return r.code
  })

export const profileInputSchema = z.strictObject({
  businessName: text(50),
  creditCode: creditCodeSchema,
  industry: z.enum(keysOf(INDUSTRIES)),
  /** GB/T 2260 county code (WeChat's region picker) */
  region: countyCodeSchema,
  openedOn: isoDate,
  employees: z.number().int().min(0).max(10000),
  revenueBand: z.enum(keysOf(REVENUE_BANDS)),
  taxPaid: z.boolean(),
  socialInsurance: z.boolean(),
  groups: z.array(z.enum(keysOf(OWNER_GROUPS))).max(5).default([]),
  /** for graduates: policies such as 一次性创业补贴 depend on 离校2年内 (seed 001 measure 5) */
  graduationYear: z.number().int().min(1970).max(2100).nullable().optional(),
  // 名特优新 and 经营异常 are not the owner's to set (#18): a 认定 (recognition/) and the register or
  // staff (notice/) write them; the profile only shows them
  /** The stall the owner scanned, binding the profile to a market and stall. */
  stallCode: stallCodeSchema.optional(),
  /**
   * When another owner holds that stall: bind beside them as a further business (only where the
   * regulator allows it). Without it a held stall is refused, never silently taken.
   */
  stallShare: z.boolean().optional()
})
export type ProfileInput = z.input<typeof profileInputSchema>

export const profileSchema = profileInputSchema.omit({ stallCode: true, stallShare: true }).extend({
  creditCode: z.string(),
  region: z.string(),
  /** the region's name for display ("浙江省温州市鹿城区"): the client carries no division names */
  regionName: z.string(),
  groups: z.array(z.enum(keysOf(OWNER_GROUPS))),
  /**
   * listed as 经营异常: the official mark only (#18, from the register import or staff, written by
   * the notice function); the owner cannot set it. Credit-repair policies and the loan score read it.
   */
  abnormal: z.boolean().optional(),
  updatedAt: z.string()
})
export type Profile = z.infer<typeof profileSchema>

const reasonSchema = z.strictObject({ text: z.string(), met: z.boolean() })
export const classificationSchema = z.strictObject({
  type: z.enum(keysOf(BUSINESS_TYPES)),
  label: z.string(),
  reasons: z.array(reasonSchema),
  focus: z.string(),
  note: z.string(),
  configVersion: z.string()
})

export const marketSchema = z.strictObject({
  id,
  name: z.string(),
  /** GB/T 2260 code */
  region: z.string(),
  regionName: z.string(),
  address: z.string()
})

export { areaCodeSchema }
export type Market = z.infer<typeof marketSchema>

export const stallSchema = z.strictObject({
  id,
  code: z.string(),
  number: z.string(),
  marketId: id
})
export type Stall = z.infer<typeof stallSchema>

export const settingsSchema = z.strictObject({
  /** 关怀模式: larger text, higher contrast */
  careMode: z.boolean(),
  /** 个人信息保护法 Art. 24: the owner may switch personalised recommendation off */
  personalized: z.boolean()
})
export type Settings = z.infer<typeof settingsSchema>
export const DEFAULT_SETTINGS: Settings = { careMode: false, personalized: true }

/** personalized: 个性化推荐 (个人信息保护法 Art. 24), recorded when switched, so its history is kept too */
export const CONSENT_KINDS = { privacy: '个人信息保护告知书', personalized: '个性化推荐' } as const
export const consentSchema = z.strictObject({
  kind: z.enum(keysOf(CONSENT_KINDS)),
  version: z.string().max(20),
  granted: z.boolean(),
  at: z.string()
})
export type Consent = z.infer<typeof consentSchema>

const ownerViewSchema = z.strictObject({
  profile: profileSchema.nullable(),
  /** 估算: the estimate from the current profile (src/core/user/classify.ts) */
  classification: classificationSchema.nullable(),
  /** the latest yearly decision where one runs (#18); shown apart from the estimate */
  decision: decisionBriefSchema.nullable(),
  market: marketSchema.nullable(),
  stall: stallSchema.nullable(),
  /** bound to the stall as a further business beside the owner who holds it */
  stallShared: z.boolean(),
  /**
   * 名特优新: the category of a 认定 in force (#18, recognition/; never a tick of the owner's), with
   * its last day; absent or null: none
   */
  recognition: z.strictObject({ category: z.enum(['famous', 'special', 'quality', 'emerging']), label: z.string(), until: z.string() }).nullable().optional()
})
export type OwnerView = z.infer<typeof ownerViewSchema>

const requestStatusSchema = z.enum(keysOf(STALL_REQUEST_STATUSES))

/** The requester's own view of a stall request: nothing about the owner who holds the stall. */
export const myStallRequestSchema = z.strictObject({
  id,
  status: requestStatusSchema,
  statusLabel: z.string(),
  marketName: z.string(),
  stallNumber: z.string(),
  stallCode: z.string(),
  note: z.string().nullable(),
  /** the regulator's reason when not agreed */
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable()
})
export type MyStallRequest = z.infer<typeof myStallRequestSchema>

/** A business as a regulator sees it in the request queue (no phone: they ask through the market). */
const partySchema = z.strictObject({ businessName: z.string(), creditCode: z.string() })

export const staffStallRequestSchema = z.strictObject({
  id,
  status: requestStatusSchema,
  statusLabel: z.string(),
  marketName: z.string(),
  regionName: z.string(),
  stallNumber: z.string(),
  requester: partySchema,
  /** who holds the stall now (null: nobody any more, or their profile is gone) */
  holder: partySchema.nullable(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable()
})
export type StaffStallRequest = z.infer<typeof staffStallRequestSchema>

/** What scanning a stall code tells the person who scanned it. */
export const stallScanSchema = z.strictObject({
  market: marketSchema,
  stall: stallSchema,
  holding: z.enum(STALL_HOLDINGS),
  /** a further business may bind beside the holder (the regulator's setting for this stall or market) */
  shareAllowed: z.boolean(),
  /** the caller's own open request for this stall */
  request: myStallRequestSchema.nullable()
})
export type StallScan = z.infer<typeof stallScanSchema>

/** 我的办事: the owner's own business in one call, each part a count or the latest state. */
export const affairsSchema = z.strictObject({
  complaints: z.strictObject({ open: z.number().int(), total: z.number().int() }),
  loan: z
    .strictObject({ bankName: z.string(), productName: z.string(), statusLabel: z.string(), createdAt: z.string() })
    .nullable(),
  certificate: z.strictObject({ serial: z.string(), issuedAt: z.string() }).nullable(),
  permits: z.strictObject({
    count: z.number().int(),
    /** already past their expiry date */
    expired: z.number().int(),
    /** the next one to expire, today or later */
    nearest: z.strictObject({ name: z.string(), expiresOn: z.string(), daysLeft: z.number().int() }).nullable()
  }),
  favorites: z.number().int(),
  /** the latest stall request still waiting for a decision */
  stallRequest: myStallRequestSchema.nullable()
})
export type Affairs = z.infer<typeof affairsSchema>

export const staffInfoSchema = z.strictObject({
  name: z.string(),
  role: z.enum(['regulator', 'bank', 'admin']),
  /** GB/T 2260 code of the region they work in; null = everywhere */
  region: z.string().nullable(),
  regionName: z.string().nullable(),
  bankName: z.string().nullable()
})

export const userContract = {
  'user.login': action({
    input: z.strictObject({}),
    output: ownerViewSchema.extend({
      role: z.enum(['owner', 'regulator', 'bank', 'admin']),
      isNew: z.boolean(),
      settings: settingsSchema,
      privacy: z.strictObject({
        acceptedVersion: z.string().nullable(),
        currentVersion: z.string(),
        /** the owner's latest answer to the current notice was 不同意 */
        declined: z.boolean(),
        /** who runs this deployment and how to reach them (configuration; the demo's is marked) */
        operator: z.strictObject({ name: z.string(), contact: z.string(), configured: z.boolean(), demo: z.boolean() })
      }),
      /** an account deletion was started and is still running */
      erasing: z.boolean(),
      staff: staffInfoSchema.nullable(),
      /**
       * the deployment's subscribe-message template ids (function env TMPL_REMINDER / TMPL_POLICY),
       * so a tap can open WeChat's dialog at once without a round trip; null = inbox only
       */
      templates: z.strictObject({ reminder: z.string().nullable(), policy: z.string().nullable() })
    }),
    roles: ANYONE
  }),
  'user.profile.get': action({
    input: z.strictObject({}),
    output: ownerViewSchema,
    roles: OWNER
  }),
  'user.profile.save': action({
    input: profileInputSchema,
    output: ownerViewSchema,
    roles: OWNER
  }),
  'user.stall.resolve': action({
    input: z.strictObject({ scene: sceneSchema }),
    output: stallScanSchema,
    roles: ANYONE
  }),
  /** An owner with a profile binds a scanned stall (free, or beside its holder where allowed). */
  'user.stall.bind': action({
    input: z.strictObject({ stallCode: stallCodeSchema, share: z.boolean() }),
    output: ownerViewSchema,
    roles: OWNER
  }),
  /** Asks the region's regulator to move a stall another owner holds to the caller. */
  'user.stall.request': action({
    input: z.strictObject({ stallCode: stallCodeSchema, note: text(200, 0).optional() }),
    output: myStallRequestSchema,
    roles: OWNER,
    creates: true
  }),
  'user.stall.cancel': action({
    input: z.strictObject({ id }),
    output: myStallRequestSchema,
    roles: OWNER
  }),
  /** The regulator's queue: requests for stalls in their region. */
  'user.stall.requests': action({
    input: z.strictObject({ status: z.enum(['open', 'decided']) }),
    output: z.strictObject({ requests: z.array(staffStallRequestSchema) }),
    roles: REGULATOR
  }),
  'user.stall.decide': action({
    input: z.strictObject({
      id,
      decision: z.enum(['approve', 'decline']),
      /** required to decline: the requester is told why */
      reason: text(200, 0).optional()
    }),
    output: staffStallRequestSchema,
    roles: REGULATOR
  }),
  'user.affairs': action({
    input: z.strictObject({}),
    output: affairsSchema,
    roles: OWNER
  }),
  'user.settings.save': action({
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
    roles: ANYONE
  }),
  'user.consent.record': action({
    input: z.strictObject({
      kind: z.enum(keysOf(CONSENT_KINDS)),
      version: z.string().regex(/^[0-9A-Za-z.-]{1,20}$/, '版本号格式不对'),
      granted: z.boolean()
    }),
    output: z.strictObject({ consents: z.array(consentSchema) }),
    roles: ANYONE
  })
}
