import { z } from '../zod'
import { PLATFORM_PREFIX } from './evidence'

/**
 * The shape of content data files (content/course/*.json), checked in tests. Strict: a field
 * that is not named here is a mistake (a typo would otherwise silently drop a quote).
 * Imported by tests only; the function reads the JSON through src/core/course/content.ts.
 */
export const evidenceSourceSchema = z.strictObject({
  document: z.string().min(2),
  number: z.string().min(2).nullable(),
  clause: z.string().min(1),
  seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/).nullable()
})
export const evidenceSchema = z.strictObject({ source: evidenceSourceSchema, quote: z.string().min(4) })
export const platformSchema = z.strictObject({ note: z.string().startsWith(PLATFORM_PREFIX).min(PLATFORM_PREFIX.length + 4) })

/** An item must rest on something: at least one quote, or our own note, or both. */
const restsOnSomething = (x: { evidence: unknown[]; platform?: unknown }) => x.evidence.length > 0 || !!x.platform
const UNSOURCED = { message: '每一条都要有出处（evidence）或本平台说明（platform）' }

export const lessonPointSchema = z
  .strictObject({ text: z.string().min(4), evidence: z.array(evidenceSchema), platform: platformSchema.optional() })
  .refine(restsOnSomething, UNSOURCED)
export const questionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]+-\d+$/),
    stem: z.string().min(4),
    options: z.array(z.string().min(1)).length(4),
    /** index of the right option (the exam shuffles them) */
    answer: z.number().int().min(0).max(3),
    explain: z.string().min(4),
    evidence: z.array(evidenceSchema),
    platform: platformSchema.optional()
  })
  .refine(restsOnSomething, UNSOURCED)
export const lessonSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  title: z.string().min(2),
  minutes: z.number().int().min(1).max(15),
  points: z.array(lessonPointSchema).min(1),
  questions: z.array(questionSchema).min(1)
})
export const moduleFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z-]+$/),
  title: z.string().min(2),
  track: z.union([z.literal('core'), z.array(z.string()).min(1)]),
  lessons: z.array(lessonSchema).min(1)
})
export type ModuleFile = z.infer<typeof moduleFileSchema>
