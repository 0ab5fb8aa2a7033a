import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Cell, Empty, LoadFailed, Loading, PrimaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { SURVEY_STATUS } from '../../../core/survey/rules'
import { call } from '../../../services/api'

type Row = Output<Contracts['survey.admin.list']>['items'][number]
const TONE = { draft: 'gray', published: 'green', closed: 'orange' } as const

/** The region's surveys, newest written first, a page at a time; 新建 opens an empty one. */
export default function StaffSurveys() {
  const list = usePaged<Row>((cursor, limit) => call('survey.admin.list', { ...(cursor ? { cursor } : {}), limit }))
  useListOnShow(list)
  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  if (!list.items) return <Page><Loading /></Page>
  return (
    <Page>
      <PrimaryButton onClick={() => Taro.navigateTo({ url: '/staff/pages/survey/index' })}>新建问卷</PrimaryButton>
      {list.items.length ? (
        <Section title={`共${list.total}份`} footer='收到：问卷已送到的户数；回答：已提交的份数。'>
          {list.items.map((s) => (
            <Cell key={s.id} wide label={<Text>{s.title}</Text>} arrow onClick={() => Taro.navigateTo({ url: `/staff/pages/survey/index?id=${s.id}` })}>
              <Tag tone={TONE[s.status]}>{SURVEY_STATUS[s.status]}</Tag>
              <Text className='grid__hint' style={{ display: 'block' }}>
                {s.status === 'draft' ? `${s.startOn} 至 ${s.endOn}` : `收到${s.delivered}户 · 回答${s.responses}份 · ${s.endOn}截止`}
                {s.anonymous ? ' · 匿名' : ' · 实名'}
              </Text>
            </Cell>
          ))}
        </Section>
      ) : (
        <Empty title='还没有问卷'>点“新建问卷”写几道题，选好调查对象后发布，个体户会在“消息”里收到。</Empty>
      )}
      <LoadMore unit='份' shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} />
    </Page>
  )
}
