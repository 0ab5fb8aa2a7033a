import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Empty, LoadFailed, Loading, Notice, Section, Tag } from '../../../components/ui'
import type { PendingOwner } from '../../../core/verify/contract'
import { call, errorMessage } from '../../../services/api'

/**
 * 经营户核验: the region's 待核验 owners (the person masked), and 现场核验 once the officer has seen
 * the licence in person. Figures count verified businesses, claims apart.
 */
export default function StaffVerify() {
  const [verified, setVerified] = useState<number | null>(null)
  const [done, setDone] = useState<Record<string, PendingOwner>>({})
  const [rowError, setRowError] = useState<Record<string, string>>({})
  const list = usePaged<PendingOwner>(async (cursor, limit) => {
    const r = await call('user.verify.pending', { ...(cursor ? { cursor } : {}), limit })
    setVerified(r.verified)
    return { items: r.items, total: r.total, nextCursor: r.nextCursor }
  })
  useListOnShow(list)

  const confirmInPerson = async (o: PendingOwner) => {
    const ok = await Taro.showModal({
      title: '现场核验',
      content: `请确认您已当面查看${o.businessName}的营业执照原件，名称和统一社会信用代码与档案一致。`,
      confirmText: '已查看'
    })
    if (!ok.confirm) return
    try {
      const r = await call('user.verify.inPerson', { id: o.id, sawLicence: true })
      setDone((d) => ({ ...d, [o.id]: r }))
      setRowError((e) => ({ ...e, [o.id]: '' }))
      setVerified((v) => (v === null ? v : v + 1))
      Taro.showToast({ title: '已核验', icon: 'success' })
    } catch (err) {
      setRowError((e) => ({ ...e, [o.id]: errorMessage(err) }))
    }
  }

  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  if (!list.items) return <Page><Loading /></Page>
  const justDone = Object.keys(done).length
  return (
    <Page>
      <View className='hero' id='verify-totals'>
        <View className='hero__name'>已核验{verified ?? 0}户，另有{Math.max(0, list.total - justDone)}户待核验</View>
        <View className='hero__meta'>待核验的是经营户自己填写、还没有核实的档案。现场核验前，请当面查看营业执照原件。</View>
      </View>
      {list.items.length ? (
        <Section title={`待核验 ${list.total}户`}>
          {list.items.map((o) => {
            const now = done[o.id] ?? o
            return (
              <View key={o.id} className='notice-text staff-verify' style={{ borderBottom: '1px solid var(--c-line)' }}>
                <View className='notice-text__heading' style={{ marginTop: 0 }}>
                  {now.businessName} <Tag tone={now.state === 'verified' ? 'green' : 'orange'}>{now.label}</Tag>
                </View>
                <View className='notice-text__body'>
                  信用代码 <Text className='code'>{now.creditCode}</Text>
                </View>
                <View className='notice-text__body'>
                  {[now.operator ? `经营者 ${now.operator}` : '登记名录中没有', now.marketName, now.regionName].filter(Boolean).join(' · ')}
                </View>
                {now.state === 'pending' ? <View className='notice-text__body'>原因：{now.why}</View> : <View className='notice-text__body'>{now.verifiedByName ? `${now.verifiedByName}现场核验` : '已核验'}</View>}
                {rowError[o.id] ? <Notice tone='error'>{rowError[o.id]}</Notice> : null}
                {now.state === 'pending' ? (
                  <View style={{ paddingTop: '8px' }}>
                    <Text className='link' onClick={() => void confirmInPerson(o)}>现场核验</Text>
                  </View>
                ) : null}
              </View>
            )
          })}
        </Section>
      ) : (
        <Empty title='辖区没有待核验的经营户' />
      )}
      <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} unit='户' />
    </Page>
  )
}
