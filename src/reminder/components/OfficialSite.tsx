import { Text, View } from '@tarojs/components'
import { OFFICIAL_SITE_NAME, OFFICIAL_SITE_URL } from '../../core/reminder/guidance'

/**
 * The official filing site. In H5 a plain link (it opens in a new tab); WeChat cannot open an
 * outside site from a mini-program, so OfficialSite.weapp.tsx offers the address to copy instead.
 */
export function OfficialSite() {
  return (
    <View className='official-site' id='official-site'>
      <Text>{OFFICIAL_SITE_NAME}：</Text>
      <a className='link' href={OFFICIAL_SITE_URL} target='_blank' rel='noopener noreferrer'>
        www.gsxt.gov.cn
      </a>
    </View>
  )
}
