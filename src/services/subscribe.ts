import Taro from '@tarojs/taro'
import { setUnreadBadge } from './tabBar'
import { call } from './api'

/**
 * The deployment's template ids, from the server at login (function env TMPL_REMINDER /
 * TMPL_POLICY; the local cloud answers its own). Kept here so that a tap can ask WeChat at once:
 * the dialog opens only from the synchronous part of a tap, never after an await. Before login,
 * or when a template is not configured, the list is empty and messages go to 消息 only.
 */
let templates: { reminder: string | null; policy: string | null } = { reminder: null, policy: null }
export const setTemplates = (t: typeof templates) => {
  templates = t
}

export const reminderTemplateIds = (): string[] => (templates.reminder ? [templates.reminder] : [])

/** The new-policy template, asked for when the owner favourites a policy. */
export const policyTemplateIds = (): string[] => (templates.policy ? [templates.policy] : [])

type Result = 'accept' | 'reject' | 'ban' | 'filter'

/**
 * Asks the owner to allow reminder messages and reports the answers, so the server can count
 * quota (one accepted one-time subscription = one message). Must run inside a tap handler:
 * WeChat shows the dialog only then. The local H5 build has no such dialog; the tap counts as
 * an accept there, so the quota logic is exercised end to end.
 */
export async function askForReminders(templateIds: string[]): Promise<Record<string, number> | null> {
  if (!templateIds.length) return null
  let results: Record<string, Result> = {}
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: templateIds.slice(0, 5) } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
      for (const id of templateIds) if (['accept', 'reject', 'ban', 'filter'].includes(res[id])) results[id] = res[id] as Result
    } catch {
      return null // the owner closed the dialog or the main switch is off: nothing to report
    }
  } else {
    results = Object.fromEntries(templateIds.map((id) => [id, 'accept' as const]))
  }
  if (!Object.keys(results).length) return null
  return (await call('reminder.subscription.report', { results })).quota
}

/** The unread count on the 我的 tab (index 3), where 消息 lives. */
export function showUnread(unread: number) {
  setUnreadBadge(unread)
}
