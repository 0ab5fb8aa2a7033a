import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { Page } from '../../../components/Page'
import { Empty, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Tag } from '../../../components/ui'
import { showDateTime } from '../../../core/common/time'
import type { StaffStallRequest } from '../../../core/user/contract'
import { ApiError, call, errorMessage } from '../../../services/api'

type Tab = 'open' | 'decided'
const TABS: Record<Tab, string> = { open: '待审核', decided: '已处理' }

const tone = (s: StaffStallRequest['status']) => (s === 'approved' ? 'green' : s === 'declined' ? 'orange' : s === 'cancelled' ? 'gray' : 'blue')

/**
 * The regulator's queue of requests to move a stall from the owner who holds it to the one who
 * asks (#14). Both owners are shown to the regulator, who decides after checking with the market;
 * both decisions are final, so each asks once more before it is sent.
 */
export default function StallRequests() {
  const [tab, setTab] = useState<Tab>('open')
  const [list, setList] = useState<StaffStallRequest[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState<string | null>(null)

  const load = useCallback(async (t: Tab) => {
    try {
      setList((await call('user.stall.requests', { status: t })).requests)
      setError(null)
    } catch (err) {
      setError(errorMessage(err))
    }
  }, [])
  useDidShow(() => void load(tab))
  const switchTab = (t: Tab) => {
    setTab(t)
    setList(null)
    void load(t)
  }
  const setFieldError = (id: string, message: string) => setFieldErrors((e) => ({ ...e, [id]: message }))

  const decide = async (r: StaffStallRequest, decision: 'approve' | 'decline') => {
    const reason = (reasons[r.id] ?? '').trim()
    if (decision === 'decline' && !reason) {
      setFieldError(r.id, '请写明不同意的理由，申请人会看到')
      return
    }
    setFieldError(r.id, '')
    const ok = await Taro.showModal(
      decision === 'approve'
        ? {
            title: '同意转给申请人？',
            content: `${r.marketName}${r.stallNumber}号摊位将改绑到${r.requester.businessName}${r.holder ? `，${r.holder.businessName}不再绑定这个摊位` : ''}。双方都会收到通知，同意后不能撤销。`,
            confirmText: '同意'
          }
        : { title: '不同意这条申请？', content: `${r.requester.businessName}会收到通知和您写的理由。提交后不能撤销。`, confirmText: '不同意' }
    )
    if (!ok.confirm) return
    setBusy(r.id)
    try {
      const done = await call('user.stall.decide', { id: r.id, decision, ...(reason ? { reason } : {}) })
      Taro.showToast({ title: done.status === 'approved' ? '已同意，摊位已改绑' : '已处理', icon: 'none' })
      await load(tab)
    } catch (err) {
      setFieldError(r.id, err instanceof ApiError ? (err.fieldErrors().reason ?? err.message) : errorMessage(err))
    } finally {
      setBusy(null)
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  return (
    <Page>
      <View className='groups'>
        {(Object.keys(TABS) as Tab[]).map((t) => (
          <View key={t} className={`chip${t === tab ? ' chip--on' : ''}`} onClick={() => switchTab(t)}>
            {TABS[t]}
          </View>
        ))}
      </View>
      {tab === 'open' ? <Notice>经营者扫到已被他人绑定的摊位时，可以申请转到自己名下。请向市场核实后再处理；同意后摊位改绑到申请人，原经营者解除绑定，双方都会收到通知。</Notice> : null}
      {list === null ? <Loading /> : null}
      {list?.length === 0 ? <Empty title={tab === 'open' ? '没有待审核的申请' : '还没有处理过的申请'} /> : null}
      {list?.map((r) => (
        <View key={r.id} className='stall-request' id={`stall-request-${r.id}`}>
          <View className='stall-request__head'>
            <View className='stall-request__title'>
              <Text>{r.marketName} </Text>
              <Text className='stall-request__number'>摊位 {r.stallNumber}</Text>
            </View>
            <Tag tone={tone(r.status)}>{r.statusLabel}</Tag>
          </View>
          <View className='stall-request__line'>申请人：{r.requester.businessName}</View>
          <View className='stall-request__sub'>信用代码 {r.requester.creditCode}</View>
          <View className='stall-request__line'>{r.status === 'approved' ? '现绑定：' : '现在绑定：'}{r.holder ? r.holder.businessName : '没有人'}</View>
          {r.holder ? <View className='stall-request__sub'>信用代码 {r.holder.creditCode}</View> : null}
          {r.note ? <View className='stall-request__line'>申请说明：{r.note}</View> : null}
          <View className='stall-request__sub'>{showDateTime(r.createdAt)}提交 · {r.regionName}</View>
          {r.decidedAt && r.status !== 'cancelled' ? (
            <View className='stall-request__sub'>
              {showDateTime(r.decidedAt)} {r.decidedByName ?? ''}{r.status === 'approved' ? '同意' : '不同意'}{r.reason ? `：${r.reason}` : ''}
            </View>
          ) : null}
          {r.status === 'pending' || r.status === 'approving' ? (
            <View>
              <Textarea
                className='textarea'
                name={`reason-${r.id}`}
                placeholder='不同意时必填：写明理由，申请人会看到'
                maxlength={200}
                value={reasons[r.id] ?? ''}
                onInput={(e) => {
                  setReasons({ ...reasons, [r.id]: e.detail.value })
                  if (fieldErrors[r.id]) setFieldError(r.id, '')
                }}
              />
              {fieldErrors[r.id] ? <Text className='field-error stall-request__error' id={`error-reason-${r.id}`}>{fieldErrors[r.id]}</Text> : null}
              <View className='stall-request__actions'>
                <PrimaryButton loading={busy === r.id} onClick={() => decide(r, 'approve')}>同意转给申请人</PrimaryButton>
                <SecondaryButton onClick={() => decide(r, 'decline')}>不同意</SecondaryButton>
              </View>
            </View>
          ) : null}
        </View>
      ))}
    </Page>
  )
}
