import { z } from '../zod'

/** Error codes of the contract (ARCHITECTURE.md, "The contract"). */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'RATE_LIMITED',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** What a user reads when a handler gives no more specific message. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '无法确认您的身份，请重新进入小程序',
  FORBIDDEN: '您没有权限进行这项操作',
  NOT_FOUND: '没有找到相关内容',
  CONFLICT: '操作冲突，请刷新后再试',
  PRECONDITION_FAILED: '请先完成前面的步骤',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试'
}

export const errorDetailSchema = z.strictObject({
  path: z.string().max(200),
  message: z.string().max(200)
})
export type ErrorDetail = z.infer<typeof errorDetailSchema>

export const errorSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string().min(1).max(200),
  details: z.array(errorDetailSchema).max(50).optional(),
  /** RATE_LIMITED: when (ISO instant) the same call is let through again; the message says it in China time */
  retryAt: z.string().max(40).optional()
})
export type ApiError = z.infer<typeof errorSchema>

export const failureSchema = z.strictObject({ ok: z.literal(false), error: errorSchema })
export type Failure = z.infer<typeof failureSchema>
export type Success<T> = { ok: true; data: T }
export type Envelope<T> = Success<T> | Failure

/** The request body, identical over wx.cloud.callFunction and HTTP. */
export const requestSchema = z.strictObject({
  action: z.string().regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*){1,3}$/, '操作名称格式不对').max(64),
  payload: z.unknown().optional(),
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不对')
    .optional()
})
export type RequestBody = z.infer<typeof requestSchema>

/** A zod error turned into contract details: a dotted path and a Chinese message each. */
export function detailsFromZod(error: z.ZodError): ErrorDetail[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.map(String).join('.').slice(0, 200) || '(整体)',
    message: issue.message.slice(0, 200)
  }))
}
