import { action, ADMIN, REGULATOR } from '../common/action'
import { areaCodeSchema, marketSchema, stallSchema } from '../user/contract'
import { id, text, z } from '../zod'

/** 摊位号 as painted on the stall: letters, digits, "-", up to 12 characters. */
export const stallNumberSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z\u4e00-\u9fa5-]{1,12}$/, '摊位号只能含字母、数字、汉字和“-”，最多12个字')

const marketWithCountSchema = marketSchema.extend({
  stallCount: z.number().int(),
  /** a further business may bind to a stall another owner holds (stalls may override it) */
  allowShared: z.boolean()
})

/** A stall as staff manage it: who is bound (how many businesses) and its own sharing setting. */
export const staffStallSchema = stallSchema.extend({
  /** businesses bound to it: the holder and any bound beside them */
  businesses: z.number().int(),
  /** null: as its market says */
  allowShared: z.boolean().nullable()
})

export const qrItemSchema = z.strictObject({
  stallId: id,
  number: z.string(),
  code: z.string(),
  /** what the QR encodes: the WeChat scene (in the cloud) or the H5 URL (locally) */
  target: z.string(),
  imageUrl: z.string()
})

/** One collection's console work that no function API can do (see cloudfunctions/common/indexes.ts). */
export const setupChecklistItemSchema = z.strictObject({
  collection: z.string(),
  /** the console's data permission, e.g. 仅管理端可读写 */
  permission: z.string(),
  indexes: z.array(z.strictObject({ fields: z.array(z.string()), unique: z.boolean() })),
  text: z.string()
})

export const adminContract = {
  /**
   * Prepares the cloud database after a deploy: creates every collection that is missing (safe to
   * run again) and returns, per collection, what must still be done by hand in the console.
   */
  'admin.setup': action({
    input: z.strictObject({}),
    output: z.strictObject({
      /** collections this call created */
      created: z.array(z.string()),
      /** collections that were already there */
      existing: z.array(z.string()),
      checklist: z.array(setupChecklistItemSchema),
      /** free-text regions rewritten as GB/T 2260 codes this run; unresolved ones need a person */
      regions: z.strictObject({ migrated: z.number().int(), unresolved: z.number().int(), more: z.boolean() }),
      /** one sentence for the admin: what happened and what is left */
      message: z.string()
    }),
    roles: ADMIN
  }),
  'admin.market.create': action({
    input: z.strictObject({ name: text(40), region: areaCodeSchema, address: text(80) }),
    output: marketSchema,
    roles: REGULATOR,
    creates: true
  }),
  'admin.market.list': action({
    input: z.strictObject({}),
    output: z.strictObject({ markets: z.array(marketWithCountSchema) }),
    roles: REGULATOR
  }),
  'admin.stall.create': action({
    input: z.strictObject({
      marketId: id,
      numbers: z.array(stallNumberSchema).min(1).max(200)
    }),
    output: z.strictObject({
      created: z.array(stallSchema),
      /** numbers that the market already had: nothing is created twice */
      existing: z.array(z.string())
    }),
    roles: REGULATOR,
    creates: true
  }),
  'admin.stall.list': action({
    input: z.strictObject({ marketId: id }),
    output: z.strictObject({ market: marketWithCountSchema, stalls: z.array(staffStallSchema) }),
    roles: REGULATOR
  }),
  'admin.market.sharing': action({
    input: z.strictObject({ marketId: id, allowShared: z.boolean() }),
    output: marketWithCountSchema,
    roles: REGULATOR
  }),
  'admin.stall.sharing': action({
    input: z.strictObject({ stallId: id, allowShared: z.boolean().nullable() }),
    output: staffStallSchema,
    roles: REGULATOR
  }),
  'admin.qr.sheet': action({
    input: z.strictObject({ marketId: id }),
    output: z.strictObject({
      market: marketSchema,
      items: z.array(qrItemSchema),
      /** stalls whose image is not made yet (a large market takes more than one call) */
      pending: z.number().int()
    }),
    roles: REGULATOR
  })
}
