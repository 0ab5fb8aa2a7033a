import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Empty, LoadFailed, Loading, Notice, Section, Tag } from '../../../components/ui'
import type { StaffObjection } from '../../../core/classification/contract'
import { showDateTime } from '../../../core/common/time'
import { BUSINESS_TYPES, type BusinessType } from '../../../core/user/options'
import { call, errorMessage } from '../../../services/api'

type Tab = 'open' | 'closed'

/**
 * 分型异议复核: the region's owners' 异议 against the year's 分型, newest first. The officer changes
 * the type or keeps it, with a reason the owner sees; who, when and why go into the decision's
 * history and the audit log. Names are masked.
 */
export default function StaffClassification() {
  const [tab, setTab] = useState<Tab>('open')
  const tabRef = useRef<Tab>('open')
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const [types, setTypes] = useState<Record<string, BusinessType>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [decided, setDecided] = useState<Record<string, StaffObjection>>({})
  const list = usePaged<StaffObjection>(async (cursor, limit) => call('user.classification.queue', { status: tabRef.current, ...(cursor ? { cursor } : {}), limit }))
  useListOnShow(list)
  const switchTab = (t: Tab) => {
    tabRef.current = t
    setTab(t)
    setDecided({})
    void list.reset(true)
  }

  const decide = async (o: StaffObjection, outcome: 'change' | 'keep') => {
    const reason = (reasons[o.id] ?? '').trim()
    const type = types[o.id]
    if (outcome === 'change' && !type) return setErrors((e) => ({ ...e, [o.id]: '请先选择改判后的类型' }))
    if (!reason) return setErrors((e) => ({ ...e, [o.id]: outcome === 'change' ? '请写明改判的理由，经营户会看到' : '请写明维持原判的理由，经营户会看到' }))
    try {
      const r = await call('user.classification.decide', { id: o.id, outcome, reason, ...(outcome === 'change' ? { type } : {}) })
      setDecided((d) => ({ ...d, [o.id]: r }))
      setErrors((e) => ({ ...e, [o.id]: '' }))
      Taro.showToast({ title: outcome === 'change' ? '已改判' : '已维持', icon: 'success' })
    } catch (err) {
      // the reason stays as typed
      setErrors((e) => ({ ...e, [o.id]: errorMessage(err) }))
    }
  }

  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  return (
    <Page>
      <View className='groups'>
        <View id='tab-open' className={`chip${tab === 'open' ? ' chip--on' : ''}`} onClick={() => switchTab('open')}>待复核</View>
        <View id='tab-closed' className={`chip${tab === 'closed' ? ' chip--on' : ''}`} onClick={() => switchTab('closed')}>已处理</View>
      </View>
      {!list.items ? <Loading /> : list.items.length ? (
        <Section title={`共${list.total}条`}>
          {list.items.map((o0) => {
            const o = decided[o0.id] ?? o0
            return (
              <View key={o.id} className='notice-text staff-objection' style={{ borderBottom: '1px solid var(--c-line)' }}>
                <View className='notice-text__heading' style={{ marginTop: 0 }}>
                  {o.businessName} <Tag tone={o.status === 'open' ? 'orange' : o.status === 'changed' ? 'green' : 'gray'}>{o.statusLabel}</Tag>
                </View>
                <View className='notice-text__body'>{o.year}年判定：{o.typeLabel}{o.estimateLabel ? ` · 按现在档案估算：${o.estimateLabel}` : ''}</View>
                <View className='notice-text__body'>异议理由：{o.reason}</View>
                {o.reasons.map((r) => (
                  <View className='notice-text__body' key={r.text}>{r.met ? '✓' : '…'} {r.text}</View>
                ))}
                {o.outcomeLabel ? <View className='notice-text__body'>处理结果：{o.outcomeLabel}{o.note ? `，理由：${o.note}` : ''}</View> : null}
                <Text className='grid__hint'>{showDateTime(o.createdAt)}提出 · {o.regionName}{o.decidedByName ? ` · ${o.decidedByName}处理` : ''}</Text>
                {o.open ? (
                  <View>
                    <View className='groups'>
                      {(Object.keys(BUSINESS_TYPES) as BusinessType[]).filter((t) => t !== o.type).map((t) => (
                        <Text key={t} className={`chip${types[o.id] === t ? ' chip--on' : ''}`} onClick={() => {
                          setTypes((s) => ({ ...s, [o.id]: t }))
                          setErrors((e) => ({ ...e, [o.id]: '' }))
                        }}>改为{BUSINESS_TYPES[t]}</Text>
                      ))}
                    </View>
                    <Textarea className='textarea' name={`reason-${o.id}`} placeholder='写明复核的理由（经营户会看到）' maxlength={300} value={reasons[o.id] ?? ''} onInput={(e) => {
                      setReasons((r) => ({ ...r, [o.id]: e.detail.value }))
                      setErrors((x) => ({ ...x, [o.id]: '' }))
                    }} />
                    {errors[o.id] ? <Notice tone='error'>{errors[o.id]}</Notice> : null}
                    <View style={{ display: 'flex', gap: '24px', paddingTop: '8px' }}>
                      <Text className='link' onClick={() => void decide(o, 'change')}>改判</Text>
                      <Text className='link' onClick={() => void decide(o, 'keep')}>维持原判</Text>
                    </View>
                  </View>
                ) : null}
              </View>
            )
          })}
        </Section>
      ) : (
        <Empty title={tab === 'open' ? '没有待复核的异议' : '还没有处理过的异议'} />
      )}
      {list.items ? <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} /> : null}
    </Page>
  )
}
