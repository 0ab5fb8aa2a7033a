import { id, isoDate, text, z } from '../zod'
import { keysOf } from '../user/options'
import { APP_ACTIONS, DEPARTMENTS } from './act'
import { officialUrl } from './actSchema'
import { CATEGORIES } from './categories'
import type { PolicyFile } from './library'
import { rulesSchema } from './rules'

/**
 * The schema of a policy content file (content/policies/<seed>-<name>.json): one source
 * document and the policies drawn from it, each with the quotes that state its numbers and
 * conditions. Objects are strict so a misspelt field fails instead of being ignored. Length
 * limits follow the policy contract, so a library policy can be opened and saved by staff.
 */
const quote = z.string().min(2).max(1000)

export const evidenceSchema = z.strictObject({ claim: text(120), quote })
export const platformNoteSchema = z.strictObject({ claim: text(120), note: text(400) })

export const periodSchema = z
  .strictObject({
    text: text(60).nullable(),
    from: isoDate.nullable(),
    to: isoDate.nullable(),
    quote: quote.nullable()
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: '结束日期不能早于开始日期', path: ['to'] })
  // dates read from the document need the words they were read from
  .refine((p) => (!p.from && !p.to) || (p.text !== null && p.quote !== null), { message: '有日期就要有原文', path: ['quote'] })

/**
 * How to act on a policy (core/policy/act.ts). Whatever an owner reads here rests on the
 * document's words (`quote`, checked against the seed) or is marked as ours (`note`); a web
 * address the document does not spell out needs the note that says we supplied it.
 */
export const onlineEntrySchema = z
  .strictObject({ name: text(40), url: officialUrl.nullable(), quote: quote.nullable(), note: text(300).nullable() })
  .refine((o) => o.quote !== null || o.note !== null, { message: '要有原文（quote）或本平台说明（note）', path: ['note'] })
  .refine((o) => o.url === null || o.note !== null || (o.quote ?? '').includes(o.url.replace(/^https:\/\//, '')), { message: '文件没写的网址要有本平台说明', path: ['note'] })
export const materialSchema = z
  .strictObject({ text: text(60), quote: quote.nullable(), note: text(300).nullable() })
  .refine((m) => m.quote !== null || m.note !== null, { message: '要有原文（quote）或本平台说明（note）', path: ['note'] })
export const actSchema = z.strictObject({
  ask: z.array(z.enum(keysOf(DEPARTMENTS))).min(1).max(4),
  online: z.array(onlineEntrySchema).max(3),
  materials: z.array(materialSchema).max(10),
  actions: z.array(z.enum(keysOf(APP_ACTIONS))).max(5),
  scale: z.enum(['any', 'larger'])
})

export const documentSchema = z.strictObject({
  title: text(120),
  number: text(40).nullable(),
  issuer: text(200),
  seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
  draft: z.boolean(),
  region: text(40).nullable(),
  year: text(20).nullable(),
  date: isoDate.nullable(),
  evidence: z.array(evidenceSchema).max(20),
  platform: z.array(platformNoteSchema).max(20)
})

export const contentPolicySchema = z
  .strictObject({
    id,
    aliases: z.array(id).max(5).optional(),
    title: text(60),
    summary: z.strictObject({ what: text(400), who: text(300), how: text(300), where: text(120) }),
    department: text(80),
    category: z.enum(keysOf(CATEGORIES)),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable(),
    period: periodSchema,
    reviewedAt: isoDate.nullable(),
    clause: text(40),
    evidence: z.array(evidenceSchema).min(1).max(20),
    platform: z.array(platformNoteSchema).max(20),
    conditions: rulesSchema,
    act: actSchema
  })
  .refine((p) => !p.effectiveTo || p.effectiveTo >= p.effectiveFrom, { message: '失效日期不能早于生效日期', path: ['effectiveTo'] })
  // the machine end date and the document's stated period must not disagree
  .refine((p) => !p.period.to || p.effectiveTo === p.period.to, { message: '文件写明了期限，失效日期应与之一致', path: ['effectiveTo'] })

export const policyFileSchema = z.strictObject({
  document: documentSchema,
  policies: z.array(contentPolicySchema).min(1).max(100)
})

/** Compile-time guard: the schema and the library's hand-written types describe the same shape. */
type Parsed = z.output<typeof policyFileSchema>
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
export const CONTENT_TYPES_AGREE: Same<Parsed, PolicyFile> = true
