import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { INBOX_TAB, TABS } from '../core/tabs'
import { CARE_KEY } from '../services/careChrome'
import { TAB_EVENT, tabState, type TabState } from '../services/tabBar'
import home from '../assets/tab/home.png'
import homeOn from '../assets/tab/home-on.png'
import me from '../assets/tab/me.png'
import meOn from '../assets/tab/me-on.png'
import policy from '../assets/tab/policy.png'
import policyOn from '../assets/tab/policy-on.png'
import services from '../assets/tab/services.png'
import servicesOn from '../assets/tab/services-on.png'
import './index.css'

const ICONS: Record<(typeof TABS)[number]['icon'], [string, string]> = {
  home: [home, homeOn],
  policy: [policy, policyOn],
  services: [services, servicesOn],
  me: [me, meOn]
}

/**
 * The weapp tab bar (app.config.ts tabBar.custom). Ours rather than WeChat's so that 关怀模式
 * can enlarge it; it looks like the native one otherwise. The state is shared by every tab
 * page's copy (services/tabBar.ts); 关怀模式 is read from the phone's cache at first paint.
 */
const current = (): TabState => ({ ...tabState(), care: tabState().care || Boolean(Taro.getStorageSync(CARE_KEY)) })

export default function CustomTabBar() {
  const [s, setS] = useState<TabState>(current)
  useEffect(() => {
    const on = (next: TabState) => setS(next)
    Taro.eventCenter.on(TAB_EVENT, on)
    // the page may have lit its tab between this bar's first render and now
    setS(current())
    return () => {
      Taro.eventCenter.off(TAB_EVENT, on)
    }
  }, [])
  return (
    <View className={`tab-bar${s.care ? ' tab-bar--care' : ''}`}>
      {TABS.map((t, i) => {
        const on = s.selected === i
        return (
          <View key={t.pagePath} className={`tab-bar__item${on ? ' tab-bar__item--on' : ''}`} onClick={() => (on ? undefined : Taro.switchTab({ url: `/${t.pagePath}` }))}>
            <View className='tab-bar__icon-box'>
              <Image className='tab-bar__icon' src={ICONS[t.icon][on ? 1 : 0]} />
              {i === INBOX_TAB && s.unread > 0 ? <Text className='tab-bar__badge'>{s.unread > 99 ? '99+' : s.unread}</Text> : null}
            </View>
            <Text className='tab-bar__text'>{t.text}</Text>
          </View>
        )
      })}
    </View>
  )
}
