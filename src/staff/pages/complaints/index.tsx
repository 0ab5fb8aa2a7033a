import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { SelectCell } from '../../../components/SelectCell'
import { Page } from '../../../components/Page'
import { LoadMore } from '../../../components/LoadMore'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Empty, LoadFailed, Loading, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, type ComplaintCategory, type ComplaintStatus } from '../../../core/complaint/labels'
import { deadlineText, statusTone } from '../../../complaint/status'
import { call } from '../../../services/api'

type Queue = Output<Contracts['complaint.staff.queue']>
interface Filters {
  status: ComplaintStatus | 'all'
  category: ComplaintCategory | 'all'
  marketId: string
  overdue: boolean
}

const ALL = { all: '全部' } as const

/**
 * The regulator's queue: their region only, filtered by status, category, market and overdue;
 * every complaint reachable a page at a time (加载更多), with how many there are.
 */
export default function ComplaintQueue() {
  const [f, setF] = useState<Filters>({ status: 'all', category: 'all', marketId: 'all', overdue: false })
  const [markets, setMarkets] = useState<NonNullable<Queue['markets']>>([])
  const filters = useRef(f)
  filters.current = f
  const list = usePaged<Queue['items'][number]>(async (cursor, limit) => {
    const now = filters.current
    const r = await call('complaint.staff.queue', {
      ...(now.status !== 'all' ? { status: now.status } : {}),
      ...(now.category !== 'all' ? { category: now.category } : {}),
      ...(now.marketId !== 'all' ? { marketId: now.marketId } : {}),
      ...(now.overdue ? { overdue: true } : {}),
      ...(cursor ? { cursor } : {}),
      limit
    })
    if (r.markets) setMarkets(r.markets)
    return { items: r.items, total: r.total, nextCursor: r.nextCursor }
  })
  // the first show loads the first page; back from a complaint, what was loaded is refreshed in place
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
        <SelectCell id='filterStatus' label='状态' options={{ ...ALL, ...COMPLAINT_STATUSES }} value={f.status} onChange={(k) => change({ status: k })} />
        <SelectCell id='filterCategory' label='类型' options={{ ...ALL, ...COMPLAINT_CATEGORIES }} value={f.category} onChange={(k) => change({ category: k })} />
        <SelectCell id='filterMarket' label='市场' options={marketOptions} value={f.marketId} onChange={(k) => change({ marketId: k })} />
        <View className='groups'>
          <View id='filterOverdue' className={`chip ${f.overdue ? 'chip--on' : ''}`} onClick={() => change({ overdue: !f.overdue })}>只看超期</View>
        </View>
      </Section>
      {list.items.length ? (
        <Section title={`共${list.total}条`}>
          {list.items.map((c) => (
            <View key={c.id} className='notice-text staff-complaint' style={{ borderBottom: '1px solid var(--c-line)' }} onClick={() => Taro.navigateTo({ url: `/staff/pages/complaint/index?id=${c.id}` })}>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>
                {c.categoryLabel} · {c.party} <Tag tone={statusTone(c.status)}>{c.statusLabel}</Tag>
                {c.deadline?.overdue ? <Tag tone='orange'>超期</Tag> : null}
                {c.held ? <Tag tone='orange'>待人工复核</Tag> : null}
                {c.urged ? <Tag tone='orange'>已催办</Tag> : null}
                {c.supplemented ? <Tag tone='blue'>有补充材料</Tag> : null}
              </View>
              <Text className='grid__hint'>
                {c.id} · {c.marketName ?? '未绑定市场'} · {c.reporter}
                {c.deadline ? ` · ${deadlineText(c.deadline)}` : ''}
              </Text>
            </View>
          ))}
        </Section>
      ) : (
        <Empty title='没有符合条件的诉求' />
      )}
      <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} />
    </Page>
  )
}
