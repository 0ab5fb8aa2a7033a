import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

/**
 * An official website in WeChat: a mini-program cannot open outside websites (web-view needs a
 * business domain we do not own), so the owner copies the address and opens it in a browser.
 */
export function ExternalLink({ url, id }: { url: string; id?: string }) {
  const copy = () => void Taro.setClipboardData({ data: url }).catch(() => undefined)
  return (
    <View className='ext-link' id={id}>
      <Text className='ext-link__url' userSelect>{url.replace(/^https:\/\//, '')}</Text>
      <Text className='chip ext-link__copy' onClick={copy}>复制网址</Text>
      <View className='grid__hint'>小程序里打不开外部网站，复制后在手机浏览器里打开。</View>
    </View>
  )
}
