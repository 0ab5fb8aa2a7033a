import Taro from '@tarojs/taro'

const KEY = 'policy-open-tab'
export type OpenablePolicyTab = 'favorites'

/**
 * Opens the 政策 tab at one of its lists (收藏 from 我的办事). A tab page cannot take a query
 * (switchTab drops it), so the wish waits in storage for the page's next show.
 */
export function openPolicyTab(tab: OpenablePolicyTab) {
  Taro.setStorageSync(KEY, tab)
  void Taro.switchTab({ url: '/pages/policy/index' })
}

/** The list 政策 was asked to open, once (the wish is gone after reading). */
export function takePolicyTab(): OpenablePolicyTab | null {
  const t: unknown = Taro.getStorageSync(KEY)
  if (!t) return null
  Taro.removeStorageSync(KEY)
  return t === 'favorites' ? t : null
}
