import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { usePaged } from '../../../components/usePaged'
import { Empty, LoadFailed, Loading, PrimaryButton, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'
import { openExport } from '../../../services/openFile'
import './index.css'

type List = Output<Contracts['monitor.list']>

/** The list behind one figure of 监测分析: names masked, a page at a time, and an Excel export of it. */
export default function MonitorList() {
  const params = useRef((Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>).current
  const query = {
    figure: decodeURIComponent(params.figure ?? ''),
    ...(params.marketId ? { marketId: decodeURIComponent(params.marketId) } : {}),
    ...(params.from && params.to ? { from: params.from, to: params.to } : {})
  }
  const [title, setTitle] = useState('')
  const [status, setStatus] = useState<string | null>(null)
  const list = usePaged<List['items'][number]>(async (cursor, limit) => {
    const r = await call('monitor.list', { ...query, ...(cursor ? { cursor } : {}), limit })
    setTitle(r.title)
    return r
  })
  const shown = useRef(false)
  useDidShow(() => {
    if (!shown.current) void list.reset()
    shown.current = true
  })
  const exportList = async () => {
    setStatus('正在生成Excel文件…')
    try {
      setStatus(await openExport(await call('monitor.export', query)))
    } catch (err) {
      setStatus(errorMessage(err))
    }
  }

  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  if (!list.items) return <Page><Loading /></Page>
  return (
    <Page>
      {list.items.length ? (
        <Section title={`${title} · 共${list.total}条`}>
          {list.items.map((r) => (
            <View key={r.id} className='monitor-row'>
              <View className='monitor-row__head'>
                <Text className='monitor-row__title'>{r.title}</Text>
                {r.date ? <Text className='monitor-row__date'>{r.date}</Text> : null}
              </View>
              {r.lines.map((l, i) => (
                <Text key={i} className='monitor-row__line'>{l}</Text>
              ))}
            </View>
          ))}
        </Section>
      ) : (
        <Empty title={`${title || '名单'}：暂无`} />
      )}
      <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} />
      {list.total ? (
        <Section>
          <View className='monitor-actions'>
            <PrimaryButton onClick={() => void exportList()}>导出Excel</PrimaryButton>
          </View>
          {status ? <Text className='monitor-status' id='monitor-status'>{status}</Text> : null}
        </Section>
      ) : null}
    </Page>
  )
}
