import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { VerifyNotice } from '../../../components/VerifyNotice'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'
import { showMonthDay } from '../../../core/common/time'

type Products = Output<Contracts['loan.products']>
type Application = Output<Contracts['loan.applications']>['applications'][number]

const tone = (s: Application['status']) => (s === 'approved' || s === 'disbursed' ? 'green' : s === 'declined' ? 'gray' : 'orange')

export default function LoanHome() {
  const [data, setData] = useState<Products | null>(null)
  const [apps, setApps] = useState<Application[]>([])
  const [error, setError] = useState<string | null>(null)
  useDidShow(() => {
    Promise.all([call('loan.products', {}), call('loan.applications', {})])
      .then(([p, a]) => {
        setData(p)
        setApps(a.applications)
      })
      .catch((err) => setError(errorMessage(err)))
  })
  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!data) return <Page><Loading /></Page>
  return (
    <Page>
      <VerifyNotice what='申请贷款' />
      <Notice>码上贷用您的经营数据（收款码流水等）帮您看看哪种贷款适合您、怎样提高评估。能贷多少由银行审批：这些贷款的文件没有写明额度，本程序不估算。您的信息只在您单独同意后才提供给您选择的银行。</Notice>
      {apps.length ? (
        <Section title='我的申请'>
          {apps.map((a) => (
            <View key={a.id} className='notice-text loan-app' style={{ borderBottom: '1px solid var(--c-line)' }}>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>
                {a.productName} · {a.amount}元 <Tag tone={tone(a.status)}>{a.statusLabel}</Tag>
              </View>
              <View className='notice-text__body'>{a.bankName}</View>
              {a.decision.amount ? <View className='notice-text__body'>批准：{a.decision.amount}元，年利率{a.decision.annualRate}%，{a.decision.termMonths}个月</View> : null}
              {a.decision.reason ? <View className='notice-text__body'>原因：{a.decision.reason}</View> : null}
              <Text className='grid__hint'>{a.history.map((h) => `${showMonthDay(h.at)} ${h.status === 'needInfo' ? `需补充：${h.note}` : ''}`).join(' → ')}</Text>
            </View>
          ))}
        </Section>
      ) : null}
      <Section title='合作银行（先同意，再申请）'>
        {data.banks.map((b) => (
          <Cell key={b.id} wide label={b.name} arrow onClick={() => Taro.navigateTo({ url: `/loan/pages/consent/index?bankId=${b.id}` })}>
            {b.consented ? <Tag>已同意提供信息</Tag> : <Tag tone='gray'>未同意</Tag>}
          </Cell>
        ))}
      </Section>
      <Section title='贷款产品'>
        {data.products.map((p) => (
          <View key={p.id} className='notice-text' style={{ borderBottom: '1px solid var(--c-line)' }}>
            <View className='notice-text__heading' style={{ marginTop: 0 }}>{p.name}</View>
            <View className='notice-text__body'>{p.summary}</View>
            <View className='notice-text__body'>{p.fitNote}</View>
            <Text className='grid__hint'>出处：{p.source}</Text>
          </View>
        ))}
      </Section>
      <View className='actions'>
        <PrimaryButton onClick={() => Taro.navigateTo({ url: '/loan/pages/assess/index' })}>填流水，看看我适合哪种贷款</PrimaryButton>
      </View>
    </Page>
  )
}
