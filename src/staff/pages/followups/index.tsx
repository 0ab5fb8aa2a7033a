import { Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { usePaged } from '../../../components/usePaged'
import { Cell, Empty, Notice, PrimaryButton, Section, Tag } from '../../../components/ui'
import type { FollowupView } from '../../../core/visit/contract'
import { showDate } from '../../../core/common/time'
import { call, errorMessage } from '../../../services/api'

type Scope = 'mine' | 'region'
type Status = 'open' | 'overdue' | 'done'
const SCOPES: Record<Scope, string> = { mine: '我的', region: '辖区全部' }
const STATUSES: Record<Status, string> = { open: '未办', overdue: '已超期', done: '已办' }

/** 跟进事项: follow-ups from visits, mine or the region's, open / overdue / done; 标记完成 with a note. */
export default function Followups() {
  const [scope, setScope] = useState<Scope>('mine')
  const [status, setStatus] = useState<Status>('open')
  const filter = useRef<{ scope: Scope; status: Status }>({ scope: 'mine', status: 'open' })
  const list = usePaged<FollowupView>(async (cursor, limit) => call('visit.followup.list', { ...filter.current, ...(cursor ? { cursor } : {}), limit }))
  const [closing, setClosing] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useDidShow(() => void list.reset(true))

  const choose = (s: Scope, st: Status) => {
    filter.current = { scope: s, status: st }
    setScope(s)
    setStatus(st)
    setClosing(null)
    void list.reset(true)
  }
  const done = async (id: string) => {
    setBusy(true)
    setError(null)
    try {
      await call('visit.followup.done', { id, note: note.trim() })
      setClosing(null)
      setNote('')
      void list.reset(true)
    } catch (err) {
      // the note stays as typed
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page>
      <View className='groups'>
        {(Object.keys(SCOPES) as Scope[]).map((s) => (
          <Text key={s} className={`chip${scope === s ? ' chip--on' : ''}`} onClick={() => choose(s, status)}>{SCOPES[s]}</Text>
        ))}
      </View>
      <View className='groups'>
        {(Object.keys(STATUSES) as Status[]).map((s) => (
          <Text key={s} className={`chip${status === s ? ' chip--on' : ''}`} onClick={() => choose(scope, s)}>{STATUSES[s]}</Text>
        ))}
      </View>
      <Section title={`${SCOPES[scope]} · ${STATUSES[status]}${list.items ? `（${list.total}项）` : ''}`} footer='跟进事项来自走访记录；到期前一天和超期时，会在“消息”里提醒负责的工作人员。'>
        {list.error ? <Cell label={list.error} /> : !list.items ? <Cell label='正在加载…' /> : list.items.length ? (
          list.items.map((f) => (
            <View key={f.id} className='visit-row'>
              <View className='visit-row__head'>
                <Text className='visit-row__name'>{f.title}</Text>
                {f.status === 'done' ? <Tag tone='gray'>已办</Tag> : f.overdue ? <Tag tone='orange'>已超期</Tag> : <Tag>未办</Tag>}
              </View>
              <View className='visit-row__meta'>{[f.businessName, f.kindLabel, `期限 ${f.dueOn}`, `负责 ${f.assigneeName}`].filter(Boolean).join(' · ')}</View>
              {f.status === 'done' ? <View className='visit-row__meta'>{f.doneAt ? `${showDate(f.doneAt)}办完` : '已办完'}{f.doneNote ? `：${f.doneNote}` : ''}</View> : null}
              {f.status === 'open' && closing !== f.id ? (
                <View className='visit-row__meta'>
                  <Text className='link' onClick={() => { setClosing(f.id); setError(null) }}>标记完成</Text>
                </View>
              ) : null}
              {closing === f.id ? (
                <View>
                  <Cell label='办理情况'>
                    <Input className='input' name='doneNote' maxlength={200} placeholder='怎么办的（选填）' value={note} onInput={(e) => setNote(e.detail.value)} />
                  </Cell>
                  {error ? <Notice tone='error'>{error}</Notice> : null}
                  <PrimaryButton loading={busy} onClick={() => void done(f.id)}>确认完成</PrimaryButton>
                </View>
              ) : null}
            </View>
          ))
        ) : (
          <Empty title={status === 'done' ? '还没有办完的跟进事项' : '没有待办的跟进事项'} />
        )}
      </Section>
      {list.items ? <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} unit='项' /> : null}
    </Page>
  )
}
