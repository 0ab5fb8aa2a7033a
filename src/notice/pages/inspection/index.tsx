import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, Notice, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { NOTICE_SOURCES } from '../../../core/notice/labels'
import { dayText, windowText } from '../../../core/notice/timing'
import { call, firstErrorMessage } from '../../../services/api'
import { Source } from '../../parts'

type Inspection = Output<Contracts['notice.inspection.get']>

/**
 * A 双随机抽查 the owner is in: the window and what will be checked with the rule behind each
 * item. The exact day shows only when the plan allows it; the server never sends it otherwise.
 */
export default function InspectionPage() {
  const { params } = useRouter()
  const [p, setP] = useState<Inspection | null>(null)
  const [error, setError] = useState<string | null>(null)
  useDidShow(() => {
    call('notice.inspection.get', { id: params.id ?? '' })
      .then(setP)
      .catch((err) => setError(firstErrorMessage(err)))
  })
  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!p) return <Page><Loading /></Page>
  return (
    <Page>
      {p.cancelled ? <Notice tone='warn'>这次抽查已取消。</Notice> : null}
      <Section title={p.title}>
        <Cell wide label='抽查时间' value={windowText(p.windowStart, p.windowEnd)} />
        <Cell wide label='检查日' value={p.day ? dayText(p.day) : '不提前告知具体哪天'} />
        <Cell wide label='检查单位' value={p.office} />
      </Section>
      <Section title='会检查这些，请提前准备' footer='提前对照准备好，检查时更顺利。'>
        {p.checklist.map((c, i) => (
          <View key={i} className='notice-text notice-row' id={`check-${i}`}>
            <Text className='notice-text__heading' style={{ marginTop: 0 }}>{i + 1}. {c.item}</Text>
            <Text className='grid__hint'>依据：{c.rule}</Text>
          </View>
        ))}
      </Section>
      <View className='notice-text'>
        <Source evidence={NOTICE_SOURCES.reminders} />
      </View>
    </Page>
  )
}
