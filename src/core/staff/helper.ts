/**
 * Helpers at a stall (in the spirit of the 电子营业执照's delegated roles): someone the owner
 * invited sees the owner's reminders and messages, and nothing else of theirs. The router applies
 * this table to every call a helper makes, so a new action is refused to helpers until someone
 * decides otherwise here.
 */

/** Actions a helper's call runs as the owner (read-only views of the owner's reminders and 消息). */
export const HELPER_AS_OWNER: readonly string[] = [
  'reminder.permit.list',
  'reminder.obligation.list',
  'reminder.inbox.list',
  'reminder.inbox.read',
  'reminder.settings.get'
]

/** Actions a helper makes as themselves: signing in, their own display settings, the public library. */
export const HELPER_AS_SELF: readonly string[] = [
  'user.login',
  'user.settings.save',
  'admin.helper.mine',
  'admin.helper.leave',
  'admin.invite.show',
  'admin.invite.accept',
  'policy.feed',
  'policy.list',
  'policy.search',
  'policy.get'
]

export type HelperRule = 'owner' | 'self' | null

/** How a helper's call runs: as the owner, as the helper, or not at all (null). */
export const helperRule = (action: string): HelperRule => (HELPER_AS_OWNER.includes(action) ? 'owner' : HELPER_AS_SELF.includes(action) ? 'self' : null)

export const HELPER_REFUSED = '您是店铺帮手，只能查看店主的证照提醒、年报提醒和消息；这项业务请店主本人办理'

/** What a helper may do, for the invitation and the owner's page (the same words everywhere). */
export const HELPER_CAN = '可以看：证照提醒、年报提醒、消息'
export const HELPER_CANNOT = '不能看、不能办：贷款、经营档案、授权同意、诉求'

/** An owner keeps the helper list short: a stall has a few people, not a crowd. */
export const MAX_HELPERS = 5
