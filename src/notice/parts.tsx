import { Text, View } from '@tarojs/components'
import type { Evidence } from '../core/notice/labels'

/** A quote and where it is from, under what it backs (every figure carries its source). */
export function Source({ evidence, platform }: { evidence?: Evidence | null; platform?: string | null }) {
  if (evidence) return <Text className='grid__hint notice-source'>依据：{evidence.source}：“{evidence.quote}”</Text>
  if (platform) return <Text className='grid__hint notice-source'>{platform}</Text>
  return null
}

/** One line of the page as a paragraph. */
export const Para = ({ children, id }: { children: React.ReactNode; id?: string }) => (
  <View className='notice-text' id={id}>
    <Text className='timeline__note'>{children}</Text>
  </View>
)
