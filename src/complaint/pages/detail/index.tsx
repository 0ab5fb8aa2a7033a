import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { RATINGS, type Rating } from '../../../core/complaint/labels'
import { call, errorMessage, firstErrorMessage } from '../../../services/api'
import { Photos, Timeline } from '../../parts'
import { deadlineText, statusTone } from '../../status'

type View_ = Output<Contracts['complaint.get']>

export default function ComplaintDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [c, setC] = useState<View_ | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [rating, setRating] = useState<Rating | null>(null)
  const [comment, setComment] = useState('')
  const [rateError, setRateError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  useDidShow(() => {
    call('complaint.get', { id })
      .then(setC)
      .catch((err) => setError(errorMessage(err)))
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

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!c) return <Page><Loading /></Page>
  return (
    <Page>
      {params.new ? (
        <Notice>
          已提交，诉求编号 {c.id}。进度会发到“我的 → 消息”，也可以在“我要诉求”里随时查看。
          <Text className='link' id='copy-complaint-id' onClick={() => void Taro.setClipboardData({ data: c.id }).catch(() => undefined)}> 复制编号</Text>
        </Notice>
      ) : null}
      {c.held && c.status === 'submitted' ? <Notice tone='warn'>内容需要人工复核，工作人员会尽快查看。您的诉求已保存，不会丢失。</Notice> : null}
      <Section title={`编号 ${c.id}`}>
        <Cell label='状态'>
          <Tag tone={statusTone(c.status)}>{c.statusLabel}</Tag>
        </Cell>
        {c.deadline ? <Cell wide label='期限' value={deadlineText(c.deadline)} /> : null}
        {c.office ? <Cell label='承办单位' value={c.office} /> : null}
      </Section>
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
            <Textarea className='textarea' name='comment' maxlength={200} placeholder={rating === 'unsatisfied' ? '哪里不满意？会转给办理单位重新办理' : '想说的话（选填）'} value={comment} onInput={(e) => setComment(e.detail.value)} />
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
    </Page>
  )
}
