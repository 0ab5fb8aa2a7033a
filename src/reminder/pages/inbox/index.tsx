import { Slider, Switch, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { usePaged } from '../../../components/usePaged'
import { Cell, Empty, LoadFailed, Loading, Notice, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import type { NotifySettings } from '../../../core/reminder/contract'
import { INBOX_MAX_PAGE } from '../../../core/common/pageSize'
import { TOPICS, type Topic } from '../../../core/reminder/topics'
import { call, errorMessage } from '../../../services/api'
import { showUnread } from '../../../services/subscribe'
import { showDateTime } from '../../../core/common/time'

type Message = Output<Contracts['reminder.inbox.list']>['messages'][number]

const when = (iso: string) => showDateTime(iso)

/** Tab pages open with switchTab (which takes no query); every other page with navigateTo. */
const TAB_PAGES = ['pages/index/index', 'pages/policy/index', 'pages/services/index', 'pages/me/index']
function openPage(page: string) {
  const path = page.split('?')[0]
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: `/${path}` })
  else void Taro.navigateTo({ url: `/${page}` })
}

export default function Inbox() {
  const [unread, setUnread] = useState(0)
  const [open, setOpen] = useState<string | null>(null)
  const [settings, setSettings] = useState<NotifySettings | null>(null)
  const [settingsError, setSettingsError] = useState<string | null>(null)

  // the next page starts where this one ended (a cursor), so a message arriving meanwhile is
  // neither shown twice nor skipped; every page also says how many are unread in all
  const list = usePaged<Message>(async (cursor, limit) => {
    const page = await call('reminder.inbox.list', { ...(cursor ? { cursor } : {}), limit })
    setUnread(page.unread)
    showUnread(page.unread)
    return { items: page.messages, total: page.total, nextCursor: page.nextCursor }
  }, 20, INBOX_MAX_PAGE)
  const loadSettings = useCallback(async () => {
    try {
      const s = await call('reminder.settings.get', {})
      setSettings({ topics: s.topics, dailyCap: s.dailyCap })
      setSettingsError(null)
    } catch (err) {
      setSettingsError(errorMessage(err))
    }
  }, [])
  // back from what a message opened, what was loaded is refreshed in place (read marks, new ones on top)
  const shown = useRef(false)
  useDidShow(() => {
    void (shown.current ? list.reload() : list.reset())
    shown.current = true
    void loadSettings()
  })
  usePullDownRefresh(() => void list.reset().finally(() => Taro.stopPullDownRefresh()))

  const read = async (ids: string[] | 'all') => {
    const r = await call('reminder.inbox.read', ids === 'all' ? { all: true } : { ids })
    setUnread(r.unread)
    showUnread(r.unread)
    for (const m of list.items ?? []) if (ids === 'all' || ids.includes(m.id)) list.replace({ ...m, read: true })
  }
  // a message opens what it is about (a policy, a permit, a 诉求, a lesson) and marks itself read;
  // one about nothing in particular unfolds in place
  const tap = (m: Message) => {
    if (!m.read) void read([m.id]).catch(() => undefined)
    if (m.page) openPage(m.page)
    else setOpen(open === m.id ? null : m.id)
  }
  const saveSettings = async (patch: { topics?: Partial<Record<Topic, boolean>>; dailyCap?: number }) => {
    try {
      setSettings(await call('reminder.settings.save', patch))
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  const messages = list.items
  if (!messages) return <Page><Loading /></Page>
  const total = list.total
  return (
    <Page>
      <Section title={total ? `共${total}条，${unread ? `${unread}条未读` : '全部已读'}` : '消息'} footer={unread ? <Text className='cell--link' style={{ color: 'var(--c-link)' }} onClick={() => read('all')}>全部标为已读</Text> : undefined}>
        {messages.length === 0 ? <Empty title='还没有消息'>证照到期、年报截止、政策推送都会出现在这里。</Empty> : null}
        {messages.map((m) => (
          <View key={m.id} className='notice-text inbox-item' style={{ borderBottom: '1px solid var(--c-line)' }} onClick={() => tap(m)}>
            <View className='notice-text__heading' style={{ marginTop: 0 }}>
              {m.read ? '' : <Text style={{ color: 'var(--c-warn)' }}>● </Text>}
              {m.title}
              <Text className='grid__hint' style={{ float: 'right', fontWeight: 'normal' }}>{when(m.createdAt)}</Text>
            </View>
            <View className={`notice-text__body${open === m.id ? '' : ' teaser'}`}>
              {m.body}
            </View>
            {m.page ? <Text className='link' style={{ fontSize: 'var(--fs-sm)' }}>查看详情 ›</Text> : null}
          </View>
        ))}
        <LoadMore shown={messages.length} total={total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={() => void list.loadMore()} onRefresh={() => void list.reset()} />
      </Section>

      {settingsError ? <Notice tone='warn'>提醒设置没有读到：{settingsError}。下拉可以再试。</Notice> : null}
      {settings ? (
        <Section title='提醒设置' footer='关闭的类别不再提醒。每天通过微信通知的条数有上限，超出的仍会放在这里。'>
          {(Object.keys(TOPICS) as Topic[]).filter((t) => t !== 'account').map((t) => (
            <Cell key={t} label={TOPICS[t]}>
              <Switch checked={settings.topics[t] !== false} color='#07c160' onChange={(e) => saveSettings({ topics: { [t]: e.detail.value } })} />
            </Cell>
          ))}
          <Cell label='每天微信通知'>
            <Slider min={0} max={10} step={1} value={settings.dailyCap} activeColor='#07c160' blockSize={20} showValue onChange={(e) => saveSettings({ dailyCap: e.detail.value })} />
          </Cell>
        </Section>
      ) : null}
    </Page>
  )
}
