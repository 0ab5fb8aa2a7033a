import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Empty, LoadFailed, Loading, Notice, Section, Tag } from '../../../components/ui'
import { showDateTime } from '../../../core/common/time'
import type { StaffClaim } from '../../../core/verify/contract'
import { call, errorMessage } from '../../../services/api'

type Tab = 'open' | 'decided'

/**
 * 营业执照转移申请: a business bound to one WeChat account, claimed by another. The regulator checks
 * the licence and decides; both accounts are told.
 */
export default function StaffClaims() {
  const [tab, setTab] = useState<Tab>('open')
  const tabRef = useRef<Tab>('open')
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [decided, setDecided] = useState<Record<string, StaffClaim>>({})
  const list = usePaged<StaffClaim>(async (cursor, limit) => {
    const r = await call('user.claim.list', { status: tabRef.current, ...(cursor ? { cursor } : {}), limit })
    return r
  })
  useListOnShow(list)
  const switchTab = (t: Tab) => {
    tabRef.current = t
    setTab(t)
    setDecided({})
    void list.reset(true)
  }

  const decide = async (c: StaffClaim, decision: 'approve' | 'decline') => {
    const reason = (reasons[c.id] ?? '').trim()
    if (decision === 'decline' && !reason) return setErrors((e) => ({ ...e, [c.id]: '请写明不同意的理由，申请人会看到' }))
    if (decision === 'approve') {
      const ok = await Taro.showModal({
        title: '同意转移',
        content: '请确认已核实申请人的营业执照原件。同意后营业执照转到申请人的微信号，记为现场核验；原来的微信号改为待核验，双方都会收到通知。',
        confirmText: '同意'
      })
      if (!ok.confirm) return
    }
    try {
      const r = await call('user.claim.decide', { id: c.id, decision, ...(reason ? { reason } : {}) })
      setDecided((d) => ({ ...d, [c.id]: r }))
      setErrors((e) => ({ ...e, [c.id]: '' }))
      Taro.showToast({ title: decision === 'approve' ? '已同意' : '已处理', icon: 'success' })
    } catch (err) {
      setErrors((e) => ({ ...e, [c.id]: errorMessage(err) }))
    }
  }

  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  return (
    <Page>
      <View className='groups'>
        <View id='tab-open' className={`chip${tab === 'open' ? ' chip--on' : ''}`} onClick={() => switchTab('open')}>待审核</View>
        <View id='tab-decided' className={`chip${tab === 'decided' ? ' chip--on' : ''}`} onClick={() => switchTab('decided')}>已处理</View>
      </View>
      {!list.items ? <Loading /> : list.items.length ? (
        <Section title={`共${list.total}条`}>
          {list.items.map((c0) => {
            const c = decided[c0.id] ?? c0
            const open = c.status === 'pending' || c.status === 'approving'
            return (
              <View key={c.id} className='notice-text staff-claim' style={{ borderBottom: '1px solid var(--c-line)' }}>
                <View className='notice-text__heading' style={{ marginTop: 0 }}>
                  {c.claimant.businessName} <Tag tone={open ? 'orange' : c.status === 'approved' ? 'green' : 'gray'}>{c.statusLabel}</Tag>
                </View>
                <View className='notice-text__body'>
                  信用代码 <Text className='code'>{c.creditCode}</Text>
                </View>
                <View className='notice-text__body'>登记名录：{c.register ? `${c.register.name} · 经营者${c.register.operator} · ${c.register.statusText}` : '没有这户'}</View>
                <View className='notice-text__body'>现在绑定的微信号：{c.holder ? `${c.holder.businessName}（${c.holder.state}）` : '无'}</View>
                {c.note ? <View className='notice-text__body'>申请说明：{c.note}</View> : null}
                {c.reason ? <View className='notice-text__body'>未同意的理由：{c.reason}</View> : null}
                <Text className='grid__hint'>{showDateTime(c.createdAt)}申请 · {c.regionName}{c.decidedByName ? ` · ${c.decidedByName}处理` : ''}</Text>
                {open ? (
                  <View>
                    <Textarea className='textarea' name={`reason-${c.id}`} placeholder='不同意时写明理由（申请人会看到）' maxlength={200} value={reasons[c.id] ?? ''} onInput={(e) => setReasons((r) => ({ ...r, [c.id]: e.detail.value }))} />
                    {errors[c.id] ? <Notice tone='error'>{errors[c.id]}</Notice> : null}
                    <View style={{ display: 'flex', gap: '24px', paddingTop: '8px' }}>
                      <Text className='link' onClick={() => void decide(c, 'approve')}>同意转移</Text>
                      <Text className='link' onClick={() => void decide(c, 'decline')}>不同意</Text>
                    </View>
                  </View>
                ) : null}
              </View>
            )
          })}
        </Section>
      ) : (
        <Empty title={tab === 'open' ? '没有待审核的申请' : '还没有处理过的申请'} />
      )}
      {list.items ? <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} /> : null}
    </Page>
  )
}
