import type { z } from '../zod'

/** Roles come from the `staff` collection; everyone else is an owner. */
export const ROLES = ['owner', 'regulator', 'bank', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const STAFF_ROLES = ['regulator', 'bank', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/**
 * One action of a cloud function: its payload and result schemas and who may call it.
 * The router enforces all three; the client's types are inferred from the same object.
 */
export interface ActionContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  roles: readonly Role[]
  /** Creates something: a `requestId` makes a retry return the first result. */
  creates?: boolean
}

export const action = <I extends z.ZodType, O extends z.ZodType>(c: ActionContract<I, O>) => c

export type ContractMap = Record<string, ActionContract>
export type Input<C extends ActionContract> = z.input<C['input']>
export type Output<C extends ActionContract> = z.output<C['output']>

export const ANYONE: readonly Role[] = ROLES
export const OWNER: readonly Role[] = ['owner']
export const REGULATOR: readonly Role[] = ['regulator', 'admin']
export const ADMIN: readonly Role[] = ['admin']
