import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { VerifyStatus } from '../core/verify/contract'
import { call } from '../services/api'
import { Cell, Notice, Section } from './ui'

/**
 * What depends on verification says so (#16): on the loan pages, an owner whose business is not
 * 已核验 is told before filling anything in, and how to get there.
 */
export function VerifyNotice({ what }: { what: string }) {
  const [s, setS] = useState<VerifyStatus | null>(null)
  useDidShow(() => {
    call('user.verify.status', {})
      .then(setS)
      .catch(() => setS(null))
  })
  if (!s || s.state === 'verified' || !s.hasProfile) return null
  return (
    <View id='verify-notice'>
      <Notice tone='warn'>{what}需要先核验营业执照。现在：待核验（{s.why}）。</Notice>
      <Section>
        <Cell label='去核验营业执照' value='电子营业执照或现场核验' arrow onClick={() => Taro.navigateTo({ url: '/verify/pages/index/index' })} />
      </Section>
    </View>
  )
}
