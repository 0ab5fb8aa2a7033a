import Taro from '@tarojs/taro'
import { LOCAL_POLICY_TEMPLATE_ID, LOCAL_REMINDER_TEMPLATE_ID } from '../core/notify/template'
import { call } from './api'
import { TMPL_POLICY, TMPL_REMINDER } from './deploy'

/**
 * Template ids known at build time (TARO_APP_TMPL_REMINDER in .env.production), so a tap can
 * open WeChat's dialog at once; the local H5 build uses the local cloud's id.
 */
export function reminderTemplateIds(): string[] {
  if (process.env.TARO_ENV === 'weapp') return TMPL_REMINDER ? [TMPL_REMINDER] : []
  return [LOCAL_REMINDER_TEMPLATE_ID]
}

/** The new-policy template (TARO_APP_TMPL_POLICY), asked for when the owner favourites a policy. */
export function policyTemplateIds(): string[] {
  if (process.env.TARO_ENV === 'weapp') return TMPL_POLICY ? [TMPL_POLICY] : []
  return [LOCAL_POLICY_TEMPLATE_ID]
}

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
  if (unread > 0) Taro.setTabBarBadge({ index: 3, text: unread > 99 ? '99+' : String(unread) }).catch(() => undefined)
  else Taro.removeTabBarBadge({ index: 3 }).catch(() => undefined)
}
