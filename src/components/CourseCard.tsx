import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Output } from '../core/common/action'
import type { Contracts } from '../core/contracts'
import { call } from '../services/api'
import { PrimaryButton } from './ui'

/** 首页's recommendation of 开业第一课 to new owners (opened or joined within 90 days) until they pass. */
export function CourseCard() {
  const [s, setS] = useState<Output<Contracts['course.status']> | null>(null)
  const load = () => {
    // a recommendation is optional: if it cannot load, 首页 simply shows without it
    call('course.status', {})
      .then(setS)
      .catch(() => setS(null))
  }
  // mounted once the session is known (after the page's own show), then again on every return
  useEffect(load, [])
  useDidShow(load)
  if (!s?.recommended) return null
  return (
    <View className='hero' id='course-card'>
      <View className='hero__name'>新开业？先上“开业第一课”</View>
      <View className='hero__meta'>
        经营须知、安全、守法、记账、税费、贷款和诉求，每课约3分钟，{s.lessonsDone ? `已学${s.lessonsDone}/${s.lessonsTotal}课。` : `共${s.lessonsTotal}课。`}学完测验通过可获得结业证书。
      </View>
      <View className='actions'>
        <PrimaryButton onClick={() => Taro.navigateTo({ url: '/course/pages/index/index' })}>{s.lessonsDone ? '继续学习' : '开始学习'}</PrimaryButton>
      </View>
    </View>
  )
}
