import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Empty, LoadFailed, Loading, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { CATEGORIES, STATUSES, type Category, type Status } from '../../../core/recognition/config'
import { call } from '../../../services/api'

type Queue = Output<Contracts['recognition.staff.queue']>
interface Filters {
  status: Status | 'all'
  category: Category | 'all'
  marketId: string
}
const ALL = { all: '全部' } as const

/** The regulator's 名特优新 queue: their region only, by status, category and market, a page at a time. */
export default function RecognitionQueue() {
  const [f, setF] = useState<Filters>({ status: 'all', category: 'all', marketId: 'all' })
  const [markets, setMarkets] = useState<NonNullable<Queue['markets']>>([])
  const filters = useRef(f)
  filters.current = f
  const list = usePaged<Queue['items'][number]>(async (cursor, limit) => {
    const now = filters.current
    const r = await call('recognition.staff.queue', {
      ...(now.status !== 'all' ? { status: now.status } : {}),
      ...(now.category !== 'all' ? { category: now.category } : {}),
      ...(now.marketId !== 'all' ? { marketId: now.marketId } : {}),
      ...(cursor ? { cursor } : {}),
      limit
    })
    if (r.markets) setMarkets(r.markets)
    return { items: r.items, total: r.total, nextCursor: r.nextCursor }
  })
  useListOnShow(list)
  const change = (patch: Partial<Filters>) => {
    filters.current = { ...f, ...patch }
    setF(filters.current)
    void list.reset()
  }
  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  if (!list.items) return <Page><Loading /></Page>
  const marketOptions: Record<string, string> = { all: '全部市场', ...Object.fromEntries(markets.map((m) => [m.id, m.name])) }
  return (
    <Page>
      <Section title='筛选'>
        <SelectCell id='filterStatus' label='状态' options={{ ...ALL, ...STATUSES }} value={f.status} onChange={(k) => change({ status: k })} />
        <SelectCell id='filterCategory' label='类别' options={{ ...ALL, ...CATEGORIES }} value={f.category} onChange={(k) => change({ category: k })} />
        <SelectCell id='filterMarket' label='市场' options={marketOptions} value={f.marketId} onChange={(k) => change({ marketId: k })} />
      </Section>
      {list.items.length ? (
        <Section title={`共${list.total}份`}>
          {list.items.map((a) => (
            <View key={a.id} className='notice-text staff-recognition' style={{ borderBottom: '1px solid var(--c-line)' }} onClick={() => Taro.navigateTo({ url: `/staff/pages/recognition/index?id=${a.id}` })}>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>
                {a.businessName} · “{a.categoryLabel}”类 <Tag tone={a.status === 'recognised' ? 'green' : a.status === 'submitted' ? 'orange' : 'blue'}>{a.statusLabel}</Tag>
                {a.unanswered ? <Tag tone='orange'>{a.unanswered}条异议待答复</Tag> : null}
              </View>
              <Text className='grid__hint'>
                {a.marketName ?? '未绑定市场'}
                {a.publicUntil && a.status === 'publicizing' ? ` · 公示至${a.publicUntil}` : ''}
              </Text>
            </View>
          ))}
        </Section>
      ) : (
        <Empty title='没有符合条件的申报' />
      )}
      <LoadMore unit='份' shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} />
    </Page>
  )
}
