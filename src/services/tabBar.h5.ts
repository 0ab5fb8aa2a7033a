import Taro from '@tarojs/taro'
import { INBOX_TAB, type TabIndex } from '../core/tabs'

/** H5 keeps Taro's own tab bar: it lights the right tab itself and takes the badge API. */
export const TAB_EVENT = 'tab-bar-changed'

export const selectTab = (_index: TabIndex) => undefined

export function setUnreadBadge(unread: number) {
  if (unread > 0) Taro.setTabBarBadge({ index: INBOX_TAB, text: unread > 99 ? '99+' : String(unread) }).catch(() => undefined)
  else Taro.removeTabBarBadge({ index: INBOX_TAB }).catch(() => undefined)
}

/** 关怀模式 reaches it through html.care-mode (careChrome.h5.ts). */
export const setTabBarCare = (_on: boolean) => undefined
