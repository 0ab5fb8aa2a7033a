import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Empty, LoadFailed, Loading, Notice, PrimaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call } from '../../../services/api'
import { deadlineText, statusTone } from '../../status'
import { showDate } from '../../../core/common/time'

type Summary = Output<Contracts['complaint.list']>['complaints'][number]

/** The owner's 诉求: each with its tracking number, where it stands and the next deadline; all of them, a page at a time. */
export default function MyComplaints() {
  const list = usePaged<Summary>(async (cursor, limit) => {
    const r = await call('complaint.list', { ...(cursor ? { cursor } : {}), limit })
    return { items: r.complaints, total: r.total, nextCursor: r.nextCursor }
  })
  // back from a 诉求's page, what was loaded is refreshed in place (its status may have moved)
  useListOnShow(list)
  const file = () => Taro.navigateTo({ url: '/complaint/pages/new/index' })
  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  if (!list.items) return <Page><Loading /></Page>
  return (
    <Page>
      <Notice>遇到违规收费、乱罚款、政策不落实等问题，可以在这里反映。提交后有编号，每一步进度和期限都看得到，办结后请您评价。</Notice>
      {list.items.length ? (
        <Section title={`我提交的诉求（共${list.total}条）`}>
          {list.items.map((c) => (
            <View key={c.id} className='notice-text complaint-row' style={{ borderBottom: '1px solid var(--c-line)' }} onClick={() => Taro.navigateTo({ url: `/complaint/pages/detail/index?id=${c.id}` })}>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>
                {c.categoryLabel} · {c.party} <Tag tone={statusTone(c.status)}>{c.statusLabel}</Tag>
              </View>
              <Text className='grid__hint'>编号 <Text className='code'>{c.id}</Text> · {showDate(c.createdAt)}{c.deadline ? ` · ${deadlineText(c.deadline)}` : ''}</Text>
            </View>
          ))}
        </Section>
      ) : (
        <Empty title='还没有诉求'>有问题随时反映，我们会按期限答复。</Empty>
      )}
      <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} />
      <View className='actions'>
        <PrimaryButton onClick={file}>我要反映问题</PrimaryButton>
      </View>
    </Page>
  )
}
