import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { askForReminders, reminderTemplateIds } from '../services/subscribe'

/** Opening 提醒 is a natural moment to ask for WeChat reminders (the dialog needs a tap). */
const openReminders = (url = '/reminder/pages/permits/index') => () => {
  void askForReminders(reminderTemplateIds()).catch(() => null)
  Taro.navigateTo({ url })
}

/** The services an owner reaches from 首页 and 办事. */
export const FEATURES = [
  { key: 'policy', title: '政策推荐', hint: '适合您的扶持', color: '#07c160', open: () => Taro.switchTab({ url: '/pages/policy/index' }) },
  { key: 'course', title: '开业第一课', hint: '学经营须知', color: '#10aeff', open: () => Taro.navigateTo({ url: '/course/pages/index/index' }) },
  { key: 'loan', title: '码上贷', hint: '看适合的贷款', color: '#fa9d3b', open: () => Taro.navigateTo({ url: '/loan/pages/index/index' }) },
  { key: 'complaint', title: '我要诉求', hint: '投诉、反映问题', color: '#576b95', open: () => Taro.navigateTo({ url: '/complaint/pages/index/index' }) },
  { key: 'permit', title: '证照提醒', hint: '到期前提醒续办', color: '#1485ee', open: openReminders() },
  { key: 'report', title: '年报提醒', hint: '1月1日至6月30日', color: '#91d300', open: openReminders('/reminder/pages/annual/index') }
] as const

/** 问一问 (#19): ask in your own words, on 首页 and 办事 above the services. */
export function AskBar() {
  return (
    <View className='ask-bar' onClick={() => Taro.navigateTo({ url: '/assistant/pages/index/index' })}>
      <Text className='ask-bar__label'>问一问</Text>
      <Text>有不懂的，直接问：贷款、年报、健康证…</Text>
    </View>
  )
}

export function FeatureGrid() {
  return (
    <View>
      <AskBar />
      <View className='grid'>
        {FEATURES.map((f) => (
          <View key={f.key} className='grid__item' onClick={f.open}>
            <View className='grid__icon' style={{ background: f.color }}>
              {f.title.slice(0, 1)}
            </View>
            <View className='grid__title'>{f.title}</View>
            <Text className='grid__hint'>{f.hint}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
