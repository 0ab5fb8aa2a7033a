import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaFormat } from '../core/common/time'

/** The steps of a 诉求 as both the owner and the workbench show them. */
export function Timeline({ steps }: { steps: Array<{ label: string; note: string | null; at: string }> }) {
  return (
    <View className='timeline'>
      {steps.map((t, i) => (
        <View key={i} className='timeline__step'>
          <Text className='timeline__label'>{t.label}</Text>
          {t.note ? <Text className='timeline__note'>{t.note}</Text> : null}
          <Text className='timeline__at'>{chinaFormat(t.at, 'M月D日 HH:mm')}</Text>
        </View>
      ))}
    </View>
  )
}

/** Photo thumbnails; a tap opens the viewer at that photo. */
export function Photos({ urls }: { urls: string[] }) {
  if (!urls.length) return null
  return (
    <View className='photos'>
      {urls.map((u) => (
        <Image key={u} className='photos__img' src={u} mode='aspectFill' onClick={() => Taro.previewImage({ urls, current: u })} />
      ))}
    </View>
  )
}
