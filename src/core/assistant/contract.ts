import { action, ANYONE, OWNER, REGULATOR } from '../common/action'
import { pageInput, pageOutput } from '../common/paging'
import { id, text, z } from '../zod'

/**
 * 问一问 (#19): an owner asks in their own words and gets up to three cited passages (or
 * 没有找到可靠的答案 and 转人工); staff answer the questions handed to them (their reply arrives in the
 * owner's 消息) and publish answered questions as FAQ entries that retrieval then uses.
 */
import { QUESTION_MAX, REPLY_MAX } from './labels'

export { QUESTION_MAX, QUESTION_STATES, QUESTION_VIEWS, REPLY_MAX, type QuestionState, type QuestionView } from './labels'

const question = z.string().trim().min(2, '请把问题写完整一些（至少2个字）').max(QUESTION_MAX, `问题最多${QUESTION_MAX}个字`)

/** A card: one passage with its source words, its source, and the page it comes from. */
export const answerCardSchema = z.strictObject({
  /** 1..3, what a model answer cites as [n] */
  n: z.number().int(),
  kind: z.enum(['policy', 'lesson', 'guide', 'faq']),
  title: z.string(),
  /** our plain words */
  plain: z.string(),
  /** the source's exact words; null where the passage is our own guidance (said so in `source`) */
  quote: z.string().nullable(),
  source: z.string(),
  /** for a policy and an owner with a profile: 可能符合 / 差一项 / 已过期…, never a verdict */
  fit: z.strictObject({ label: z.string(), tone: z.enum(['green', 'orange', 'gray']), missing: z.string().nullable(), note: z.string() }).nullable(),
  /** the page it comes from (null for an FAQ entry) */
  target: z.strictObject({ url: z.string(), label: z.string() }).nullable()
})
export type AnswerCard = z.infer<typeof answerCardSchema>

export const askOutput = z.strictObject({
  /** the asked question's record, for 转人工 */
  questionId: z.string(),
  /** false: 没有找到可靠的答案 (the cards, if any, are not shown as an answer) */
  found: z.boolean(),
  /** a language model's answer built only from the cards and citing them; null: extractive only */
  summary: z.string().nullable(),
  cards: z.array(answerCardSchema),
  /** the question passed the content check and can go to a person */
  canHandoff: z.boolean()
})
export type AskResult = z.infer<typeof askOutput>

/** A question as staff see it: anonymised (no openid, no name), with where it was asked. */
export const staffQuestionSchema = z.strictObject({
  id: z.string(),
  text: z.string(),
  regionName: z.string(),
  createdAt: z.string(),
  found: z.boolean(),
  /** the titles of the cards the owner was shown */
  shown: z.array(z.string()),
  state: z.enum(['asked', 'waiting', 'replied']),
  stateLabel: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  /** published as an FAQ entry */
  published: z.boolean()
})
export type StaffQuestion = z.infer<typeof staffQuestionSchema>

export const assistantContract = {
  'assistant.ask': action({
    input: z.strictObject({ q: question }),
    output: askOutput,
    roles: ANYONE
  }),
  /** 转人工: the question goes to the regulators of the owner's region; the reply comes to 消息 */
  'assistant.handoff': action({
    input: z.strictObject({ id }),
    output: z.strictObject({ state: z.enum(['waiting', 'replied']) }),
    roles: OWNER
  }),
  'assistant.staff.list': action({
    input: z.strictObject({ view: z.enum(['waiting', 'unanswered', 'all']).default('waiting'), ...pageInput(20) }),
    output: z.strictObject({ items: z.array(staffQuestionSchema), ...pageOutput, waiting: z.number().int() }),
    roles: REGULATOR
  }),
  'assistant.staff.reply': action({
    input: z.strictObject({ id, reply: text(REPLY_MAX, 2) }),
    output: staffQuestionSchema,
    roles: REGULATOR
  }),
  /** publish a question and its answer (edited by staff: no personal details) as an FAQ entry */
  'assistant.staff.publish': action({
    input: z.strictObject({ id, question: text(QUESTION_MAX, 2), answer: text(REPLY_MAX, 2) }),
    output: staffQuestionSchema,
    roles: REGULATOR
  })
}
