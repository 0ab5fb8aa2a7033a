import type { Input, Output } from '../core/common/action'
import type { ApiError as ApiErrorBody, ErrorCode } from '../core/common/envelope'
import { fieldMessages } from '../core/common/fields'
import type { ActionName, Contracts } from '../core/contracts'
import { transport as platformTransport, type Transport } from './transport'

/** A failed call, carrying the contract's code, the Chinese message and field details. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly details: NonNullable<ApiErrorBody['details']>
  /** RATE_LIMITED: when the call is let through again (the message says it in words) */
  readonly retryAt: string | null
  constructor(body: ApiErrorBody) {
    super(body.message)
    this.code = body.code
    this.details = body.details ?? []
    this.retryAt = body.retryAt ?? null
  }
  /** field path → message, for showing errors next to form fields */
  fieldErrors(): Record<string, string> {
    return fieldMessages(this.details)
  }
}

let transport: Transport = platformTransport
/** Tests swap the transport; the app never does. */
export const setTransport = (t: Transport) => {
  transport = t
}

/** A client-made id so that a retried "create" never creates twice. */
export const newRequestId = () => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`

/** Calls an action; the function is the action's first segment. Types come from the contracts. */
export async function call<A extends ActionName>(
  action: A,
  payload: Input<Contracts[A]>,
  opts: { requestId?: string } = {}
): Promise<Output<Contracts[A]>> {
  let envelope: unknown
  try {
    envelope = await transport(action.split('.')[0], { action, payload, ...(opts.requestId ? { requestId: opts.requestId } : {}) })
  } catch (err) {
    // a transport that knows what went wrong (no cloud environment) says so; anything else is the network
    if (err instanceof ApiError) throw err
    throw new ApiError({ code: 'INTERNAL', message: '网络不稳定，请检查网络后再试' })
  }
  const e = envelope as { ok?: boolean; data?: unknown; error?: ApiErrorBody }
  if (e && e.ok === true) return e.data as Output<Contracts[A]>
  if (e && e.ok === false && e.error) throw new ApiError(e.error)
  throw new ApiError({ code: 'INTERNAL', message: '服务返回了无法识别的内容，请稍后再试' })
}

export const errorMessage = (err: unknown) => (err instanceof ApiError ? err.message : '出了点问题，请稍后再试')
/** For a form refused as too frequent (RATE_LIMITED): the server's when-to-retry, and that nothing typed is lost. */
export const formErrorMessage = (err: unknown) => (err instanceof ApiError && err.code === 'RATE_LIMITED' ? `${err.message}。填好的内容都还在，到时再点一次提交就行` : errorMessage(err))
/** For a form with a single error line: the server's first field message, else its message. */
export const firstErrorMessage = (err: unknown) => (err instanceof ApiError ? (err.details[0]?.message ?? err.message) : errorMessage(err))
