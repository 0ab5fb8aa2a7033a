import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PropsWithChildren, ReactNode } from 'react'

/** WeUI-style building blocks shared by owner and staff pages. */

export function Section({ title, children, footer }: PropsWithChildren<{ title?: string; footer?: ReactNode }>) {
  return (
    <View className='section'>
      {title ? <View className='section__title'>{title}</View> : null}
      <View className='cells'>{children}</View>
      {footer ? <View className='section__footer'>{footer}</View> : null}
    </View>
  )
}

export function Cell({
  label,
  value,
  onClick,
  arrow,
  wide,
  stack,
  children
}: PropsWithChildren<{
  label: ReactNode
  value?: ReactNode
  onClick?: () => void
  arrow?: boolean
  wide?: boolean
  /** in 关怀模式 the value goes under the label (for a long code that must stay on one line) */
  stack?: boolean
}>) {
  return (
    <View className={`cell${onClick ? ' cell--link' : ''}${stack ? ' cell--stack' : ''}`} onClick={onClick}>
      <View className={`cell__label${wide ? ' cell__label--wide' : ''}`}>{label}</View>
      <View className='cell__value'>{value ?? children}</View>
      {arrow ? <Text className='cell__arrow'>›</Text> : null}
    </View>
  )
}

export function Tag({ children, tone = 'green' }: PropsWithChildren<{ tone?: 'green' | 'orange' | 'gray' | 'blue' }>) {
  return <Text className={`tag tag--${tone}`}>{children}</Text>
}

export function PrimaryButton({
  children,
  onClick,
  loading,
  disabled,
  danger
}: PropsWithChildren<{ onClick?: () => void; loading?: boolean; disabled?: boolean; /** a final, destructive step (注销) */ danger?: boolean }>) {
  return (
    // A class, not [disabled]: Taro's H5 button writes disabled="false", which a selector would match.
    <Button
      className={`btn btn--primary${danger ? ' btn--danger' : ''}${disabled || loading ? ' btn--disabled' : ''}`}
      onClick={disabled || loading ? undefined : onClick}
      loading={loading}
    >
      {children}
    </Button>
  )
}

export function SecondaryButton({ children, onClick }: PropsWithChildren<{ onClick?: () => void }>) {
  return (
    <Button className='btn btn--default' onClick={onClick}>
      {children}
    </Button>
  )
}

export function Notice({ children, tone = 'info' }: PropsWithChildren<{ tone?: 'info' | 'warn' | 'error' }>) {
  return <View className={`notice notice--${tone}`}>{children}</View>
}

export function Empty({ title, children }: PropsWithChildren<{ title: string }>) {
  return (
    <View className='empty'>
      <View className='empty__title'>{title}</View>
      {children ? <View className='empty__body'>{children}</View> : null}
    </View>
  )
}

export function Loading() {
  return <View className='loading'>正在加载…</View>
}

/**
 * A page that could not load: what went wrong, and a way back (the previous page, or 首页 when
 * the page was opened directly, e.g. from a message or a shared link). Every loading state ends
 * here or in content, never in 正在加载… for ever.
 */
export function LoadFailed({ message }: { message: string }) {
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.switchTab({ url: '/pages/index/index' })
  }
  return (
    <View>
      <Notice tone='error'>{message}</Notice>
      <View className='actions'>
        <SecondaryButton onClick={back}>返回</SecondaryButton>
      </View>
    </View>
  )
}
