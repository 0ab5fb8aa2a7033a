import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, Empty, LoadFailed, Loading, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { ObligationView, PermitView } from '../../../core/reminder/contract'
import { annualAdvice, annualTag, cnDate, currentObligations } from '../../../core/reminder/schedule'
import { call, errorMessage } from '../../../services/api'
import { askForReminders } from '../../../services/subscribe'
import { PermitTag } from '../../components/Schedule'

const ANNUAL_PAGE = '/reminder/pages/annual/index'

/** The annual report in brief: where it stands, 我已报送, and the way to the whole of it (how to file, the schedule). */
function AnnualCard({ o, onChange }: { o: ObligationView; onChange: (o: ObligationView) => void }) {
  const [busy, setBusy] = useState(false)
  const mark = async (filed: boolean) => {
    setBusy(true)
    try {
      onChange(await call('reminder.obligation.markFiled', { id: o.id, filed }))
      Taro.showToast({ title: filed ? '已标记为已报送' : '已撤销', icon: 'none' })
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  const tag = annualTag(o)
  return (
    <View className='hero' id={`annual-${o.reportYear}`}>
      <View className='hero__name' style={{ fontSize: 'var(--fs-lg)' }}>
        {o.reportYear}年度年报 <Tag tone={tag.tone}>{tag.label}</Tag>
      </View>
      <View className='hero__meta'>{annualAdvice(o).title}</View>
      <View className='hero__meta'>报送时间：{cnDate(o.opensOn)}至{cnDate(o.deadline).slice(5)}</View>
      {o.nextReminder ? <View className='hero__meta'>下次提醒：{cnDate(o.nextReminder)}</View> : null}
      <View className='hero__meta' id={`annual-open-${o.reportYear}`} onClick={() => Taro.navigateTo({ url: ANNUAL_PAGE })}>
        <Text className='link'>怎么报、什么时候提醒 ›</Text>
      </View>
      {o.state === 'notOpen' ? null : (
        <View className='actions' style={{ paddingBottom: 0 }}>
          {o.state === 'filed' ? (
            <SecondaryButton onClick={() => mark(false)}>撤销“已报送”</SecondaryButton>
          ) : (
            <PrimaryButton loading={busy} onClick={() => mark(true)}>
              我已报送{o.reportYear}年度年报
            </PrimaryButton>
          )}
        </View>
      )}
    </View>
  )
}

export default function Permits() {
  const [permits, setPermits] = useState<PermitView[] | null>(null)
  const [obligations, setObligations] = useState<ObligationView[]>([])
  const [templates, setTemplates] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)

  useDidShow(() => {
    Promise.all([call('reminder.permit.list', {}), call('reminder.obligation.list', {}), call('reminder.settings.get', {})])
      .then(([p, o, s]) => {
        setPermits(p.permits)
        setObligations(o.obligations)
        setTemplates(s.templates)
        setError(null)
      })
      .catch((err) => setError(errorMessage(err)))
  })

  const subscribe = async () => {
    const quota = await askForReminders(templates).catch(() => null)
    Taro.showToast({ title: quota ? '已开启，到期前会通过微信提醒您' : '未开启微信提醒，消息仍会放在“消息”里', icon: 'none' })
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!permits) return <Page><Loading /></Page>
  return (
    <Page>
      {currentObligations(obligations).map((o) => (
        <AnnualCard key={o.id} o={o} onChange={(n) => setObligations(obligations.map((x) => (x.id === n.id ? n : x)))} />
      ))}
      <Section title='我的证照'>
        {permits.length === 0 ? <Empty title='还没有记录证照'>记录许可证、健康证的到期日，我们会提前提醒您续办。</Empty> : null}
        {permits.map((p) => (
          <Cell
            key={p.id}
            wide
            label={<Text>{p.name}</Text>}
            arrow
            onClick={() => Taro.navigateTo({ url: `/reminder/pages/permit/index?id=${p.id}` })}
          >
            <PermitTag p={p} />
            <Text className='grid__hint' style={{ display: 'block' }}>
              {p.expiresOn}到期{p.state === 'expired' ? '' : `，还有${p.daysLeft}天`}
            </Text>
            {p.lastApplyOn && p.state !== 'expired' ? (
              <Text className='grid__hint' style={{ display: 'block' }}>
                最后申请日 {p.lastApplyOn}
              </Text>
            ) : null}
            {p.nextReminder ? (
              <Text className='grid__hint' style={{ display: 'block' }}>
                下次提醒 {p.nextReminder}
              </Text>
            ) : null}
          </Cell>
        ))}
      </Section>
      <View className='actions'>
        <PrimaryButton onClick={() => Taro.navigateTo({ url: '/reminder/pages/permit/index' })}>添加证照</PrimaryButton>
        <SecondaryButton onClick={subscribe}>开启微信提醒</SecondaryButton>
      </View>
    </Page>
  )
}
