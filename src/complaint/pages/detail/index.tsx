import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { showDateTime } from '../../../core/common/time'
import { MAX_PHOTOS, RATINGS, type Rating } from '../../../core/complaint/labels'
import { call, errorMessage, firstErrorMessage, newRequestId } from '../../../services/api'
import { Photos, TextBox, Timeline } from '../../parts'
import { PhotoPicker, usePhotos } from '../../photos'
import { deadlineText, monthDayText, statusTone } from '../../status'

type View_ = Output<Contracts['complaint.get']>

/** Unsent material survives leaving the page or a failed call, per 诉求. */
const supplementDraftKey = (id: string) => `complaint-supplement-draft:${id}`

export default function ComplaintDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [c, setC] = useState<View_ | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [rating, setRating] = useState<Rating | null>(null)
  const [comment, setComment] = useState('')
  const [rateError, setRateError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  // 补充材料: text kept on the phone until it is sent; one request id per piece of material
  const [extra, setExtra] = useState<string>(() => String(Taro.getStorageSync(supplementDraftKey(id)) || ''))
  const [extraError, setExtraError] = useState<string | null>(null)
  const [extraRequest, setExtraRequest] = useState(newRequestId)
  const photos = usePhotos(() => setExtraError(null))
  // 撤回 and 催办
  const [reason, setReason] = useState('')
  const [withdrawError, setWithdrawError] = useState<string | null>(null)
  const [urgeError, setUrgeError] = useState<string | null>(null)
  const [urgeRequest, setUrgeRequest] = useState(newRequestId)
  const [busy, setBusy] = useState<'withdraw' | 'supplement' | 'urge' | null>(null)

  const load = () =>
    call('complaint.get', { id })
      .then(setC)
      .catch((err) => setError(errorMessage(err)))
  useDidShow(() => {
    void load()
  })

  const rate = async () => {
    if (!rating) return setRateError('请选择满意程度')
    if (rating === 'unsatisfied' && !comment.trim()) return setRateError('请说说哪里不满意，方便重新办理')
    setSaving(true)
    setRateError(null)
    try {
      const next = await call('complaint.rate', { id, rating, ...(comment.trim() ? { comment } : {}) })
      setC(next)
      setRating(null)
      setComment('')
      Taro.showToast({ title: next.status === 'handling' ? '已重新办理' : '感谢评价', icon: 'none' })
    } catch (err) {
      setRateError(firstErrorMessage(err))
    } finally {
      setSaving(false)
    }
  }

  const typeExtra = (v: string) => {
    setExtra(v)
    setExtraError(null)
    Taro.setStorageSync(supplementDraftKey(id), v)
  }
  const supplement = async () => {
    if (!extra.trim() && !photos.photos.length) return setExtraError('请写下要补充的内容，或加一张照片')
    setBusy('supplement')
    setExtraError(null)
    try {
      const next = await call('complaint.supplement', { id, text: extra, photos: photos.photos.map((p) => p.uploadId) }, { requestId: extraRequest })
      setC(next)
      setExtra('')
      Taro.removeStorageSync(supplementDraftKey(id))
      photos.clear()
      setExtraRequest(newRequestId())
      Taro.showToast({ title: '已补充，已告知办理人员', icon: 'none' })
    } catch (err) {
      // what was typed and the photos stay; the case may have moved on (closed): show it as it is
      setExtraError(firstErrorMessage(err))
      void load()
    } finally {
      setBusy(null)
    }
  }

  const withdraw = async () => {
    const answer = await Taro.showModal({
      title: '撤回这条诉求？',
      content: '撤回后工作人员不再办理，也不能恢复。如果问题还在，可以重新提交。',
      confirmText: '撤回',
      cancelText: '不撤回'
    })
    if (!answer.confirm) return
    setBusy('withdraw')
    setWithdrawError(null)
    try {
      const next = await call('complaint.withdraw', { id, ...(reason.trim() ? { reason: reason.trim() } : {}) })
      setC(next)
      setReason('')
      Taro.showToast({ title: '已撤回', icon: 'none' })
    } catch (err) {
      setWithdrawError(firstErrorMessage(err))
      void load()
    } finally {
      setBusy(null)
    }
  }

  const urge = async () => {
    setBusy('urge')
    setUrgeError(null)
    try {
      setC(await call('complaint.urge', { id }, { requestId: urgeRequest }))
      setUrgeRequest(newRequestId())
      Taro.showToast({ title: '已催办', icon: 'none' })
    } catch (err) {
      setUrgeError(firstErrorMessage(err))
      void load()
    } finally {
      setBusy(null)
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!c) return <Page><Loading /></Page>
  const open = c.supplementsLeft > 0
  return (
    <Page>
      {params.new ? (
        <Notice>
          已提交，诉求编号 {c.id}。进度会发到“我的 → 消息”，也可以在“我要诉求”里随时查看。
          <Text className='link' id='copy-complaint-id' onClick={() => void Taro.setClipboardData({ data: c.id }).catch(() => undefined)}> 复制编号</Text>
        </Notice>
      ) : null}
      {c.held && c.status === 'submitted' ? <Notice tone='warn'>内容需要人工复核，工作人员会尽快查看。您的诉求已保存，不会丢失。</Notice> : null}
      {/* a move refused because the case moved on stays in view after the section that offered it goes */}
      {withdrawError && !c.canWithdraw ? <Notice tone='error'><Text id='withdraw-error'>{withdrawError}</Text></Notice> : null}
      <Section title={`编号 ${c.id}`}>
        <Cell label='状态'>
          <Tag tone={statusTone(c.status)}>{c.statusLabel}</Tag>
        </Cell>
        {c.deadline ? <Cell wide label='期限' value={deadlineText(c.deadline)} /> : null}
        {c.office ? <Cell label='承办单位' value={c.office} /> : null}
      </Section>
      {c.status === 'withdrawn' ? <Notice>您已撤回这条诉求，工作人员不再办理。如果问题还在，可以在“我要诉求”里重新提交。</Notice> : null}

      {c.urge ? (
        <Section title='催办'>
          <View className='notice-text' id='urge'>
            {c.urge.lastAt ? (
              <Text className='timeline__note'>
                已于{showDateTime(c.urge.lastAt)}催办，已通知办理人员和监管负责人。{c.urge.from && c.urge.lastAt ? `${monthDayText(c.urge.from)}起可以再次催办。` : ''}
              </Text>
            ) : null}
            {c.urge.can ? (
              <Text className='timeline__note'>期限已过，还没有办好。催办会通知办理人员和监管负责人，每个工作日可以催办一次。</Text>
            ) : !c.urge.lastAt && c.urge.reason ? (
              <Text className='timeline__note'>{c.urge.reason}。</Text>
            ) : null}
          </View>
          {urgeError ? <Text className='field-error' id='urge-error'>{urgeError}</Text> : null}
          {c.urge.can ? (
            <View className='actions'>
              <PrimaryButton loading={busy === 'urge'} onClick={urge}>催办</PrimaryButton>
            </View>
          ) : null}
        </Section>
      ) : null}

      {c.reply ? (
        <Section title='答复'>
          <View className='notice-text'><Text className='timeline__note' id='reply'>{c.reply}</Text></View>
        </Section>
      ) : null}
      {c.rejectReason ? (
        <Section title='不予受理的理由'>
          <View className='notice-text'><Text className='timeline__note'>{c.rejectReason}</Text></View>
        </Section>
      ) : null}
      {c.canRate ? (
        <Section title='请评价这次答复'>
          <View className='groups' id='rating'>
            {(Object.keys(RATINGS) as Rating[]).map((k) => (
              <View key={k} className={`chip ${rating === k ? 'chip--on' : ''}`} onClick={() => setRating(k)}>
                {RATINGS[k]}
              </View>
            ))}
          </View>
          <View className='notice-text'>
            <TextBox name='comment' max={200} placeholder={rating === 'unsatisfied' ? '哪里不满意？会转给办理单位重新办理' : '想说的话（选填）'} value={comment} onInput={setComment} />
            <Text className='grid__hint'>{c.canReopen ? '选“不满意”会重新办理一次。' : '已重新办理过一次，这次评价后办结。'}</Text>
          </View>
          {rateError ? <Text className='field-error' id='rate-error'>{rateError}</Text> : null}
          <View className='actions'>
            <PrimaryButton loading={saving} onClick={rate}>提交评价</PrimaryButton>
          </View>
        </Section>
      ) : null}
      <Section title='进度'>
        <Timeline steps={c.timeline} />
      </Section>

      {open ? (
        <Section title='补充材料' footer={`补充的内容和照片会转给办理人员。每次最多${MAX_PHOTOS}张照片，还可以补充${c.supplementsLeft}次。`}>
          <View className='notice-text'>
            <TextBox large name='supplement' max={1000} placeholder='有新的情况或证据？如：对方又收了一次费、拿到了收据' value={extra} onInput={typeExtra} />
          </View>
          <PhotoPicker state={photos} addId='add-supplement-photo' />
          {extraError ? <Text className='field-error' id='supplement-error'>{extraError}</Text> : null}
          <View className='actions'>
            <PrimaryButton loading={busy === 'supplement'} disabled={photos.uploading} onClick={supplement}>提交补充材料</PrimaryButton>
          </View>
        </Section>
      ) : null}

      <Section title='我反映的内容'>
        <Cell label='类型' value={c.categoryLabel} />
        <Cell label='反映对象' value={c.party} />
        <Cell label='发生日期' value={c.happenedOn} />
        <Cell label='地点' value={c.place} />
        <View className='notice-text'><Text className='timeline__note'>{c.what}</Text></View>
        <Photos urls={c.photos} />
        <Cell label='身份' value={c.disclose ? '可以告知被反映方' : '对被反映方保密'} />
        {c.ratings.length ? <Cell wide label='我的评价' value={c.ratings.map((r) => `${r.label}${r.comment ? `：${r.comment}` : ''}`).join('；')} /> : null}
      </Section>

      {c.canWithdraw ? (
        <Section title='撤回' footer='受理前可以撤回；受理后不能撤回。'>
          <View className='notice-text'>
            <TextBox name='withdrawReason' max={200} placeholder='撤回的原因（选填），如：问题已经解决' value={reason} onInput={(v) => {
              setReason(v)
              setWithdrawError(null)
            }} />
          </View>
          {withdrawError ? <Text className='field-error' id='withdraw-error'>{withdrawError}</Text> : null}
          <View className='actions'>
            <SecondaryButton onClick={busy ? undefined : withdraw}>撤回诉求</SecondaryButton>
          </View>
        </Section>
      ) : null}
    </Page>
  )
}
