import { regionPrefix, within } from '../region/code'

/**
 * Who can be invited as what. A supervisor is a regulator with `supervisor: true` (hears about
 * overdue 诉求 in their region); it is offered as a role of its own because that is how an admin
 * thinks of it.
 */
export const INVITE_ROLES = ['regulator', 'supervisor', 'bank', 'admin'] as const
export type InviteRole = (typeof INVITE_ROLES)[number]

export const INVITE_ROLE_LABELS: Record<InviteRole, string> = {
  regulator: '监管人员',
  supervisor: '监管负责人',
  bank: '银行客户经理',
  admin: '管理员'
}

/** The staff doc's role and flag for an invite role, and back. */
export const staffRoleOf = (r: InviteRole) => ({ role: r === 'supervisor' ? ('regulator' as const) : r, supervisor: r === 'supervisor' })
export const inviteRoleOf = (s: { role: string; supervisor?: boolean }): InviteRole =>
  s.role === 'regulator' ? (s.supervisor ? 'supervisor' : 'regulator') : (s.role as InviteRole)

export interface Inviter {
  role: 'regulator' | 'bank' | 'admin'
  /** null: everywhere (an admin) */
  region: string | null
}

export interface Grant {
  role: InviteRole
  /** the division they will work in (regulators); null for admins and bank officers */
  region: string | null
  bankName: string | null
}

export interface GrantProblem {
  /** FORBIDDEN: the inviter may not grant it; INVALID_INPUT: something is missing */
  code: 'FORBIDDEN' | 'INVALID_INPUT'
  message: string
  path?: 'region' | 'bankName'
}

/**
 * What an inviter may grant (null: allowed). An admin invites anyone; a regulator only regulators
 * and supervisors within their own region (the same code or below); a bank officer is invited by
 * an admin, for one bank. Also used when an admin changes a staff member's role or region, so the
 * same combinations hold for every staff doc.
 */
export function grantProblem(inviter: Inviter, g: Grant, regionLabel: (code: string) => string): GrantProblem | null {
  const no = (message: string): GrantProblem => ({ code: 'FORBIDDEN', message })
  if (inviter.role === 'bank') return no('银行客户经理不能邀请工作人员')
  if (inviter.role === 'regulator') {
    if (g.role === 'bank') return no('银行客户经理只能由管理员邀请')
    if (g.role === 'admin') return no('管理员只能由管理员邀请')
  }
  if (g.role === 'regulator' || g.role === 'supervisor') {
    if (!g.region) return { code: 'INVALID_INPUT', message: '请选择他负责的地区', path: 'region' }
    if (inviter.region && !within(g.region, inviter.region)) return no(`您只能邀请${regionLabel(inviter.region)}范围内的监管人员`)
  }
  if (g.role === 'bank' && !g.bankName) return { code: 'INVALID_INPUT', message: '请填写他所在的银行', path: 'bankName' }
  return null
}

/** The fields a staff doc gets for a grant (regions only for regulators, a bank only for bank officers). */
export function staffFieldsOf(g: Grant) {
  const { role, supervisor } = staffRoleOf(g.role)
  return {
    role,
    supervisor,
    region: role === 'regulator' ? g.region : null,
    bankName: role === 'bank' ? g.bankName : null
  }
}

/** Is a staff member in a regulator's region (a regulator of theirs sees them)? */
export const inRegion = (staffRegion: string | null, mine: string | null) => (mine ? !!staffRegion && staffRegion.startsWith(regionPrefix(mine)) : true)
