import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { LoadFailed, Loading } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'

type Certificate = Output<Contracts['course.certificate.get']>

/** A certificate the owner can show on their phone: name, course, score, date and serial. */
export default function CertificatePage() {
  const [c, setC] = useState<Certificate | null>(null)
  const [error, setError] = useState<string | null>(null)
  useDidShow(() => {
    call('course.certificate.get', {})
      .then(setC)
      .catch((err) => setError(errorMessage(err)))
  })
  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!c) return <Page><Loading /></Page>
  const [y, m, d] = c.issuedOn.split('-').map(Number)
  return (
    <Page>
      <View className='certificate' id='certificate'>
        <Text className='certificate__title'>结业证书</Text>
        <Text className='certificate__name'>{c.businessName}</Text>
        <Text className='certificate__line'>参加“{c.courseTitle}”学习，</Text>
        <Text className='certificate__line'>结业测验成绩 {c.percent} 分，准予结业。</Text>
        <Text className='certificate__line' style={{ marginTop: '32px' }}>证书编号 {c.serial}</Text>
        <Text className='certificate__line'>{y}年{m}月{d}日</Text>
      </View>
    </Page>
  )
}
