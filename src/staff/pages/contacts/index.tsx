import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Fragment, useCallback, useState } from 'react'
import { AreaPicker } from '../../../components/AreaPicker'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { Cell, Empty, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import { useFormErrors } from '../../../components/useFormErrors'
import type { Output } from '../../../core/common/action'
import { showDate } from '../../../core/common/time'
import type { Contracts } from '../../../core/contracts'
import { DEPARTMENTS, type Department } from '../../../core/policy/act'
import { ApiError, call, errorMessage } from '../../../services/api'
import { useSession } from '../../../store/session'
import './index.css'

type Row = Output<Contracts['policy.contact.list']>['contacts'][number]

interface Form {
  department: Department | ''
  region: string
  office: string
  phone: string
  address: string
  hours: string
  onlineName: string
  onlineUrl: string
  note: string
}
const EMPTY: Form = { department: '', region: '', office: '', phone: '', address: '', hours: '', onlineName: '', onlineUrl: '', note: '' }

/** The form field a server path belongs to (online.url → onlineUrl). */
const FIELD_OF: Record<string, keyof Form> = { 'online.name': 'onlineName', 'online.url': 'onlineUrl', online: 'onlineUrl' }

/**
 * 办事联系方式: the offices owners are sent to from a policy's 怎么办理, one per department and
 * region. The documents give no phone or address; what staff keep here is what owners read, and
 * where nothing is kept owners are told whom to ask instead (never a made-up number).
 */
export default function StaffContacts() {
  const { data } = useSession()
  const [rows, setRows] = useState<Row[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [form, setForm] = useState<Form>(EMPTY)
  const [editing, setEditing] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const { setError, check, fail, fieldError, formNotice } = useFormErrors()

  const load = useCallback(async () => {
    try {
      setRows((await call('policy.contact.list', { limit: 50 })).contacts)
      setLoadError(null)
    } catch (err) {
      setLoadError(errorMessage(err))
    }
  }, [])
  useDidShow(() => {
    void load()
  })

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }))
    setError(k, '')
  }
  const edit = (r: Row) => {
    setEditing(r.id)
    setForm({ department: r.department, region: r.region, office: r.office, phone: r.phone ?? '', address: r.address ?? '', hours: r.hours ?? '', onlineName: r.online?.name ?? '', onlineUrl: r.online?.url ?? '', note: r.note ?? '' })
    void Taro.pageScrollTo({ selector: '#contact-form', duration: 0 }).catch(() => undefined)
  }
  const region = form.region || data?.staff?.region || ''

  const save = async () => {
    // what the form can tell by itself, in the same place the server's messages go
    const missing: Partial<Record<keyof Form, string>> = {}
    if (!form.department) missing.department = '请选择部门'
    if (!region) missing.region = '请选择地区'
    if (!form.office.trim()) missing.office = '请填写办事机构的名称'
    if (!form.phone.trim() && !form.address.trim() && !form.onlineUrl.trim()) missing.phone = '电话、地址、网上入口至少填一项'
    if (form.onlineUrl.trim() && !form.onlineName.trim()) missing.onlineName = '请填写网站名称'
    if (!check(missing)) return
    setBusy(true)
    try {
      await call('policy.contact.save', {
        department: form.department as Department,
        region,
        office: form.office,
        phone: form.phone.trim() || null,
        address: form.address.trim() || null,
        hours: form.hours.trim() || null,
        online: form.onlineUrl.trim() ? { name: form.onlineName, url: form.onlineUrl } : null,
        note: form.note.trim() || null
      })
      Taro.showToast({ title: '已保存', icon: 'success' })
      setForm(EMPTY)
      setEditing(null)
      await load()
    } catch (err) {
      fail(err)
      // the server names fields by its paths; show them under the fields of this form
      if (err instanceof ApiError) {
        for (const d of err.details) {
          const k = FIELD_OF[d.path]
          if (k) setError(k, d.message)
        }
      }
    } finally {
      setBusy(false)
    }
  }
  const remove = async (r: Row) => {
    const ok = await Taro.showModal({ title: '删除这条联系方式？', content: `删除后，个体户在政策页上看不到${r.regionName}${r.departmentName}的这条电话和地址，只会看到“去哪里问”的提示。`, confirmText: '删除', cancelText: '不删' })
    if (!ok.confirm) return
    try {
      await call('policy.contact.remove', { department: r.department, region: r.region })
      Taro.showToast({ title: '已删除', icon: 'none' })
      if (editing === r.id) {
        setEditing(null)
        setForm(EMPTY)
      }
      await load()
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  if (!data) return <Page><Loading /></Page>
  if (loadError) return <Page><LoadFailed message={loadError} /></Page>
  // a fragment, not a wrapper: each cell keeps its divider (.cell:last-child has none)
  const text = (k: keyof Form, label: string, max: number, placeholder: string) => (
    <Fragment key={k}>
      <Cell label={label}>
        <Input className='input' name={`contact-${k}`} maxlength={max} placeholder={placeholder} value={form[k]} onInput={(e) => set(k, e.detail.value as never)} />
      </Cell>
      {fieldError(k)}
    </Fragment>
  )
  return (
    <Page>
      <Notice>政策文件里没有电话和地址。这里填的是个体户在政策“去哪里办”里看到的联系方式：按部门和地区各一条，个体户看到离他最近的一级（区县的先于市的，市的先于省的）。没有填的，个体户只看到部门名称和去哪里问。</Notice>
      {rows === null ? <Loading /> : null}
      {rows?.length === 0 ? <Empty title='还没有联系方式'>在下面添加第一条。</Empty> : null}
      {rows?.length ? (
        <Section title={`已有${rows.length}条`}>
          {rows.map((r) => (
            <View key={r.id} className='notice-text contact-row' id={`contact-${r.id.replace(':', '-')}`} style={{ borderBottom: '1px solid var(--c-line)' }}>
              <View className='notice-text__heading staff-row-head' style={{ marginTop: 0 }}>
                <Text>{r.departmentName} · {r.regionName}</Text>
                {r.editable ? <Text className='staff-remove' onClick={() => remove(r)}>删除</Text> : <Tag tone='gray'>上级维护</Tag>}
              </View>
              <View>{r.office}</View>
              {r.phone ? <View className='grid__hint'>电话：{r.phone}</View> : null}
              {r.address ? <View className='grid__hint'>地址：{r.address}</View> : null}
              {r.online ? <View className='grid__hint' style={{ wordBreak: 'break-all' }}>{r.online.name}：{r.online.url}</View> : null}
              <View className='grid__hint'>{r.updatedBy ? `${r.updatedBy} ` : ''}{showDate(r.updatedAt)}更新</View>
              {r.editable ? <Text className='link' onClick={() => edit(r)}>修改</Text> : null}
            </View>
          ))}
        </Section>
      ) : null}
      <View id='contact-form'>
        <Section title={editing ? '修改联系方式' : '添加联系方式'} footer='同一部门、同一地区只有一条，再次保存会替换原来的。'>
          <SelectCell id='contactDepartment' label='部门' options={DEPARTMENTS} value={form.department} onChange={(k) => set('department', k)} />
          {fieldError('department')}
          <AreaPicker id='contactRegion' label='服务地区' whole value={region} onChange={(code) => set('region', code)} />
          {fieldError('region')}
          {text('office', '办事机构', 60, '如：某某区市场监管局某某所')}
          {text('phone', '电话', 24, '如：0577-88001234')}
          {text('address', '地址', 120, '街道门牌、几楼几号窗口')}
          {text('hours', '办公时间', 60, '如：工作日 9:00-17:00')}
          {text('onlineName', '网上入口名称', 40, '没有可不填')}
          {text('onlineUrl', '网址', 200, '以 https:// 开头')}
          {text('note', '备注', 200, '如：办理前先电话预约')}
        </Section>
      </View>
      {formNotice}
      <View className='actions'>
        <PrimaryButton loading={busy} onClick={save}>保存</PrimaryButton>
        {editing ? <SecondaryButton onClick={() => { setEditing(null); setForm(EMPTY) }}>取消修改</SecondaryButton> : null}
      </View>
    </Page>
  )
}
