import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { currentOpenid, setOpenid } from '../services/identity'
import { useSession } from '../store/session'

interface Identity {
  openid: string
  label: string
}

/**
 * Local cloud only (rendered under process.env.TARO_ENV === 'h5'): switch between a new owner,
 * demo owners and staff, and open the outbox of messages WeChat would have sent.
 */
export function DevPanel() {
  const { refresh } = useSession()
  const [identities, setIdentities] = useState<Identity[]>([])
  const [me, setMe] = useState(currentOpenid())

  useEffect(() => {
    fetch('/api/local/identities')
      .then((r) => r.json())
      .then((r: { data?: { identities: Identity[] } }) => setIdentities(r.data?.identities ?? []))
      .catch(() => setIdentities([]))
  }, [])

  const choose = async (openid: string) => {
    setOpenid(openid)
    setMe(currentOpenid())
    await refresh()
    Taro.switchTab({ url: '/pages/index/index' })
  }

  return (
    <View className='dev-bar'>
      <Text>本地演示 · 当前身份：{identities.find((i) => i.openid === me)?.label ?? me}</Text>
      <View className='dev-bar__options'>
        {identities.map((i) => (
          <View key={i.openid} className={`chip${i.openid === me ? ' chip--on' : ''}`} onClick={() => choose(i.openid)}>
            {i.label}
          </View>
        ))}
        <View className='chip' onClick={() => Taro.navigateTo({ url: '/dev/pages/outbox/index' })}>
          消息发件箱
        </View>
      </View>
    </View>
  )
}
