import { action, ADMIN, ANYONE, OWNER, REGULATOR } from '../common/action'
import { pageInput, pageOutput } from '../common/paging'
import { areaCodeSchema } from '../region/schema'
import { id, text, z } from '../zod'
import { INVITE_ROLES } from './roles'
import { DEFAULT_INVITE_DAYS, INVITE_STATUSES, isInviteCode, MAX_INVITE_DAYS, normalizeInviteCode } from './invite'

/** An invitation code as typed, scanned (a QR's scene) or tapped: normalised, then checked. */
export const inviteCodeSchema = z
  .string()
  .max(40, '邀请码是8位字母和数字')
  .transform((s, ctx) => {
    const code = normalizeInviteCode(s)
    if (!code) {
      ctx.addIssue({ code: 'custom', message: '请输入邀请码' })
      return z.NEVER
    }
    if (!isInviteCode(code)) {
      ctx.addIssue({ code: 'custom', message: '邀请码是8位字母和数字（如 K7QM-X3P9），请核对' })
      return z.NEVER
    }
    return code
  })

/** A staff doc's id (the person's openid): admins act on it, nobody is shown it. */
const staffId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '没有找到这位工作人员')

const inviteRole = z.enum(INVITE_ROLES, '请选择角色')
const statusSchema = z.enum(Object.keys(INVITE_STATUSES) as [keyof typeof INVITE_STATUSES])

/** An invitation as the person who made it sees it (code and QR to hand over). */
export const inviteSchema = z.strictObject({
  id,
  /** ABCD-EFGH */
  code: z.string(),
  kind: z.enum(['staff', 'helper']),
  role: inviteRole.nullable(),
  roleLabel: z.string(),
  /** the invited person's name, as the inviter wrote it */
  name: z.string(),
  regionName: z.string().nullable(),
  bankName: z.string().nullable(),
  status: statusSchema,
  statusLabel: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdByName: z.string(),
  usedAt: z.string().nullable(),
  /** the page the QR opens (mini-program path with the code, or the H5 address locally) */
  target: z.string(),
  /** the QR picture; '' when it is no longer shown (used, revoked, expired) */
  imageUrl: z.string()
})
export type Invite = z.infer<typeof inviteSchema>

/** What the invited person sees before accepting: who invites them as what, and whether it still can be. */
export const inviteOfferSchema = z.strictObject({
  kind: z.enum(['staff', 'helper']),
  roleLabel: z.string(),
  name: z.string(),
  regionName: z.string().nullable(),
  bankName: z.string().nullable(),
  /** helpers: the shop they will help */
  businessName: z.string().nullable(),
  inviterName: z.string(),
  expiresAt: z.string(),
  status: statusSchema,
  /** why it cannot be accepted now (expired, used...), in words; null: it can */
  problem: z.string().nullable(),
  /** the caller already accepted this one */
  mine: z.boolean(),
  /** helpers: what they may and may not see */
  can: z.string().nullable(),
  cannot: z.string().nullable()
})
export type InviteOffer = z.infer<typeof inviteOfferSchema>

export const staffMemberSchema = z.strictObject({
  id: staffId,
  name: z.string(),
  role: inviteRole,
  roleLabel: z.string(),
  region: z.string().nullable(),
  regionName: z.string().nullable(),
  bankName: z.string().nullable(),
  suspended: z.boolean(),
  joinedAt: z.string(),
  /** the caller themselves */
  me: z.boolean()
})
export type StaffMember = z.infer<typeof staffMemberSchema>

