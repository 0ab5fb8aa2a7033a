import { Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { useFormErrors } from '../../../components/useFormErrors'
import { Cell, Notice, PrimaryButton, Section } from '../../../components/ui'
import { chinaDate } from '../../../core/common/time'
import { COMPLAINT_CATEGORIES, MAX_PHOTOS, type ComplaintCategory } from '../../../core/complaint/labels'
import { call, formErrorMessage, newRequestId } from '../../../services/api'
import { useSession } from '../../../store/session'
import { TextBox } from '../../parts'
import { PhotoPicker, usePhotos } from '../../photos'

interface Draft {
  category: ComplaintCategory | ''
  party: string
  what: string
  happenedOn: string
  place: string
  phone: string
  disclose: boolean
}

/** Unsent text survives leaving the page or a failed network: nothing the owner typed is lost. */
const DRAFT_KEY = 'complaint-draft'

export default function NewComplaint() {
  const { data } = useSession()
  const today = chinaDate(new Date())
  const stallPlace = data?.market ? `${data.market.name}${data.stall ? `${data.stall.number}摊位` : ''}` : ''
  const [form, setForm] = useState<Draft>(() => ({
    category: '',
    party: '',
    what: '',
    happenedOn: today,
    place: stallPlace,
    phone: '',
    disclose: false,
    ...((Taro.getStorageSync(DRAFT_KEY) || {}) as Partial<Draft>)
  }))
  const { setError, check, fail, setFormError, fieldError: err, formNotice } = useFormErrors()
  const [saving, setSaving] = useState(false)
  const photoState = usePhotos(() => setError('photos', ''))
  const { photos, uploading } = photoState
  // one id per filing: pressing 提交 again after a timeout never files twice
  const [requestId] = useState(newRequestId)

  useEffect(() => {
    if (!form.place && stallPlace) setForm((f) => ({ ...f, place: stallPlace }))
  }, [stallPlace])

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setForm((f) => {
      const next = { ...f, [k]: v }
      Taro.setStorageSync(DRAFT_KEY, next)
      return next
    })
    setError(k, '')
  }

  const submit = async () => {
    const missing: Record<string, string> = {}
    if (!form.category) missing.category = '请选择问题类型'
    if (!form.party.trim()) missing.party = '请填写反映的对象'
    if (form.what.trim().length < 10) missing.what = '请把经过写清楚，至少10个字'
    if (!form.place.trim()) missing.place = '请填写地点'
    if (form.phone && !/^1[3-9]\d{9}$/.test(form.phone)) missing.phone = '请填写11位手机号，或留空'
    if (!check(missing)) return
    setSaving(true)
    try {
      const c = await call(
        'complaint.submit',
        {
          category: form.category as ComplaintCategory,
          party: form.party,
          what: form.what,
          happenedOn: form.happenedOn,
          place: form.place,
          photos: photos.map((p) => p.uploadId),
          ...(form.phone ? { phone: form.phone } : {}),
          disclose: form.disclose
        },
        { requestId }
      )
      Taro.removeStorageSync(DRAFT_KEY)
      Taro.redirectTo({ url: `/complaint/pages/detail/index?id=${c.id}&new=1` })
    } catch (err) {
      fail(err)
      // too many too fast: say when, and that the form is kept as it is
      setFormError(formErrorMessage(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Page>
      <Section title='反映什么问题'>
        <View className='groups' id='category'>
          {(Object.keys(COMPLAINT_CATEGORIES) as ComplaintCategory[]).map((k) => (
            <View key={k} className={`chip ${form.category === k ? 'chip--on' : ''}`} onClick={() => set('category', k)}>
              {COMPLAINT_CATEGORIES[k]}
            </View>
          ))}
        </View>
        {err('category')}
        <Cell label='反映对象'>
          <Input className='input' name='party' maxlength={60} placeholder='如：某某市场管理处' value={form.party} onInput={(e) => set('party', e.detail.value)} />
        </Cell>
        {err('party')}
        <View className='notice-text'>
          <View className='notice-text__heading' style={{ marginTop: 0 }}>经过</View>
          <TextBox large name='what' max={1000} placeholder='什么时候、谁、做了什么、收了多少钱，写清楚更快办理' value={form.what} onInput={(v) => set('what', v)} />
        </View>
        {err('what')}
        <Picker mode='date' value={form.happenedOn} end={today} start='2000-01-01' onChange={(e) => set('happenedOn', String(e.detail.value))}>
          <Cell label='发生日期' arrow>
            <Text className='picker-value' id='happenedOn-value'>{form.happenedOn}</Text>
          </Cell>
        </Picker>
        {err('happenedOn')}
        <Cell label='地点'>
          <Input className='input' name='place' maxlength={80} placeholder='如：东门农贸市场A-01摊位' value={form.place} onInput={(e) => set('place', e.detail.value)} />
        </Cell>
        {err('place')}
      </Section>
      <Section title={`照片（选填，最多${MAX_PHOTOS}张）`}>
        <PhotoPicker state={photoState} addId='add-photo' />
        {err('photos')}
      </Section>
      <Section title='联系与保密'>
        <Cell label='联系电话'>
          <Input className='input' name='phone' type='number' maxlength={11} placeholder='选填，方便核实情况' value={form.phone} onInput={(e) => set('phone', e.detail.value)} />
        </Cell>
        {err('phone')}
        <View className='groups' id='disclose'>
          <View className={`chip ${!form.disclose ? 'chip--on' : ''}`} onClick={() => set('disclose', false)}>对被反映方保密我的身份</View>
          <View className={`chip ${form.disclose ? 'chip--on' : ''}`} onClick={() => set('disclose', true)}>可以告知我的身份</View>
        </View>
      </Section>
      <Notice>收到后7个工作日内告诉您是否受理（《市场监督管理投诉举报处理暂行办法》第十四条）。工作人员看到的电话号码是隐藏中间四位的。</Notice>
      {formNotice}
      <View className='actions'>
        <PrimaryButton loading={saving} disabled={uploading} onClick={submit}>提交</PrimaryButton>
      </View>
    </Page>
  )
}
