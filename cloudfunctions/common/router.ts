import type { z } from 'zod'
import { STAFF_ROLES, type Role } from '../../src/core/common/action'
import {
  DEFAULT_MESSAGES,
  detailsFromZod,
  requestSchema,
  type Envelope,
  type Failure
} from '../../src/core/common/envelope'
import { contractOf, functionOf, type ActionName, type Contracts } from '../../src/core/contracts'
import { HELPER_REFUSED, helperRule } from '../../src/core/staff/helper'
import { makeContext, type Context, type HelperDoc, type StaffDoc } from './context'
import { AppError } from './errors'
import { once } from './once'
import type { Ports } from './ports'

export type Handler<A extends ActionName> = (
  ctx: Context,
  input: z.output<Contracts[A]['input']>
) => Promise<z.input<Contracts[A]['output']>>

export type Handlers<N extends ActionName> = { [A in N]: Handler<A> }

/** A timer trigger's event, as WeChat delivers it (and as the local cloud imitates it). */
export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  Time: string
}
export type TimerHandler = (ports: Ports, event: TimerEvent) => Promise<unknown>

export interface CloudFunction {
  name: string
  handlers: Partial<Record<ActionName, Handler<ActionName>>>
  onTimer?: TimerHandler
}

/** One cloud function: its action table (every name must be in the contracts) and timer. */
export function defineFunction<N extends ActionName>(
  name: string,
  handlers: Handlers<N>,
  onTimer?: TimerHandler
): CloudFunction {
  for (const action of Object.keys(handlers)) {
    if (functionOf(action) !== name) throw new Error(`action ${action} does not belong to function ${name}`)
  }
  return { name, handlers: handlers as CloudFunction['handlers'], onTimer }
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/

export const SUSPENDED = '您的工作人员账号已被管理员暂停，暂时不能使用工作台；如有疑问请联系管理员'

const fail = (code: Failure['error']['code'], message?: string, details?: Failure['error']['details'], retryAt?: string): Failure => ({
  ok: false,
  error: { code, message: message ?? DEFAULT_MESSAGES[code], ...(details && details.length ? { details } : {}), ...(retryAt ? { retryAt } : {}) }
})

export const isTimerEvent = (e: unknown): e is TimerEvent =>
  typeof e === 'object' && e !== null && (e as { Type?: unknown }).Type === 'Timer'

/**
 * Runs one call: body → action → identity → role → payload → handler → result check.
 * Whatever happens, the caller gets an envelope; a stack trace never leaves this function.
 */
export async function dispatch(
  fn: CloudFunction,
  event: unknown,
  identity: { openid?: string | null },
  ports: Ports
): Promise<Envelope<unknown>> {
  try {
    return await run(fn, event, identity, ports)
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message, err.details, err.retryAt)
    ports.log.error(`[${fn.name}] unhandled error`, err)
    return fail('INTERNAL')
  }
}

async function run(
  fn: CloudFunction,
  event: unknown,
  identity: { openid?: string | null },
  ports: Ports
): Promise<Envelope<unknown>> {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return fail('INVALID_INPUT', '请求格式不对')
  }
  // wx.cloud.callFunction adds userInfo to the event; it is not part of our body.
  const { userInfo: _ignored, ...body } = event as Record<string, unknown>
  const req = requestSchema.safeParse(body)
  if (!req.success) return fail('INVALID_INPUT', '请求格式不对', detailsFromZod(req.error))
  const { action, payload, requestId } = req.data

  const contract = contractOf(action)
  const handler = fn.handlers[action as ActionName]
  if (!contract || !handler || functionOf(action) !== fn.name) {
    return fail('NOT_FOUND', '没有这项操作，请更新小程序后再试')
  }

  const openid = identity.openid
  if (!openid || !OPENID.test(openid)) return fail('UNAUTHENTICATED')

  const [found, helper] = await Promise.all([
    ports.db.collection<StaffDoc>('staff').get(openid),
    ports.db.collection<HelperDoc>('helpers').get(openid)
  ])
  // a suspended staff member has no staff rights until an admin resumes them
  const staff = found && !found.suspended && (STAFF_ROLES as readonly string[]).includes(found.role) ? found : null
  const role: Role = staff ? staff.role : 'owner'
  if (!contract.roles.includes(role)) return fail('FORBIDDEN', found?.suspended ? SUSPENDED : undefined)

  // A helper at a stall: allowed calls run as the owner (ctx.actor keeps who called), a few as
  // themselves, everything else is refused. Staff are never helpers (accepting refuses it).
  let actAs = openid
  if (!staff && helper) {
    const rule = helperRule(action)
    if (!rule) return fail('FORBIDDEN', HELPER_REFUSED)
    if (rule === 'owner') actAs = helper.ownerOpenid
  }

  const parsed = contract.input.safeParse(payload ?? {})
  if (!parsed.success) return fail('INVALID_INPUT', firstMessage(parsed.error), detailsFromZod(parsed.error))

  const ctx = makeContext({ fn: fn.name, action, openid: actAs, actor: openid, role, staff, now: ports.clock.now(), requestId, ports })

  const execute = async () => {
    const result = await handler(ctx, parsed.data as never)
    // The result schema is strict: a handler can never leak a field the contract does not name.
    const checked = contract.output.safeParse(result)
    if (!checked.success) {
      ports.log.error(`[${action}] result does not match its contract: ${JSON.stringify(detailsFromZod(checked.error))}`)
      throw new AppError('INTERNAL')
    }
    return checked.data
  }

  if (contract.creates && requestId) return { ok: true, data: await once(ctx, requestId, execute) }
  return { ok: true, data: await execute() }
}

/** One problem: say it. Several: say how many; the details carry each field's message. */
function firstMessage(error: z.ZodError): string {
  const n = error.issues.length
  if (n === 0) return DEFAULT_MESSAGES.INVALID_INPUT
  return n === 1 ? error.issues[0].message : `有${n}处填写不对，请按提示修改`
}
