import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { OFFICIAL_SITE_NAME, OFFICIAL_SITE_URL } from '../../core/reminder/guidance'

/**
 * The official filing site as text to copy: a mini-program cannot open an outside site, so the
 * owner pastes the address into a browser (H5 shows a link: OfficialSite.tsx).
 */
export function OfficialSite() {
  const copy = () => {
    Taro.setClipboardData({ data: OFFICIAL_SITE_URL })
      .then(() => Taro.showToast({ title: '网址已复制，请在浏览器中打开', icon: 'none' }))
      .catch(() => undefined)
  }
  return (
    <View className='official-site' id='official-site'>
      <Text>{OFFICIAL_SITE_NAME}：www.gsxt.gov.cn</Text>
      <Text className='link' style={{ marginLeft: '16px', whiteSpace: 'nowrap' }} onClick={copy}>
        复制网址
      </Text>
    </View>
  )
}
