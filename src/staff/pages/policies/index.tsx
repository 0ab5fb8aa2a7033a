import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, Loading, Notice, PrimaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'

type Row = Output<Contracts['policy.admin.list']>['policies'][number]
const STATUS = { draft: ['草稿', 'gray'], published: ['已发布', 'green'], withdrawn: ['已撤回', 'orange'] } as const
const PUSH = { none: '', queued: '推送中', done: '已推送', stopped: '推送已停止' } as const

export default function StaffPolicies() {
  const [rows, setRows] = useState<Row[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useDidShow(() => {
    call('policy.admin.list', {})
      .then((r) => setRows(r.policies))
      .catch((err) => setError(errorMessage(err)))
  })
  if (error) return <Page><Notice tone='error'>{error}</Notice></Page>
  if (!rows) return <Page><Loading /></Page>
  return (
    <Page>
      <View className='actions' style={{ paddingBottom: 0 }}>
        <PrimaryButton onClick={() => Taro.navigateTo({ url: '/staff/pages/policy/index' })}>新建政策</PrimaryButton>
      </View>
      <Section title={`共${rows.length}条`} footer='推送：发送给符合条件的个体户；打开、收藏按户计。'>
        {rows.map((p) => (
          <Cell key={p.id} wide label={<Text>{p.title}</Text>} arrow onClick={() => Taro.navigateTo({ url: `/staff/pages/policy/index?id=${p.id}` })}>
            <Tag tone={STATUS[p.status][1]}>{STATUS[p.status][0]}</Tag>
            <Text className='grid__hint' style={{ display: 'block' }}>
              {PUSH[p.push] ? `${PUSH[p.push]} · ` : ''}推送{p.stats.pushed} 打开{p.stats.opened} 收藏{p.stats.favorited}
            </Text>
          </Cell>
        ))}
      </Section>
    </Page>
  )
}
