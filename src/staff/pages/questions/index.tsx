import { Text, Textarea, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { usePaged } from '../../../components/usePaged'
import { Cell, Empty, Notice, PrimaryButton, Section, Tag } from '../../../components/ui'
import type { StaffQuestion } from '../../../core/assistant/contract'
import { QUESTION_MAX, QUESTION_VIEWS, REPLY_MAX, type QuestionView } from '../../../core/assistant/labels'
import { showDateTime } from '../../../core/common/time'
import { call, errorMessage } from '../../../services/api'

type Editing = { id: string; mode: 'reply' | 'publish' }

/**
 * 问一问·群众提问 (#19): what owners of the region asked, anonymised (no name, no WeChat id), the ones
 * handed to a person first; reply (it goes to the owner's 消息) and publish a question with its
 * answer as a 常见问题 that 问一问 then answers with.
 */
export default function Questions() {
  const [view, setView] = useState<QuestionView>('waiting')
  const filter = useRef<QuestionView>('waiting')
  const [waiting, setWaiting] = useState<number | null>(null)
  const list = usePaged<StaffQuestion>(async (cursor, limit) => {
    const r = await call('assistant.staff.list', { view: filter.current, ...(cursor ? { cursor } : {}), limit })
    setWaiting(r.waiting)
    return r
  })
  const [editing, setEditing] = useState<Editing | null>(null)
  const [reply, setReply] = useState('')
  const [faqQ, setFaqQ] = useState('')
  const [faqA, setFaqA] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  useDidShow(() => void list.reset(true))

  const choose = (v: QuestionView) => {
    filter.current = v
    setView(v)
    setEditing(null)
    void list.reset(true)
  }
  const open = (q: StaffQuestion, mode: Editing['mode']) => {
    setEditing({ id: q.id, mode })
    setError(null)
    setDone(null)
    if (mode === 'reply') setReply('')
    else {
      setFaqQ(q.text)
      setFaqA(q.reply ?? '')
    }
  }
  const submit = async () => {
    if (!editing) return
    setBusy(true)
    setError(null)
    try {
      if (editing.mode === 'reply') await call('assistant.staff.reply', { id: editing.id, reply: reply.trim() })
      else await call('assistant.staff.publish', { id: editing.id, question: faqQ.trim(), answer: faqA.trim() })
      setDone(editing.mode === 'reply' ? '已回复，经营者会在“消息”里收到。' : '已发布为常见问题，以后有人这样问，问一问会先给出这条答复。')
      setEditing(null)
      void list.reset(true)
    } catch (err) {
      // what was typed stays
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page>
      <View className='groups'>
        {(Object.keys(QUESTION_VIEWS) as QuestionView[]).map((v) => (
          <Text key={v} className={`chip${view === v ? ' chip--on' : ''}`} onClick={() => choose(v)}>
            {QUESTION_VIEWS[v]}
            {v === 'waiting' && waiting ? `（${waiting}）` : ''}
          </Text>
        ))}
      </View>
      {done ? <Notice>{done}</Notice> : null}
      <Section title={`${QUESTION_VIEWS[view]}${list.items ? `（${list.total}条）` : ''}`} footer='看不到提问人的姓名和微信；只显示提问时所在的地区。没通过内容安全检查的问题不显示原文。'>
        {list.error ? <Cell label={list.error} /> : !list.items ? <Cell label='正在加载…' /> : list.items.length ? (
          list.items.map((q) => (
            <View key={q.id} className='visit-row qa-row'>
              <View className='visit-row__head'>
                <Text className='visit-row__name'>{q.text}</Text>
                <Tag tone={q.state === 'waiting' ? 'orange' : q.state === 'replied' ? 'green' : q.found ? 'gray' : 'orange'}>{q.stateLabel}</Tag>
              </View>
              <View className='visit-row__meta'>{q.regionName} · {showDateTime(q.createdAt)}{q.published ? ' · 已发布为常见问题' : ''}</View>
              {q.shown.length ? <View className='visit-row__meta'>给出的答复：{q.shown.join('；')}</View> : null}
              {q.reply ? <View className='visit-row__meta'>人工回复：{q.reply}</View> : null}
              {editing?.id !== q.id ? (
                <View className='visit-row__meta'>
                  {q.state === 'waiting' ? <Text className='link' onClick={() => open(q, 'reply')}>回复</Text> : null}
                  {q.state === 'waiting' ? '　' : null}
                  <Text className='link' onClick={() => open(q, 'publish')}>{q.published ? '修改常见问题' : '发布为常见问题'}</Text>
                </View>
              ) : editing.mode === 'reply' ? (
                <View>
                  <Textarea className='textarea' name='reply' maxlength={REPLY_MAX} placeholder='写给经营者的回复（会发到对方的“消息”里）' value={reply} onInput={(e) => setReply(e.detail.value)} />
                  {error ? <Notice tone='error'>{error}</Notice> : null}
                  <PrimaryButton loading={busy} onClick={() => void submit()}>发送回复</PrimaryButton>
                </View>
              ) : (
                <View>
                  <View className='visit-row__meta'>问题（请删去姓名、电话等个人信息）</View>
                  <Textarea className='textarea' name='faqQuestion' maxlength={QUESTION_MAX} placeholder='常见问题的问法' value={faqQ} onInput={(e) => setFaqQ(e.detail.value)} />
                  <View className='visit-row__meta'>答复</View>
                  <Textarea className='textarea' name='faqAnswer' maxlength={REPLY_MAX} placeholder='答复（注明依据或办事地点）' value={faqA} onInput={(e) => setFaqA(e.detail.value)} />
                  {error ? <Notice tone='error'>{error}</Notice> : null}
                  <PrimaryButton loading={busy} onClick={() => void submit()}>发布</PrimaryButton>
                </View>
              )}
            </View>
          ))
        ) : (
          <Empty title={view === 'waiting' ? '没有待回复的问题' : '还没有这类问题'} />
        )}
      </Section>
      {list.items ? <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} unit='条' /> : null}
    </Page>
  )
}
