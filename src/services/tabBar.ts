import Taro from '@tarojs/taro'
import type { TabIndex } from '../core/tabs'

/**
 * The weapp's tab bar is our own component (custom-tab-bar/), so that 关怀模式 can enlarge it:
 * WeChat's native tab bar keeps its small fixed type. WeChat makes one tab bar per tab page; they
 * all read this one state and listen for its changes. (H5 keeps Taro's tab bar: tabBar.h5.ts.)
 */
export const TAB_EVENT = 'tab-bar-changed'

export interface TabState {
  selected: TabIndex
  unread: number
  care: boolean
}

const state: TabState = { selected: 0, unread: 0, care: false }
const changed = () => Taro.eventCenter.trigger(TAB_EVENT, { ...state })

export const tabState = (): TabState => ({ ...state })

/** Called by each tab page when it shows, so the right tab is lit. */
export function selectTab(index: TabIndex) {
  if (state.selected === index) return
  state.selected = index
  changed()
}

export function setUnreadBadge(unread: number) {
  state.unread = unread
  changed()
}

export function setTabBarCare(on: boolean) {
  state.care = on
  changed()
}
