// Labels and rules only, no zod: owner and staff pages import this without the validation library.

/**
 * Who holds a stall, as the person who scanned it may know it. Never who the other owner is:
 * a stall code is printed on the stall, so anyone can scan it.
 * - free: nobody is bound to it
 * - mine: the caller holds it
 * - mineShared: the caller is bound to it as a further business beside the holder
 * - held: another owner holds it
 */
export const STALL_HOLDINGS = ['free', 'mine', 'mineShared', 'held'] as const
export type StallHolding = (typeof STALL_HOLDINGS)[number]

/**
 * A request to have a stall that another owner holds moved to the requester. `approving` is the
 * moment between a regulator's 同意 and the stall having moved (a retry finishes it); the owner
 * sees it as still waiting.
 */
export const STALL_REQUEST_STATUSES = {
  pending: '等待审核',
  approving: '等待审核',
  approved: '已同意',
  declined: '未同意',
  cancelled: '已撤回'
} as const
export type StallRequestStatus = keyof typeof STALL_REQUEST_STATUSES
export const OPEN_STALL_REQUEST: StallRequestStatus[] = ['pending', 'approving']

/**
 * Whether a further business may bind to a held stall: the stall's own setting where staff set
 * one, else its market's; off unless a regulator turned it on (one business per stall is the
 * usual case, and binding beside someone is the regulator's call, not the scanner's).
 */
export const shareAllowed = (stall: { allowShared?: boolean | null }, market: { allowShared?: boolean | null }): boolean =>
  stall.allowShared ?? market.allowShared ?? false
