import { DEFAULT_MESSAGES, type ErrorCode, type ErrorDetail } from '../../src/core/common/envelope'

/** An error a handler means the caller to see: a code and a Chinese message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: ErrorDetail[],
    /** RATE_LIMITED: the instant (ISO) from which the same call is let through again */
    readonly retryAt?: string
  ) {
    super(message ?? DEFAULT_MESSAGES[code])
    this.name = 'AppError'
  }
}

export const invalid = (message: string, path?: string) =>
  new AppError('INVALID_INPUT', message, path ? [{ path, message }] : undefined)
export const notFound = (message?: string) => new AppError('NOT_FOUND', message)
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message)
export const conflict = (message?: string) => new AppError('CONFLICT', message)
export const precondition = (message?: string) => new AppError('PRECONDITION_FAILED', message)
export const rateLimited = (message: string, retryAt: Date) => new AppError('RATE_LIMITED', message, undefined, retryAt.toISOString())

/** Raised by a Db adapter when an insert hits a unique index or an existing _id. */
export class DuplicateKeyError extends Error {
  constructor(message = 'duplicate key') {
    super(message)
    this.name = 'DuplicateKeyError'
  }
}
