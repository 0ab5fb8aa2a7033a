import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { Empty, Loading, Section } from '../../../components/ui'
import { showDateTime } from '../../../core/common/time'

interface Message {
  _id: string
  openid: string
  title: string
  body: string
  page: string | null
  subscribe: unknown
  at: string
}

/** Local cloud only: every message the Notifier sent, newest first (GET /api/local/outbox). */
export default function Outbox() {
  const [messages, setMessages] = useState<Message[] | null>(null)
  useEffect(() => {
    fetch('/api/local/outbox?limit=200')
      .then((r) => r.json())
      .then((r: { data: { messages: Message[] } }) => setMessages(r.data.messages))
      .catch(() => setMessages([]))
  }, [])
  if (!messages) return <Page><Loading /></Page>
  if (!messages.length) return <Page><Empty title='还没有发出的消息' /></Page>
  return (
    <Page>
      <Section title={`共 ${messages.length} 条`}>
        {messages.map((m) => (
          <View className='notice-text' key={m._id} style={{ borderBottom: '1px solid rgba(0,0,0,.1)' }}>
            <View className='notice-text__heading'>{m.title}</View>
            <View className='notice-text__body'>{m.body}</View>
            <Text className='grid__hint'>
              发给 {m.openid} · {showDateTime(m.at)}
              {m.subscribe ? ' · 含订阅消息' : ' · 仅站内信'}
            </Text>
          </View>
        ))}
      </Section>
    </Page>
  )
}
