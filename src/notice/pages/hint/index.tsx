import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { FIRST_MINOR_RULE, MAX_HINT_PHOTOS } from '../../../core/notice/labels'
import { dayText } from '../../../core/notice/timing'
import { call, firstErrorMessage, newRequestId } from '../../../services/api'
import { Photos, TextBox, Timeline } from '../../../complaint/parts'
import { PhotoPicker, usePhotos } from '../../../complaint/photos'
import { Para, Source } from '../../parts'

type Hint = Output<Contracts['notice.hint.get']>

/** Unsent words survive leaving the page or a failed call, per hint. */
const draftKey = (id: string) => `notice-correct-draft:${id}`

/** One 违规提示: the rule, what to correct and by when; 已整改 with a photo through the 诉求 upload path. */
export default function HintPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [h, setH] = useState<Hint | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string>(() => String(Taro.getStorageSync(draftKey(id)) || ''))
  const [formError, setFormError] = useState<string | null>(null)
  const [requestId, setRequestId] = useState(newRequestId)
  const [saving, setSaving] = useState(false)
  const photos = usePhotos(() => setFormError(null))

  const load = () =>
    call('notice.hint.get', { id })
      .then(setH)
      .catch((err) => setError(firstErrorMessage(err)))
  useDidShow(() => {
    void load()
  })

  const typeNote = (v: string) => {
    setNote(v)
    setFormError(null)
    Taro.setStorageSync(draftKey(id), v)
  }
  const submit = async () => {
    if (!photos.photos.length) return setFormError('请拍一张整改后的照片')
    setSaving(true)
    setFormError(null)
    try {
      const next = await call('notice.hint.correct', { id, photos: photos.photos.map((p) => p.uploadId), note }, { requestId })
      setH(next)
      setNote('')
      Taro.removeStorageSync(draftKey(id))
      photos.clear()
      setRequestId(newRequestId())
      Taro.showToast({ title: '已提交，等工作人员确认', icon: 'none' })
    } catch (err) {
      // the words and photos stay; the hint may have moved on: show it as it is
      setFormError(firstErrorMessage(err))
      void load()
    } finally {
      setSaving(false)
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!h) return <Page><Loading /></Page>
  return (
    <Page>
      {h.guidance ? (
        <Notice>
          这是整改提示，不是罚单。按期改好，拍照告诉我们就行。
          <Source evidence={FIRST_MINOR_RULE} />
          <Text className='grid__hint'>是否处罚以执法部门认定为准。</Text>
        </Notice>
      ) : null}
      <Section title='需要整改的问题'>
        <Cell label='状态'>
          <Tag tone={h.status === 'confirmed' ? 'gray' : h.status === 'corrected' ? 'blue' : 'orange'}>{h.statusLabel}</Tag>
          {h.overdue && h.canCorrect ? <Tag tone='orange'>已过期限</Tag> : null}
        </Cell>
        <Para id='hint-what'>{h.what}</Para>
        <Cell wide label='依据' value={h.rule} />
        {h.ruleText ? <Para>条文：{h.ruleText}</Para> : null}
        <Cell wide label='整改期限' value={`${dayText(h.dueDate)}前`} />
        <Cell wide label='发出单位' value={h.office} />
      </Section>
      {h.returnReason && h.status === 'returned' ? <Notice tone='warn'>上次整改被退回：{h.returnReason}</Notice> : null}
      {h.canCorrect ? (
        <Section title='我已整改' footer={`拍一张改好后的照片（最多${MAX_HINT_PHOTOS}张），工作人员看过后确认。`}>
          <PhotoPicker state={photos} addId='add-correct-photo' />
          <View className='notice-text'>
            <TextBox name='correctNote' max={300} placeholder='想说明的情况（选填），如：已贴好价签' value={note} onInput={typeNote} />
          </View>
          {formError ? <Text className='field-error' id='correct-error'>{formError}</Text> : null}
          <View className='actions'>
            <PrimaryButton loading={saving} disabled={photos.uploading} onClick={submit}>提交整改</PrimaryButton>
          </View>
        </Section>
      ) : null}
      {h.photos.length ? (
        <Section title='我提交的整改'>
          <Photos urls={h.photos} />
          {h.note ? <Para>{h.note}</Para> : null}
        </Section>
      ) : null}
      <Section title='进度'>
        <Timeline steps={h.timeline} />
      </Section>
    </Page>
  )
}
