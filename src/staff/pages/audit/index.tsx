import { View } from '@tarojs/components'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Cell, Empty, LoadFailed, Loading, Section } from '../../../components/ui'
import { showDateTime } from '../../../core/common/time'
import type { AuditEntry } from '../../../core/staff/contract'
import { call } from '../../../services/api'

/** 操作记录 (admins): who changed whom and what, newest first. */
export default function Audit() {
  const list = usePaged<AuditEntry>(async (cursor, limit) => call('admin.audit.list', { ...(cursor ? { cursor } : {}), limit }))
  useListOnShow(list)
  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  if (!list.items) return <Page><Loading /></Page>
  return (
    <Page>
      {list.items.length === 0 ? <Empty title='还没有记录'>邀请、修改、暂停、移除工作人员，都会记在这里。</Empty> : null}
      {list.items.length ? (
        <Section title={`共${list.total}条，最新的在前`}>
          {list.items.map((e) => (
            <Cell
              key={e.id}
              wide
              label={
                <View className='audit-entry'>
                  <View>
                    {e.actionLabel}：{e.target}
                  </View>
                  {e.change ? <View className='cell__hint'>{e.change}</View> : null}
                  <View className='cell__hint'>
                    {showDateTime(e.at)} · {e.actorName}
                    {e.roleLabel ? `（${e.roleLabel}）` : ''}
                  </View>
                </View>
              }
            />
          ))}
        </Section>
      ) : null}
      <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} />
    </Page>
  )
}
