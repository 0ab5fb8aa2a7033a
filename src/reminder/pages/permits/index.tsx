import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, Empty, LoadFailed, Loading, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { ObligationView, PermitView } from '../../../core/reminder/contract'
import { call, errorMessage } from '../../../services/api'
import { askForReminders } from '../../../services/subscribe'

const STATE: Record<PermitView['state'], { label: string; tone: 'green' | 'orange' | 'gray' }> = {
  valid: { label: '有效', tone: 'green' },
  renewSoon: { label: '即将到期', tone: 'orange' },
  expired: { label: '已过期', tone: 'gray' }
}

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
  const status =
    o.state === 'filed' ? <Tag>已报送</Tag> : o.state === 'overdue' ? <Tag tone='orange'>已逾期</Tag> : o.state === 'open' ? <Tag tone='orange'>{o.daysLeft === 0 ? '今天截止' : `还有${o.daysLeft}天截止`}</Tag> : <Tag tone='gray'>{`${o.reportYear + 1}年1月1日开始`}</Tag>
  return (
    <View className='hero' id={`annual-${o.reportYear}`}>
      <View className='hero__name' style={{ fontSize: 'var(--fs-lg)' }}>
        {o.reportYear}年度年报 {status}
      </View>
      <View className='hero__meta'>截止 {o.deadline.replace(/-/g, '.')} · {o.how}</View>
      {o.lateSteps.length ? (
        <View className='notice notice--warn' style={{ margin: '12px 0 0' }}>
          {o.lateSteps.map((s) => (
            <View key={s}>{s}</View>
          ))}
        </View>
      ) : null}
      <View className='notice notice--info' style={{ margin: '12px 0 0', padding: 0 }}>
        {o.scamWarning}
      </View>
      {o.nextReminder && o.state !== 'filed' ? <View className='hero__meta'>下次提醒：{o.nextReminder}</View> : null}
      <View className='actions' style={{ paddingBottom: 0 }}>
        {o.state === 'notOpen' ? null : o.state === 'filed' ? (
          <SecondaryButton onClick={() => mark(false)}>撤销“已报送”</SecondaryButton>
        ) : (
          <PrimaryButton loading={busy} onClick={() => mark(true)}>
            我已报送{o.reportYear}年度年报
          </PrimaryButton>
        )}
      </View>
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
  const current = obligations.filter((o) => o.state !== 'filed' || o === obligations[obligations.length - 1]).slice(0, 2)
  return (
    <Page>
      {current.map((o) => (
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
            <Tag tone={STATE[p.state].tone}>{STATE[p.state].label}</Tag>
            <Text className='grid__hint' style={{ display: 'block' }}>
              {p.expiresOn}到期{p.state === 'expired' ? '' : `，还有${p.daysLeft}天`}
            </Text>
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
