import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Photos, TextBox, Timeline } from '../../../complaint/parts'
import { useFormErrors } from '../../../components/useFormErrors'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import { chinaDate } from '../../../core/common/time'
import type { Contracts } from '../../../core/contracts'
import { dayText } from '../../../core/notice/timing'
import { call, firstErrorMessage } from '../../../services/api'
import { DateCell } from '../../notice'

type Hint = Output<Contracts['notice.hint.staffGet']>

/** One 违规提示 for the regulator: the owner's photos, 确认整改 or 退回 with a reason and a new deadline. */
export default function StaffHint() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [h, setH] = useState<Hint | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [dueDate, setDueDate] = useState('')
  const [busy, setBusy] = useState(false)
  const { check, fail, fieldError, formNotice, setError: setFieldError } = useFormErrors()
  const load = () =>
    call('notice.hint.staffGet', { id })
      .then(setH)
      .catch((err) => setError(firstErrorMessage(err)))
  useDidShow(() => {
    void load()
  })
  const review = async (decision: 'confirm' | 'return') => {
    if (decision === 'return' && !check({ ...(reason.trim() ? {} : { reason: '请写明退回的原因' }), ...(dueDate ? {} : { dueDate: '请给一个新的整改期限' }) })) return
    setBusy(true)
    try {
      setH(await call('notice.hint.review', { id, decision, ...(decision === 'return' ? { reason, dueDate } : {}) }))
      setReason('')
      setDueDate('')
      Taro.showToast({ title: decision === 'confirm' ? '已确认' : '已退回', icon: 'none' })
    } catch (err) {
      fail(err)
      void load()
    } finally {
      setBusy(false)
    }
  }
  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!h) return <Page><Loading /></Page>
  return (
    <Page>
      {h.overdue && h.status !== 'confirmed' && h.status !== 'corrected' ? <Notice tone='warn'>已过整改期限{dayText(h.dueDate)}，经营者还没有报告整改，请跟进。</Notice> : null}
      <Section title={h.businessName}>
        <Cell label='状态'>
          <Tag tone={h.status === 'corrected' ? 'blue' : h.status === 'confirmed' ? 'gray' : 'orange'}>{h.statusLabel}</Tag>
        </Cell>
        <Cell wide label='信用代码尾号' value={h.creditCodeTail} />
        <Cell wide label='市场' value={h.marketName ?? '未绑定市场'} />
        <View className='notice-text'><Text className='timeline__note'>{h.what}</Text></View>
        <Cell wide label='依据' value={h.rule} />
        <Cell wide label='整改期限' value={dayText(h.dueDate)} />
        <Cell wide label='措辞' value={h.guidance ? '轻微、首次：整改提示，不是处罚' : '请按期整改'} />
        <Cell wide label='发送人' value={`${h.sentBy}（${h.fromLabel}）`} />
      </Section>
      {h.photos.length ? (
        <Section title='经营者提交的整改'>
          <Photos urls={h.photos} />
          {h.note ? <View className='notice-text'><Text className='timeline__note'>{h.note}</Text></View> : null}
        </Section>
      ) : null}
      {h.actions.length ? (
        <Section title='确认或退回'>
          <View className='actions'>
            <PrimaryButton loading={busy} onClick={() => void review('confirm')}>确认整改</PrimaryButton>
          </View>
          <View className='notice-text'>
            <TextBox name='returnReason' max={200} placeholder='退回的原因，如：照片看不清价签' value={reason} onInput={(v) => {
              setReason(v)
              setFieldError('reason', '')
            }} />
          </View>
          {fieldError('reason')}
          <DateCell id='returnDue' label='新的整改期限' value={dueDate} start={chinaDate(new Date())} onChange={(v) => {
            setDueDate(v)
            setFieldError('dueDate', '')
          }} />
          {fieldError('dueDate')}
          {formNotice}
          <View className='actions'>
            <SecondaryButton onClick={busy ? undefined : () => void review('return')}>退回重新整改</SecondaryButton>
          </View>
        </Section>
      ) : null}
      <Section title='经过'>
        <Timeline steps={h.timeline} staff />
      </Section>
    </Page>
  )
}
