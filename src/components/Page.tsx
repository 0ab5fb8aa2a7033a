import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useSession } from '../store/session'
import { PrivacyDialog } from './PrivacyDialog'

/**
 * Every page's root. It also hosts the privacy dialog WeChat's privacy gate needs. 关怀模式 switches the CSS variables (larger text, stronger contrast) for
 * the whole page at once, so every page honours it without knowing about it.
 */
export function Page({ children, className }: PropsWithChildren<{ className?: string }>) {
  const { careMode } = useSession()
  return (
    <View className={`page${careMode ? ' care' : ''}${className ? ` ${className}` : ''}`}>
      {children}
      {/* WeChat's privacy gate can open on any page; PrivacyDialog is empty outside the weapp build */}
      <PrivacyDialog />
    </View>
  )
}
