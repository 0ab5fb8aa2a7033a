import { Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import { Chips, RuleBuilder, ruleErrors } from '../../components/Rules'
import Taro, { useRouter } from '@tarojs/taro'
import { Fragment, useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { Cell, Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import { useFormErrors } from '../../../components/useFormErrors'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { chinaDate } from '../../../core/common/time'
import { APP_ACTIONS, DEPARTMENTS, type AppAction, type Department } from '../../../core/policy/act'
import { staffFieldErrors } from '../../../core/policy/fieldErrors'
import { CATEGORIES, type Category } from '../../../core/policy/categories'
import type { Condition } from '../../../core/policy/rules'
import { ApiError, call, errorMessage, newRequestId } from '../../../services/api'
import './index.css'

type Preview = Output<Contracts['policy.admin.preview']>

interface Form {
  title: string
  what: string
  who: string
  how: string
  where: string
  department: string
  category: Category | ''
  effectiveFrom: string
  effectiveTo: string
  document: string
  number: string
  clause: string
  conditions: Condition[]
  ask: Department[]
  actions: AppAction[]
  online: Array<{ name: string; url: string }>
  materials: string
  larger: boolean
}

/** What the form can tell before asking the server: a condition with nothing chosen, a missing category. */
function localErrors(f: Form): Record<string, string> {
  const out: Record<string, string> = {}
  if (!f.category) out.category = '请选择类别'
  Object.assign(out, ruleErrors(f.conditions))
  f.online.forEach((o, i) => {
    if (!o.name.trim()) out[`online.${i}`] = `第${i + 1}个网上入口：请填写名称`
  })
  return out
}

export default function StaffPolicyEdit() {
  const { id } = useRouter().params
  const today = chinaDate(new Date())
  const [form, setForm] = useState<Form>({ title: '', what: '', who: '', how: '', where: '', department: '', category: '', effectiveFrom: today, effectiveTo: '', document: '', number: '', clause: '', conditions: [], ask: ['market'], actions: [], online: [], materials: '', larger: false })
  const [status, setStatus] = useState<'draft' | 'published' | 'withdrawn' | null>(id ? null : 'draft')
  const [policyId, setPolicyId] = useState<string | undefined>(id)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [requestId] = useState(newRequestId)
  const { setError, check, setFormError, fieldError, formNotice } = useFormErrors()

  useEffect(() => {
    if (!id) return
    call('policy.admin.get', { id })
      .then(({ policy: p, status: s }) => {
        const act = p.act ?? { ask: [], actions: [], online: [], materials: [], scale: 'any' as const }
        setForm({
          title: p.title, ...p.summary, department: p.department, category: p.category, effectiveFrom: p.effectiveFrom, effectiveTo: p.effectiveTo ?? '',
          document: p.source.document, number: p.source.number ?? '', clause: p.source.clause, conditions: p.conditions,
          ask: act.ask, actions: act.actions, online: act.online.map((o) => ({ name: o.name, url: o.url ?? '' })), materials: act.materials.map((m) => m.text).join('\n'), larger: act.scale === 'larger'
        })
        setStatus(s)
      })
      .catch((err) => setLoadError(errorMessage(err)))
  }, [id])

  // editing a field takes its red message away: the fix is the answer to it
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }))
    setError(k, '')
  }
  const setCondition = (i: number, c: Condition) => {
    set('conditions', form.conditions.map((x, j) => (j === i ? c : x)))
    setError(`conditions.${i}`, '')
  }
  const setOnline = (i: number, o: { name: string; url: string }) => {
    set('online', form.online.map((x, j) => (j === i ? o : x)))
    setError(`online.${i}`, '')
  }

  const payload = () => ({
    ...(policyId ? { id: policyId } : {}),
    title: form.title,
    summary: { what: form.what, who: form.who, how: form.how, where: form.where },
    department: form.department,
    category: form.category as Category,
    effectiveFrom: form.effectiveFrom,
    effectiveTo: form.effectiveTo || null,
    source: { document: form.document, number: form.number || null, clause: form.clause },
    conditions: form.conditions,
    act: {
      ask: form.ask,
      actions: form.actions,
      online: form.online.map((o) => ({ name: o.name, url: o.url.trim() || null })),
      materials: form.materials.split('\n').map((t) => t.trim()).filter(Boolean).map((text) => ({ text })),
      scale: form.larger ? ('larger' as const) : ('any' as const)
    }
  })
  /** A refused save shows each message next to its field; anything else as the form's message. */
  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.details.length) check(staffFieldErrors(err.details))
    else setFormError(errorMessage(err))
  }
  const run = async (fn: () => Promise<void>) => {
    setBusy(true)
    setFormError(null)
    try {
      await fn()
    } catch (err) {
      failed(err)
    } finally {
      setBusy(false)
    }
  }
  const saveDraft = async () => {
    const r = await call('policy.admin.save', payload(), policyId ? {} : { requestId })
    setPolicyId(r.id)
    setStatus(r.status)
    return r
  }
  const save = () => {
    if (!check(localErrors(form))) return
    return run(async () => {
      await saveDraft()
      Taro.showToast({ title: '已保存', icon: 'success' })
    })
  }
  const doPreview = () => {
    if (!check(localErrors(form))) return
    return run(async () => setPreview(await call('policy.admin.preview', { conditions: form.conditions })))
  }
  // A push reaches many owners and cannot be taken back: save, count who it would reach, and ask
  // with that number before anything is sent.
  const publish = () => {
    if (!check(localErrors(form))) return
    return run(async () => {
      const r = await saveDraft()
      const reach = await call('policy.admin.preview', { conditions: form.conditions })
      setPreview(reach)
      const n = `${reach.approximate ? '约' : ''}${reach.count}户`
      const ok = await Taro.showModal({
        title: `发布并推送给${n}？`,
        content: reach.count
          ? `发布后马上推送给按档案可能符合条件的${n}个体户（关闭了个性化推荐或政策消息的不会收到）。推送发出后不能收回。`
          : '目前没有个体户符合这些条件：发布后只在政策列表里显示，不会推送给任何人。',
        confirmText: '发布',
        cancelText: '先不发'
      })
      if (!ok.confirm) {
        Taro.showToast({ title: '已保存为草稿，没有发布', icon: 'none' })
        return
      }
      const p = await call('policy.admin.publish', { id: r.id })
      setPolicyId(p.id)
      setStatus(p.status)
      Taro.showToast({ title: `已发布，正在推送给${n}`, icon: 'none' })
    })
  }
  const withdraw = () =>
    run(async () => {
      const ok = await Taro.showModal({ title: '撤回这条政策？', content: '撤回后个体户看不到它，尚未发出的推送也会停止。' })
      if (!ok.confirm || !policyId) return
      setStatus((await call('policy.admin.withdraw', { id: policyId })).status)
    })

  if (loadError) return <Page><Notice tone='error'>{loadError}</Notice></Page>
  if (id && !status) return <Page><Loading /></Page>
  // a fragment, not a wrapper: each cell keeps its divider (.cell:last-child has none)
  const text = (k: keyof Form, label: string, max: number, placeholder = '') => (
    <Fragment key={k}>
      <Cell label={label}>
        <Input className='input' name={`policy-${k}`} maxlength={max} placeholder={placeholder} value={form[k] as string} onInput={(e) => set(k, e.detail.value as never)} />
      </Cell>
      {fieldError(k)}
    </Fragment>
  )
  const area = (k: keyof Form, label: string, max: number, placeholder = '') => (
    <View>
      <View className='notice-text'>
        <View className='notice-text__heading' style={{ marginTop: 0 }}>{label}</View>
        <Textarea className='textarea' name={`policy-${k}`} maxlength={max} placeholder={placeholder} autoHeight value={form[k] as string} onInput={(e) => set(k, e.detail.value as never)} />
      </View>
      {fieldError(k)}
    </View>
  )
  return (
    <Page>
      {status === 'withdrawn' ? <Notice tone='warn'>这条政策已撤回，不能再修改。</Notice> : null}
      <Section title='政策内容'>
        {text('title', '标题', 60)}
        {area('what', '能得到什么', 400)}
        {area('who', '谁可以申请', 300)}
        {area('how', '怎么办理', 300)}
        {text('where', '去哪里办', 120)}
        {text('department', '责任单位', 80)}
        <SelectCell id='policyCategory' label='类别' options={CATEGORIES} value={form.category} onChange={(k) => set('category', k)} />
        {fieldError('category')}
        <Picker mode='date' value={form.effectiveFrom} onChange={(e) => set('effectiveFrom', String(e.detail.value))}>
          <Cell label='生效日期' arrow value={form.effectiveFrom} />
        </Picker>
        {fieldError('effectiveFrom')}
        <Picker mode='date' value={form.effectiveTo || today} onChange={(e) => set('effectiveTo', String(e.detail.value))}>
          <Cell label='截止日期' arrow value={form.effectiveTo || '不限（文件未写明）'} />
        </Picker>
        {fieldError('effectiveTo')}
      </Section>
      <Section title='出处（必填，不写文号的文件留空）'>
        {text('document', '文件名称', 120)}
        {text('number', '文号', 40, '没有就留空')}
        {text('clause', '条款', 40, '如：第5条')}
      </Section>
      <Section title='适用条件（全部满足才推送）' footer='个体户会看到每一条是否符合，以及还差什么。'>
        <RuleBuilder conditions={form.conditions} fieldError={fieldError} onChange={(i, c) => (c ? setCondition(i, c) : set('conditions', form.conditions.filter((_, j) => j !== i)))} onAdd={(c) => set('conditions', [...form.conditions, c])} />
      </Section>
      <Section title='怎么办理（个体户在政策页上看到的）' footer='电话、地址不用写在这里：个体户看到的是“办事联系方式”里按他所在地区维护的那一条；没有维护的，只写部门名称和去哪里问，不会编造电话。'>
        <View className='notice-text'>
          <View className='notice-text__heading' style={{ marginTop: 0 }}>找哪个部门问（先选的先显示）</View>
          <Chips options={DEPARTMENTS} value={form.ask} onChange={(v) => set('ask', v.slice(0, 4))} />
          {fieldError('act')}
        </View>
        <View className='notice-text'>
          <View className='notice-text__heading' style={{ marginTop: 0 }}>本小程序里的入口（个体户看到的按钮）</View>
          <Chips options={ACTION_LABELS} value={form.actions} onChange={(v) => set('actions', v)} />
        </View>
        {form.online.map((o, i) => (
          <View key={i} className={`notice-text${fieldError(`online.${i}`) ? ' cell--error' : ''}`} id={`online-${i}`}>
            <View className='notice-text__heading staff-row-head' style={{ marginTop: 0 }}>
              <Text>第{i + 1}个网上办理入口</Text>
              <Text className='staff-remove' onClick={() => set('online', form.online.filter((_, j) => j !== i))}>删除</Text>
            </View>
            <Input className='input staff-input' name={`policy-online-name-${i}`} maxlength={40} placeholder='网站名称，如：国家企业信用信息公示系统' value={o.name} onInput={(e) => setOnline(i, { ...o, name: e.detail.value })} />
            <Input className='input staff-input' name={`policy-online-url-${i}`} maxlength={200} placeholder='网址，以 https:// 开头（没有可不填）' value={o.url} onInput={(e) => setOnline(i, { ...o, url: e.detail.value })} />
            {fieldError(`online.${i}`)}
          </View>
        ))}
        {form.online.length < 3 ? <Cell wide label='＋ 添加网上办理入口' arrow onClick={() => set('online', [...form.online, { name: '', url: '' }])} /> : null}
        {area('materials', '要带的材料（每行一项；文件没写就留空）', 600, '如：营业执照')}
        <Cell wide label='主要适合规模较大的经营者' value={<Switch checked={form.larger} color='#07c160' onChange={(e) => set('larger', e.detail.value)} />} />
        <View className='section__footer' style={{ background: '#fff' }}>如招工、“个转企”、大功率用电：打开后，给小摊小店推荐时排在后面。</View>
      </Section>
      {preview ? (
        <Notice>
          <View id='policy-preview'>预计推送给 {preview.approximate ? '约' : ''}{preview.count} 户（已关闭个性化推荐的不计）。</View>
          {preview.sample.map((s) => (
            <View key={s.business} style={{ marginTop: '6px' }}>
              {s.business}：{s.reasons.map((r) => r.text).join('；') || '无条件限制'}
            </View>
          ))}
        </Notice>
      ) : null}
      {formNotice}
      {status !== 'withdrawn' ? (
        <View className='actions'>
          <SecondaryButton onClick={doPreview}>预览覆盖人数</SecondaryButton>
          <SecondaryButton onClick={save}>保存</SecondaryButton>
          {status === 'published' ? <SecondaryButton onClick={withdraw}>撤回</SecondaryButton> : <PrimaryButton loading={busy} onClick={publish}>发布并推送</PrimaryButton>}
        </View>
      ) : null}
    </Page>
  )
}

const ACTION_LABELS = Object.fromEntries(Object.entries(APP_ACTIONS).map(([k, v]) => [k, v.label])) as Record<AppAction, string>
