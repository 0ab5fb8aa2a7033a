import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import dayjs from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { useFormErrors } from '../../../components/useFormErrors'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import { chinaDate } from '../../../core/common/time'
import type { PermitView } from '../../../core/reminder/contract'
import { PERMIT_TYPES, PERMIT_TYPE_LABELS, type PermitTypeKey } from '../../../core/reminder/permitTypes'
import { cnDate, permitAdvice } from '../../../core/reminder/schedule'
import { AdviceCard, PermitTag, Quote, ReminderSchedule } from '../../components/Schedule'
import { call, errorMessage, newRequestId } from '../../../services/api'
import { askForReminders, reminderTemplateIds } from '../../../services/subscribe'

interface Form {
  type: PermitTypeKey | ''
  name: string
  number: string
  authority: string
  issuedOn: string
  expiresOn: string
}

export default function PermitEdit() {
  const { id } = useRouter().params
  // only bounds the date pickers; every state and date the page states comes from the server's clock
  const today = useMemo(() => chinaDate(new Date()), [])
  const [form, setForm] = useState<Form>({ type: '', name: '', number: '', authority: '', issuedOn: '', expiresOn: '' })
  const [loaded, setLoaded] = useState(!id)
  const [view, setView] = useState<PermitView | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const { setError, check, fail, fieldError: err, formNotice } = useFormErrors()
  const [saving, setSaving] = useState(false)
  const [requestId] = useState(newRequestId)

  useEffect(() => {
    if (!id) return
    call('reminder.permit.list', {})
      .then(({ permits }) => {
        const p = permits.find((x) => x.id === id)
        if (p) {
          setView(p)
          setForm({ type: p.type, name: p.type === 'other' ? p.name : '', number: p.number, authority: p.authority, issuedOn: p.issuedOn, expiresOn: p.expiresOn })
        } else setLoadError('没有找到这个证照，可能已经删除了')
      })
      .catch((err) => setLoadError(errorMessage(err)))
      .finally(() => setLoaded(true))
  }, [id])

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => {
      const next = { ...f, [key]: value }
      // A known validity fills the expiry in (the owner can still change it).
      const years = next.type ? PERMIT_TYPES[next.type].validityYears : null
      if ((key === 'issuedOn' || key === 'type') && years && next.issuedOn && !f.expiresOn) {
        next.expiresOn = dayjs(next.issuedOn).add(years, 'year').subtract(1, 'day').format('YYYY-MM-DD')
      }
      return next
    })
    setError(key, '')
  }

  const save = async () => {
    const missing: Record<string, string> = {}
    if (!form.type) missing.type = '请选择证照类型'
    if (form.type === 'other' && !form.name.trim()) missing.name = '请填写证照名称'
    if (!form.number.trim()) missing.number = '请填写证照编号'
    if (!form.authority.trim()) missing.authority = '请填写发证机关'
    if (!form.issuedOn) missing.issuedOn = '请选择发证日期'
    if (!form.expiresOn) missing.expiresOn = '请选择到期日期'
    if (!check(missing)) return
    // The natural moment to ask for WeChat reminders: right when the owner saves a permit. WeChat
    // shows the dialog only from the synchronous part of a tap, so it is asked before any await.
    const asked = askForReminders(reminderTemplateIds()).catch(() => null)
    setSaving(true)
    await asked
    try {
      await call(
        'reminder.permit.save',
        { ...(id ? { id } : {}), type: form.type as PermitTypeKey, ...(form.type === 'other' ? { name: form.name } : {}), number: form.number, authority: form.authority, issuedOn: form.issuedOn, expiresOn: form.expiresOn },
        { requestId }
      )
      Taro.showToast({ title: '已保存', icon: 'success' })
      Taro.navigateBack()
    } catch (err) {
      fail(err)
    } finally {
      setSaving(false)
    }
  }

  const remove = async () => {
    const ok = await Taro.showModal({ title: '删除这个证照？', content: '删除后不再提醒它的到期。' })
    if (!ok.confirm || !id) return
    try {
      await call('reminder.permit.remove', { id })
      Taro.navigateBack()
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  if (loadError) return <Page><LoadFailed message={loadError} /></Page>
  if (!loaded) return <Page><Loading /></Page>
  const type = form.type ? PERMIT_TYPES[form.type] : null
  // the rule of the type as saved (the form may be mid-edit)
  const saved = view ? PERMIT_TYPES[view.type] : null
  return (
    <Page>
      {view && saved ? (
        <>
          <AdviceCard
            title={view.name}
            tag={<PermitTag p={view} />}
            advice={permitAdvice(view)}
            meta={
              <>
                <View>编号 {view.number} · {view.authority}</View>
                <View>
                  有效期 <Text style={{ whiteSpace: 'nowrap' }}>{cnDate(view.issuedOn)}</Text> 至 <Text style={{ whiteSpace: 'nowrap' }}>{cnDate(view.expiresOn)}</Text>
                </View>
              </>
            }
          />
          <Section title='怎么续办'>
            <View className='notice-text'>
              <View className='notice-text__body'>要求：{saved.renewRule}。</View>
              <View className='notice-text__body'>办理：{saved.howToRenew}</View>
              {saved.evidence.map((e) => (
                <Quote key={e.source.clause + e.source.document} e={e} />
              ))}
              {saved.platform ? <View className='hero__meta' id='permit-platform-note'>{saved.platform.note}</View> : null}
            </View>
          </Section>
          <ReminderSchedule rows={view.schedule} next={view.nextReminder} off={view.remindersOff} />
        </>
      ) : null}
      <Section title={view ? '修改证照信息' : '证照'}>
        <SelectCell id='permitType' label='类型' options={PERMIT_TYPE_LABELS} value={form.type} onChange={(k) => set('type', k)} />
        {err('type')}
        {form.type === 'other' ? (
          <Cell label='证照名称'>
            <Input className='input' name='permitName' maxlength={20} placeholder='如：排污许可证' value={form.name} onInput={(e) => set('name', e.detail.value)} />
          </Cell>
        ) : null}
        {err('name')}
        <Cell label='证照编号'>
          <Input className='input' name='permitNumber' maxlength={40} placeholder='证上的编号' value={form.number} onInput={(e) => set('number', e.detail.value)} />
        </Cell>
        {err('number')}
        <Cell label='发证机关'>
          <Input className='input' name='permitAuthority' maxlength={40} placeholder='如：鹿城区市场监督管理局' value={form.authority} onInput={(e) => set('authority', e.detail.value)} />
        </Cell>
        {err('authority')}
        <Picker mode='date' value={form.issuedOn || today} end={today} start='1990-01-01' onChange={(e) => set('issuedOn', String(e.detail.value))}>
          <Cell label='发证日期' arrow>
            <Text className={form.issuedOn ? 'picker-value' : 'picker-placeholder'} id='issuedOn-value'>{form.issuedOn || '请选择'}</Text>
          </Cell>
        </Picker>
        {err('issuedOn')}
        <Picker mode='date' value={form.expiresOn || today} start='1990-01-01' end='2099-12-31' onChange={(e) => set('expiresOn', String(e.detail.value))}>
          <Cell label='到期日期' arrow>
            <Text className={form.expiresOn ? 'picker-value' : 'picker-placeholder'} id='expiresOn-value'>{form.expiresOn || '请选择'}</Text>
          </Cell>
        </Picker>
        {err('expiresOn')}
      </Section>
      {type && form.type !== view?.type ? (
        <Notice>
          {type.validityYears ? `有效期一般为${type.validityYears}年。` : ''}
          {type.renewRule}。{type.howToRenew}
          <Text style={{ display: 'block', marginTop: '6px' }}>依据：{type.basis}</Text>
          {type.platform ? <Text style={{ display: 'block', marginTop: '6px' }} id='permit-platform-note'>{type.platform.note}</Text> : null}
        </Notice>
      ) : null}
      {formNotice}
      <View className='actions'>
        <PrimaryButton loading={saving} onClick={save}>保存</PrimaryButton>
        {id ? <SecondaryButton onClick={remove}>删除</SecondaryButton> : null}
      </View>
    </Page>
  )
}
