import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { SelectCell } from '../../../components/SelectCell'
import { Page } from '../../../components/Page'
import { Empty, LoadFailed, Loading, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, type ComplaintCategory, type ComplaintStatus } from '../../../core/complaint/labels'
import { deadlineText, statusTone } from '../../../complaint/status'
import { call, errorMessage } from '../../../services/api'

type Queue = Output<Contracts['complaint.staff.queue']>
interface Filters {
  status: ComplaintStatus | 'all'
  category: ComplaintCategory | 'all'
  marketId: string
  overdue: boolean
}

const ALL = { all: '全部' } as const

/** The regulator's queue: their region only, filtered by status, category, market and overdue. */
export default function ComplaintQueue() {
  const [q, setQ] = useState<Queue | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [f, setF] = useState<Filters>({ status: 'all', category: 'all', marketId: 'all', overdue: false })
  const load = useCallback((filters: Filters) => {
    call('complaint.staff.queue', {
      ...(filters.status !== 'all' ? { status: filters.status } : {}),
      ...(filters.category !== 'all' ? { category: filters.category } : {}),
      ...(filters.marketId !== 'all' ? { marketId: filters.marketId } : {}),
      ...(filters.overdue ? { overdue: true } : {})
    })
      .then(setQ)
      .catch((err) => setError(errorMessage(err)))
  }, [])
  useDidShow(() => load(f))
  const change = (patch: Partial<Filters>) => {
    const next = { ...f, ...patch }
    setF(next)
    load(next)
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!q) return <Page><Loading /></Page>
  const marketOptions: Record<string, string> = { all: '全部市场', ...Object.fromEntries(q.markets.map((m) => [m.id, m.name])) }
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
      {q.items.length ? (
        <Section title={`共${q.items.length}条`}>
          {q.items.map((c) => (
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
    </Page>
  )
}
