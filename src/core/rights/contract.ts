import { action, OWNER } from '../common/action'
import { z } from '../zod'
import { DELETE_PHRASE } from './kept'

/** One thing held about the owner, in plain Chinese: a title and lines under it. */
export const heldItemSchema = z.strictObject({ title: z.string(), lines: z.array(z.string()) })

/** A group of 个人信息 (资料, 同意记录, 证照, 诉求, 贷款申请, 学习记录, 消息, 核验状态, 其他). */
export const heldGroupSchema = z.strictObject({
  key: z.string(),
  title: z.string(),
  /** how many there are; `items` may show fewer (then `note` says so) */
  total: z.number().int(),
  items: z.array(heldItemSchema),
  /** said when there is nothing */
  empty: z.string(),
  note: z.string().nullable()
})
export type HeldGroup = z.infer<typeof heldGroupSchema>

/** A consent the owner can withdraw: the privacy notice, personalised recommendation, each bank. */
export const consentIdSchema = z.string().regex(/^(privacy|personalized|bank:[a-z0-9-]{1,30})$/, '没有这项同意')
export const withdrawableSchema = z.strictObject({
  id: consentIdSchema,
  title: z.string(),
  granted: z.boolean(),
  /** the version of the text agreed or withdrawn; null when never decided */
  version: z.string().nullable(),
  /** when it was last decided (ISO); null when never */
  at: z.string().nullable(),
  /** what withdrawing does, and what others already have */
  effect: z.string()
})
export type Withdrawable = z.infer<typeof withdrawableSchema>

export const rightsContract = {
  /** Everything held about the caller, grouped, and the consents they can withdraw. */
  'user.rights.view': action({
    input: z.strictObject({}),
    output: z.strictObject({ groups: z.array(heldGroupSchema), consents: z.array(withdrawableSchema), generatedAt: z.string() }),
    roles: OWNER
  }),
  /** The same, as files the owner can keep: JSON (every stored record) and readable text. */
  'user.rights.export': action({
    input: z.strictObject({}),
    output: z.strictObject({ fileBase: z.string(), json: z.string(), text: z.string(), generatedAt: z.string() }),
    roles: OWNER
  }),
  'user.rights.withdraw': action({
    input: z.strictObject({ id: consentIdSchema }),
    output: z.strictObject({ consents: z.array(withdrawableSchema), effect: z.string() }),
    roles: OWNER
  }),
  /**
   * Deletes the account: final. The phrase is the second confirmation, typed by the owner. A
   * large account is erased in pages: call again (same phrase) until `finished`; the scheduler
   * finishes one left behind.
   */
  'user.rights.delete': action({
    input: z.strictObject({ confirm: z.string().max(20) }),
    output: z.strictObject({ finished: z.boolean(), done: z.number().int(), total: z.number().int() }),
    roles: OWNER
  })
}

export { DELETE_PHRASE }