export const auditEntrySchema = z.strictObject({
  id,
  at: z.string(),
  actorName: z.string(),
  roleLabel: z.string(),
  actionLabel: z.string(),
  /** whom or what it was about, in words */
  target: z.string(),
  /** what changed, in words ('' when nothing more to say) */
  change: z.string()
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const helperSchema = z.strictObject({
  /** the invitation it came from: the owner never sees the helper's WeChat id */
  id,
  name: z.string(),
  joinedAt: z.string()
})

export const staffContract = {
  /** An admin (anyone) or a regulator (regulators and supervisors of their own region) invites. */
  'admin.invite.create': action({
    input: z.strictObject({
      role: inviteRole,
      name: text(20),
      region: areaCodeSchema.nullable().optional(),
      bankName: text(40).optional(),
      days: z.number().int().min(1, '有效期至少1天').max(MAX_INVITE_DAYS, `有效期最多${MAX_INVITE_DAYS}天`).default(DEFAULT_INVITE_DAYS)
    }),
    output: inviteSchema,
    roles: REGULATOR,
    creates: true
  }),
  /** Invitations the caller made (an admin: all), newest first. */
  'admin.invite.list': action({
    input: z.strictObject({ ...pageInput(20) }),
    output: z.strictObject({ items: z.array(inviteSchema), ...pageOutput }),
    roles: REGULATOR
  }),
  'admin.invite.revoke': action({
    input: z.strictObject({ id }),
    output: inviteSchema,
    roles: REGULATOR
  }),
  'admin.invite.show': action({
    input: z.strictObject({ code: inviteCodeSchema }),
    output: inviteOfferSchema,
    roles: ANYONE
  }),
  /** Binds the caller's WeChat identity: a staff doc, or a helper of the inviting owner. One use. */
  'admin.invite.accept': action({
    input: z.strictObject({ code: inviteCodeSchema }),
    output: z.strictObject({ kind: z.enum(['staff', 'helper']), roleLabel: z.string(), name: z.string() }),
    roles: ANYONE
  }),
  /** The first admin of a new environment: the deployment's one-time setup code, then void. */
  'admin.setupCode.use': action({
    input: z.strictObject({ code: z.string().trim().min(1, '请输入安装码').max(64, '安装码不对，请核对部署配置'), name: text(20) }),
    output: z.strictObject({ name: z.string(), roleLabel: z.string() }),
    roles: ANYONE
  }),
  /** Staff, oldest first: an admin sees all; a regulator the regulators of their region. */
  'admin.staff.list': action({
    input: z.strictObject({ ...pageInput(20) }),
    output: z.strictObject({ items: z.array(staffMemberSchema), ...pageOutput, canEdit: z.boolean() }),
    roles: REGULATOR
  }),
  'admin.staff.update': action({
    input: z.strictObject({
      id: staffId,
      role: inviteRole.optional(),
      region: areaCodeSchema.nullable().optional(),
      bankName: text(40).optional(),
      suspended: z.boolean().optional()
    }),
    output: staffMemberSchema,
    roles: ADMIN
  }),
  'admin.staff.remove': action({
    input: z.strictObject({ id: staffId }),
    output: z.strictObject({ removed: z.boolean() }),
    roles: ADMIN
  }),
  'admin.audit.list': action({
    input: z.strictObject({ ...pageInput(20) }),
    output: z.strictObject({ items: z.array(auditEntrySchema), ...pageOutput }),
    roles: ADMIN
  }),
  /** 我的 → 店员/帮手: an owner's helpers and open invitations; a helper's shop. */
  'admin.helper.mine': action({
    input: z.strictObject({}),
    output: z.strictObject({
      helpers: z.array(helperSchema),
      invites: z.array(inviteSchema),
      /** the caller is a helper of this shop */
      helperOf: z.strictObject({ businessName: z.string(), since: z.string() }).nullable(),
      canInvite: z.boolean(),
      can: z.string(),
      cannot: z.string()
    }),
    roles: OWNER
  }),
  'admin.helper.invite': action({
    input: z.strictObject({ name: text(20) }),
    output: inviteSchema,
    roles: OWNER,
    creates: true
  }),
  'admin.helper.remove': action({
    input: z.strictObject({ id }),
    output: z.strictObject({ removed: z.boolean() }),
    roles: OWNER
  }),
  'admin.helper.leave': action({
    input: z.strictObject({}),
    output: z.strictObject({ left: z.boolean() }),
    roles: OWNER
  })
}
