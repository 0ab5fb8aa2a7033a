import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, Empty, LoadFailed, Loading, Notice, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { showDate } from '../../../core/common/time'
import { OFFICIAL_SITE, SCAM_WARNING } from '../../../core/notice/labels'
import { dayText } from '../../../core/notice/timing'
import { call, firstErrorMessage } from '../../../services/api'
import { Source } from '../../parts'

type Repair = NonNullable<Output<Contracts['notice.repair.get']>['repair']>

/**
 * 信用修复: why the business is marked (the register's or the officer's words), the steps for that
 * cause each with its source, ticked by the owner as they go. The mark itself goes only when the
 * register or an officer clears it: the page says so.
 */
export default function RepairPage() {
  const [r, setR] = useState<Repair | null | undefined>(undefined)
  const [error, setError] = useState<string | null>(null)
  const [stepError, setStepError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  useDidShow(() => {
    call('notice.repair.get', {})
      .then((x) => setR(x.repair))
      .catch((err) => setError(firstErrorMessage(err)))
  })
  const tick = async (step: string, done: boolean) => {
    setBusy(step)
    setStepError(null)
    try {
      setR((await call('notice.repair.check', { step, done })).repair)
    } catch (err) {
      setStepError(firstErrorMessage(err))
    } finally {
      setBusy(null)
    }
  }
  if (error) return <Page><LoadFailed message={error} /></Page>
  if (r === undefined) return <Page><Loading /></Page>
  if (!r) return <Page><Empty title='没有经营异常记录'><Text>登记名录里没有把您的营业执照列为经营异常。</Text></Empty></Page>
  const marked = r.status === 'marked'
  return (
    <Page>
      {marked ? null : <Notice>已于{showDate(r.clearedAt!)}移出经营异常，不再提醒。</Notice>}
      <Section title='经营异常'>
        <Cell label='状态'>
          <Tag tone={marked ? 'orange' : 'gray'}>{r.statusLabel}</Tag>
        </Cell>
        <Cell wide label='原因' value={r.causeLabel} />
        {r.causeText && r.causeText !== r.causeLabel ? <Cell wide label='原文' value={r.causeText} /> : null}
        <Cell wide label='来源' value={r.sourceLabel} />
        <Cell wide label='列入时间' value={showDate(r.markedAt)} />
      </Section>
      {marked ? (
        <Section title='修复步骤' footer='勾选只是帮您记住做到哪一步；移出经营异常以登记机关的记录为准，处理后我们会告诉您。'>
          {r.steps.map((s, i) => (
            <View key={s.id} className='notice-text notice-row' id={`step-${s.id}`} onClick={busy ? undefined : () => void tick(s.id, !s.done)}>
              <View className='notice-step'>
                <Text className={`notice-check${s.done ? ' notice-check--on' : ''}`}>{s.done ? '✓' : ''}</Text>
                <Text className='notice-text__heading' style={{ marginTop: 0 }}>{i + 1}. {s.text}</Text>
              </View>
              <Source evidence={s.evidence} platform={s.platform} />
            </View>
          ))}
          {stepError ? <Text className='field-error' id='step-error'>{stepError}</Text> : null}
        </Section>
      ) : null}
      <Section title='官方渠道'>
        <View className='notice-text'>
          <Text className='timeline__note'>{OFFICIAL_SITE}</Text>
          <Text className='grid__hint'>{SCAM_WARNING}</Text>
        </View>
        {marked && r.nextReminderOn ? <Cell wide label='下次提醒' value={`${dayText(r.nextReminderOn)}（移出经营异常名录前会一直提醒）`} /> : null}
      </Section>
    </Page>
  )
}
