import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useMemo, type PropsWithChildren } from 'react'
import { TABS, type TabIndex } from '../core/tabs'
import { selectTab } from '../services/tabBar'
import { useSession } from '../store/session'
import { PrivacyDialog } from './PrivacyDialog'

/**
 * Every page's root. It also hosts the privacy dialog WeChat's privacy gate needs. 关怀模式 switches the CSS variables (larger text, stronger contrast) for
 * the whole page at once, so every page honours it without knowing about it.
 */
export function Page({ children, className }: PropsWithChildren<{ className?: string }>) {
  const { careMode } = useSession()
  // a tab page lights its tab in our weapp tab bar when it shows (services/tabBar.ts)
  const tab = useMemo(() => {
    const path = (Taro.getCurrentInstance().router?.path ?? '').replace(/^\//, '').split('?')[0]
    return TABS.findIndex((t) => t.pagePath === path)
  }, [])
  useDidShow(() => {
    if (tab >= 0) selectTab(tab as TabIndex)
  })
  return (
    <View className={`page${careMode ? ' care' : ''}${className ? ` ${className}` : ''}`}>
      {children}
      {/* WeChat's privacy gate can open on any page; PrivacyDialog is empty outside the weapp build */}
      <PrivacyDialog />
    </View>
  )
}
