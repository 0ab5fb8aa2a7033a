import { CHINA_OFFSET_MINUTES } from '../common/time'

/**
 * Invitation codes: 8 characters without look-alikes (no 0/O, 1/I/L), shown as ABCD-EFGH so a
 * person can read one out over the phone. What someone types is forgiven: lower case, spaces,
 * dashes.
 */
export const INVITE_CODE_LENGTH = 8
export const INVITE_CODE_CHARS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const CODE_RE = new RegExp(`^[${INVITE_CODE_CHARS}]{${INVITE_CODE_LENGTH}}$`)

export const normalizeInviteCode = (input: string) => input.trim().toUpperCase().replace(/[\s\-－—_·.]/g, '')
export const isInviteCode = (code: string) => CODE_RE.test(code)
export const formatInviteCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`

/** The page an invitation's QR opens (main package: helpers are owners and never load staff pages). */
export const JOIN_PAGE = 'pages/join/index'

export const DEFAULT_INVITE_DAYS = 7
export const MAX_INVITE_DAYS = 30

/**
 * An invitation made on China day D for n days is good to the end of China day D + n (23:59:59),
 * whatever hour it was made: "七天内有效" means the seventh day too.
 */
export function inviteExpiry(now: Date, days: number): Date {
  const offset = CHINA_OFFSET_MINUTES * 60_000
  const chinaMidnight = Math.floor((now.getTime() + offset) / 86_400_000) * 86_400_000 - offset
  return new Date(chinaMidnight + (days + 1) * 86_400_000 - 1000)
}

export const INVITE_STATUSES = { open: '待接受', used: '已接受', revoked: '已撤销', expired: '已过期' } as const
export type InviteStatus = keyof typeof INVITE_STATUSES

/** The reasons an invitation cannot be accepted, one message each (the page and the refusal say the same). */
export const INVITE_PROBLEMS = {
  unknown: '没有找到这个邀请码，请核对后再输入，或请邀请人重新发给您',
  expired: '这个邀请已过期，请联系邀请人重新邀请',
  used: '这个邀请已经被使用过，一个邀请只能用一次；请联系邀请人重新邀请',
  revoked: '这个邀请已被邀请人撤销，请联系邀请人',
  alreadyStaff: '您已经是工作人员，不用再接受邀请；如需更改角色或地区，请联系管理员',
  alreadyHelper: '您已经是一家店的帮手；要换一家，请先在“我的 → 店员/帮手”里退出',
  hasProfile: '您已经有自己的经营档案，不能再作为帮手加入别人的店',
  ownShop: '这是您自己店的邀请，请发给您的帮手',
  staffAsHelper: '工作人员不能作为店铺帮手加入'
} as const
export type InviteProblem = keyof typeof INVITE_PROBLEMS
