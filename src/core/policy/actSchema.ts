import { areaCodeSchema } from '../region/schema'
import { keysOf } from '../user/options'
import { text, z } from '../zod'
import { APP_ACTIONS, DEPARTMENTS } from './act'

/**
 * Schemas for how to act on a policy (core/policy/act.ts): the library's content, what staff
 * write, and the contact details staff keep per department and region.
 */

/** An official website: https only, so a copied address is never a look-alike over plain http. */
export const officialUrl = z
  .string()
  .trim()
  .max(200)
  .regex(/^https:\/\/[A-Za-z0-9.-]+\.[A-Za-z]{2,}(\/[\w./?=&%#-]*)?$/, '请填写以 https:// 开头的官方网址')

/** Mobile, landline with area code (and extension), a short service number, or 400/800. */
const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|1\d{4}|[48]00-?\d{3}-?\d{4})$/
export const phoneSchema = z
  .string()
  .trim()
  .max(24)
  .refine((v) => PHONE.test(v.replace(/\s+/g, '')), '电话格式不对，如 0577-88001234、13800000000 或 12345')

export const departmentSchema = z.enum(keysOf(DEPARTMENTS))
export const appActionSchema = z.enum(keysOf(APP_ACTIONS))

/** What staff write on a policy; quotes are the library's own and are kept by the server, never typed. */
export const staffActSchema = z.strictObject({
  ask: z.array(departmentSchema).max(4),
  online: z.array(z.strictObject({ name: text(40), url: officialUrl.nullable() })).max(3),
  materials: z.array(z.strictObject({ text: text(60) })).max(10),
  actions: z.array(appActionSchema).max(5),
  scale: z.enum(['any', 'larger'])
})

const entryOut = z.strictObject({ name: z.string(), url: z.string().nullable(), quote: z.string().nullable(), note: z.string().nullable() })
const materialOut = z.strictObject({ text: z.string(), quote: z.string().nullable(), note: z.string().nullable() })

/** A contact as staff keep it (one per department and region). */
export const contactInputSchema = z
  .strictObject({
    department: departmentSchema,
    region: areaCodeSchema,
    office: text(60),
    phone: phoneSchema.nullable(),
    address: text(120).nullable(),
    hours: text(60).nullable(),
    online: z.strictObject({ name: text(40), url: officialUrl }).nullable(),
    note: text(200).nullable()
  })
  // an office with no way to reach it tells the owner nothing
  .refine((c) => !!(c.phone || c.address || c.online), { message: '电话、地址、网上入口至少填一项', path: ['phone'] })

export const contactSchema = z.strictObject({
  id: z.string(),
  department: departmentSchema,
  departmentName: z.string(),
  region: z.string(),
  regionName: z.string(),
  office: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  hours: z.string().nullable(),
  online: z.strictObject({ name: z.string(), url: z.string() }).nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string()
})

/** How to act, as the owner's detail page gets it: contacts resolved for the owner's place. */
export const actOutSchema = z.strictObject({
  ask: z.array(
    z.strictObject({
      department: departmentSchema,
      name: z.string(),
      contact: contactSchema.nullable(),
      /** when no contact is kept: whom to ask and how, never a made-up number */
      fallback: z.string().nullable()
    })
  ),
  /** the place the contacts are for */
  place: z.string().nullable(),
  online: z.array(entryOut),
  materials: z.array(materialOut),
  /** when the policy lists no materials: what to do instead (our advice, labelled) */
  materialsNote: z.string().nullable(),
  actions: z.array(appActionSchema)
})
