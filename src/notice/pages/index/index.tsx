import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Cell, Empty, LoadFailed, Loading, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { NOTICE_SOURCES } from '../../../core/notice/labels'
import { dayText, windowText } from '../../../core/notice/timing'
import { call } from '../../../services/api'
import { Source } from '../../parts'

type List = Output<Contracts['notice.list']>

/**
 * The owner's notices in one place (reached from 办事 and from each message): a 信用修复 in
 * progress, the inspections they were told of, and their 违规提示 a page at a time.
 */
export default function Notices() {
  const [first, setFirst] = useState<Pick<List, 'repair' | 'inspections'> | null>(null)
  const list = usePaged<List['hints'][number]>(async (cursor, limit) => {
    const r = await call('notice.list', { ...(cursor ? { cursor } : {}), limit })
    if (!cursor) setFirst({ repair: r.repair, inspections: r.inspections })
    return { items: r.hints, total: r.total, nextCursor: r.nextCursor }
  })
  useListOnShow(list)
  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  if (!list.items || !first) return <Page><Loading /></Page>
  const { repair, inspections } = first
  const nothing = !repair && !inspections?.length && !list.items.length
  return (
    <Page>
      {repair ? (
        <Section title='信用修复'>
          <Cell
            label={repair.status === 'marked' ? '经营异常' : '已移出经营异常'}
            value={repair.status === 'marked' ? `${repair.causeLabel} · 已完成${repair.steps.filter((s) => s.done).length}/${repair.steps.length}步` : '不再提醒'}
            arrow
            onClick={() => Taro.navigateTo({ url: '/notice/pages/repair/index' })}
          />
        </Section>
      ) : null}
      {inspections?.length ? (
        <Section title='双随机抽查迎检'>
          {inspections.map((p) => (
            <Cell key={p.id} label={p.title} value={p.cancelled ? '已取消' : windowText(p.windowStart, p.windowEnd)} arrow onClick={() => Taro.navigateTo({ url: `/notice/pages/inspection/index?id=${p.id}` })} />
          ))}
        </Section>
      ) : null}
      {list.items.length ? (
        <Section title={`违规提示（${list.total}条）`}>
          {list.items.map((h) => (
            <View key={h.id} className='notice-text notice-row' onClick={() => Taro.navigateTo({ url: `/notice/pages/hint/index?id=${h.id}` })}>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>
                <Text>{h.what}</Text> <Tag tone={h.status === 'confirmed' ? 'gray' : h.status === 'corrected' ? 'blue' : 'orange'}>{h.statusLabel}</Tag>
                {h.overdue && h.status !== 'confirmed' ? <Tag tone='orange'>已过期限</Tag> : null}
              </View>
              <Text className='grid__hint'>依据：{h.rule} · 整改期限{dayText(h.dueDate)}{h.guidance ? ' · 整改提示，不是处罚' : ''}</Text>
            </View>
          ))}
        </Section>
      ) : null}
      {nothing ? (
        <Empty title='没有需要处理的提醒'>
          <Text>监管部门的抽查提醒、违规提示和信用修复步骤会发到这里，也会出现在“消息”里。</Text>
        </Empty>
      ) : null}
      {list.items.length ? <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} /> : null}
      <View className='notice-text'>
        <Source evidence={NOTICE_SOURCES.quietSupervision} />
      </View>
    </Page>
  )
}
