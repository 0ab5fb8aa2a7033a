import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useSession } from '../store/session'

/**
 * Every page's root. 关怀模式 switches the CSS variables (larger text, stronger contrast) for
 * the whole page at once, so every page honours it without knowing about it.
 */
export function Page({ children, className }: PropsWithChildren<{ className?: string }>) {
  const { careMode } = useSession()
  return <View className={`page${careMode ? ' care' : ''}${className ? ` ${className}` : ''}`}>{children}</View>
}
