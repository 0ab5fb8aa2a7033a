import { action, OWNER, REGULATOR } from '../common/action'
import { pageInput, pageOutput } from '../common/paging'
import { rulesSchema } from '../policy/rules'
import { id, isoDate, z } from '../zod'
import { LIMITS, QUESTION_KINDS, surveyProblems, type QuestionKind } from './rules'

/**
 * Strings are bounded loosely here and checked in words by core/survey/rules (surveyProblems), so
 * staff read "第3题：至少要有2个选项", not a schema's message, and the editor shows the same text.
 */
const questionSchema = z.strictObject({
  kind: z.enum(Object.keys(QUESTION_KINDS) as [QuestionKind, ...QuestionKind[]]),
  title: z.string().max(200),
  required: z.boolean(),
  options: z.array(z.string().max(100)).max(30)
})

const formShape = {
  title: z.string().max(200),
  intro: z.string().max(1000),
  organizer: z.string().max(200),
  anonymous: z.boolean(),
  startOn: isoDate,
  endOn: isoDate,
  questions: z.array(questionSchema).max(50),
  /** who it goes to: the same rules as a policy's audience (core/policy/rules) */
  conditions: rulesSchema
}

export const surveyInputSchema = z
  .strictObject({ id: id.optional(), ...formShape })
  .superRefine((f, ctx) => {
    for (const p of surveyProblems(f)) ctx.addIssue({ code: 'custom', message: p.message, path: p.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) })
  })

const answerSchema = z
  .strictObject({
    choice: z.array(z.number().int().min(0).max(LIMITS.options)).max(LIMITS.options).optional(),
    rating: z.number().int().min(1).max(5).optional(),
    text: z.string().max(LIMITS.answerText + 50).optional()
  })
  .nullable()

const statusSchema = z.enum(['draft', 'published', 'closed'])
const pushSchema = z.enum(['none', 'queued', 'done', 'stopped'])

export const staffSurveySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  intro: z.string(),
  organizer: z.string(),
  anonymous: z.boolean(),
  startOn: z.string(),
  endOn: z.string(),
  questions: z.array(questionSchema),
  conditions: rulesSchema,
  status: statusSchema,
  /** why it closed: its end date passed, or staff closed it early */
  closedReason: z.enum(['ended', 'staff']).nullable(),
  publishedAt: z.string().nullable(),
  push: pushSchema,
  /** owners the rules counted at publishing, owners it reached, answers */
  audience: z.number().int(),
  delivered: z.number().int(),
  responses: z.number().int(),
  /** the region it belongs to (its author's), in words; 全部地区 for an admin's */
  regionName: z.string(),
  createdBy: z.string()
})
export type StaffSurvey = z.infer<typeof staffSurveySchema>

const figureSchema = z.strictObject({ label: z.string(), value: z.number().int() })

export const surveyContract = {
  /** The region's surveys (an admin: all), newest written first, a page at a time. */
  'survey.admin.list': action({
    input: z.strictObject(pageInput(20)),
    output: z.strictObject({
      items: z.array(z.strictObject({ id: z.string(), title: z.string(), status: statusSchema, anonymous: z.boolean(), startOn: z.string(), endOn: z.string(), audience: z.number().int(), delivered: z.number().int(), responses: z.number().int() })),
      ...pageOutput
    }),
    roles: REGULATOR
  }),
  'survey.admin.get': action({ input: z.strictObject({ id }), output: staffSurveySchema, roles: REGULATOR }),
  /** a draft: anything; a published survey: only its intro and end date (core/survey/rules PUBLISHED_EDITABLE) */
  'survey.admin.save': action({ input: surveyInputSchema, output: staffSurveySchema, roles: REGULATOR, creates: true }),
  /** how many owners the rules reach now, inside the author's region */
  'survey.admin.preview': action({
    input: z.strictObject({ conditions: rulesSchema }),
    output: z.strictObject({ count: z.number().int(), approximate: z.boolean() }),
    roles: REGULATOR
  }),
  'survey.admin.publish': action({ input: z.strictObject({ id }), output: staffSurveySchema, roles: REGULATOR }),
  /** ends it early: no more answers, the rest of the push is stopped */
  'survey.admin.close': action({ input: z.strictObject({ id }), output: staffSurveySchema, roles: REGULATOR }),
  /** counts per question from the tallies (one read), never by reading every answer */
  'survey.admin.results': action({
    input: z.strictObject({ id }),
    output: z.strictObject({
      id: z.string(),
      title: z.string(),
      anonymous: z.boolean(),
      status: statusSchema,
      endOn: z.string(),
      audience: z.number().int(),
      delivered: z.number().int(),
      responses: z.number().int(),
      questions: z.array(
        z.strictObject({ index: z.number().int(), kind: questionSchema.shape.kind, title: z.string(), answered: z.number().int(), counts: z.array(figureSchema), average: z.number().nullable() })
      )
    }),
    roles: REGULATOR
  }),
  /** the answers to one short-text question, a page at a time; who answered only for a named survey, masked */
  'survey.admin.texts': action({
    input: z.strictObject({ id, q: z.number().int().min(0).max(LIMITS.questions - 1), ...pageInput(20) }),
    output: z.strictObject({ items: z.array(z.strictObject({ id: z.string(), text: z.string(), who: z.string().nullable() })), ...pageOutput }),
    roles: REGULATOR
  }),
  /** an Excel file: counts, text answers, every response (an anonymous survey's with no identity) */
  'survey.admin.export': action({
    input: z.strictObject({ id }),
    output: z.strictObject({ url: z.string(), fileName: z.string() }),
    roles: REGULATOR
  }),
  /** the questionnaire as the owner sees it, with whether they have answered and whether it is open */
  'survey.get': action({
    input: z.strictObject({ id }),
    output: z.strictObject({
      id: z.string(),
      title: z.string(),
      intro: z.string(),
      organizer: z.string(),
      anonymous: z.boolean(),
      anonymity: z.string(),
      startOn: z.string(),
      endOn: z.string(),
      state: z.enum(['notStarted', 'open', 'closed']),
      answered: z.boolean(),
      questions: z.array(questionSchema)
    }),
    roles: OWNER
  }),
  /** once per owner (a marker kept apart from the answer); the same requestId replays */
  'survey.answer': action({
    input: z.strictObject({ id, answers: z.array(answerSchema).max(LIMITS.questions) }),
    output: z.strictObject({ answered: z.literal(true) }),
    roles: OWNER,
    creates: true
  })
}

