import { Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AreaPicker } from '../../../components/AreaPicker'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { Cell, Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { chinaDate } from '../../../core/common/time'
import { CATEGORIES, type Category } from '../../../core/policy/categories'
import { FACT_LABELS, FEATURED, MATCH_GROUPS } from '../../../core/policy/facts'
import type { Condition } from '../../../core/policy/rules'
import { BUSINESS_TYPES, INDUSTRIES, REVENUE_BANDS } from '../../../core/user/options'
import { ApiError, call, errorMessage, newRequestId } from '../../../services/api'

type Preview = Output<Contracts['policy.admin.preview']>
type Fact = Condition['fact']

/** A new condition of each fact, with a sensible starting value the regulator then adjusts. */
const STARTERS: Record<Fact, Condition> = {
  region: { fact: 'region', op: 'within', value: '' },
  industry: { fact: 'industry', op: 'in', value: ['catering'] },
  type: { fact: 'type', op: 'in', value: ['survival'] },
  groups: { fact: 'groups', op: 'hasAny', value: ['veteran'] },
  monthsInBusiness: { fact: 'monthsInBusiness', op: 'gte', value: 12 },
  employees: { fact: 'employees', op: 'gte', value: 1 },
  revenueBand: { fact: 'revenueBand', op: 'gte', value: '10w_50w' },
  taxPaid: { fact: 'taxPaid', op: 'is', value: true },
  socialInsurance: { fact: 'socialInsurance', op: 'is', value: true },
  featured: { fact: 'featured', op: 'in', value: ['famous'] },
  abnormal: { fact: 'abnormal', op: 'is', value: true }
}

function Chips<K extends string>({ options, value, onChange }: { options: Record<K, string>; value: K[]; onChange: (v: K[]) => void }) {
  return (
    <View className='groups' style={{ padding: '8px 0' }}>
      {(Object.keys(options) as K[]).map((k) => {
        const on = value.includes(k)
        return (
          <View key={k} className={`chip${on ? ' chip--on' : ''}`} onClick={() => onChange(on ? value.filter((x) => x !== k) : [...value, k])}>
            {options[k]}
          </View>
        )
      })}
    </View>
  )
}

/** Edits one condition; the value widget depends on the fact. */
function ConditionRow({ c, onChange, onRemove }: { c: Condition; onChange: (c: Condition) => void; onRemove: () => void }) {
  const ops = { gte: '至少', lte: '至多' } as const
  let body: JSX.Element
  switch (c.fact) {
    case 'region':
      body = <AreaPicker id='ruleRegion' label='地区' whole value={c.value} onChange={(code) => onChange({ ...c, value: code })} />
      break
    case 'industry':
      body = <Chips options={INDUSTRIES} value={c.value} onChange={(v) => onChange({ ...c, value: v })} />
      break
    case 'type':
      body = <Chips options={BUSINESS_TYPES} value={c.value} onChange={(v) => onChange({ ...c, value: v })} />
      break
    case 'groups':
      body = <Chips options={MATCH_GROUPS} value={c.value} onChange={(v) => onChange({ ...c, value: v })} />
      break
    case 'featured':
      body = <Chips options={FEATURED} value={c.value} onChange={(v) => onChange({ ...c, value: v })} />
      break
    case 'monthsInBusiness':
    case 'employees':
      body = (
        <View style={{ display: 'flex', alignItems: 'center', gap: '8px' }}>
          <Text className='chip' onClick={() => onChange({ ...c, op: c.op === 'gte' ? 'lte' : 'gte' })}>{ops[c.op]}</Text>
          <Input className='input chip' type='number' style={{ width: '70px', textAlign: 'center' }} value={String(c.value)} onInput={(e) => onChange({ ...c, value: Math.max(0, Math.min(100000, Number(e.detail.value) || 0)) })} />
          <Text>{c.fact === 'employees' ? '人' : '个月'}</Text>
        </View>
      )
      break
    case 'revenueBand':
      body = (
        <View style={{ display: 'flex', alignItems: 'center', gap: '8px' }}>
          <Text className='chip' onClick={() => onChange({ ...c, op: c.op === 'gte' ? 'lte' : 'gte' })}>{ops[c.op]}</Text>
          <Chips options={REVENUE_BANDS} value={[c.value]} onChange={(v) => v.length && onChange({ ...c, value: v[v.length - 1] })} />
        </View>
      )
      break
    default:
      body = <Switch checked={c.value} color='#07c160' onChange={(e) => onChange({ ...c, value: e.detail.value } as Condition)} />
  }
  return (
    <View className='notice-text' style={{ borderBottom: '1px solid var(--c-line)' }}>
      <View className='notice-text__heading' style={{ marginTop: 0 }}>
        {FACT_LABELS[c.fact]}
        <Text style={{ float: 'right', color: 'var(--c-warn)', fontWeight: 'normal' }} onClick={onRemove}>删除</Text>
      </View>
      {body}
    </View>
  )
}

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
}

export default function StaffPolicyEdit() {
  const { id } = useRouter().params
  const today = chinaDate(new Date())
  const [form, setForm] = useState<Form>({ title: '', what: '', who: '', how: '', where: '', department: '', category: '', effectiveFrom: today, effectiveTo: '', document: '', number: '', clause: '', conditions: [] })
  const [status, setStatus] = useState<'draft' | 'published' | 'withdrawn' | null>(id ? null : 'draft')
  const [policyId, setPolicyId] = useState<string | undefined>(id)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [requestId] = useState(newRequestId)

  useEffect(() => {
    if (!id) return
    call('policy.admin.get', { id })
      .then(({ policy: p, status: s }) => {
        setForm({ title: p.title, ...p.summary, department: p.department, category: p.category, effectiveFrom: p.effectiveFrom, effectiveTo: p.effectiveTo ?? '', document: p.source.document, number: p.source.number ?? '', clause: p.source.clause, conditions: p.conditions })
        setStatus(s)
      })
      .catch((err) => setError(errorMessage(err)))
  }, [id])

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }))
  const setCondition = (i: number, c: Condition) => set('conditions', form.conditions.map((x, j) => (j === i ? c : x)))

  const payload = () => ({
    ...(policyId ? { id: policyId } : {}),
    title: form.title,
    summary: { what: form.what, who: form.who, how: form.how, where: form.where },
    department: form.department,
    category: (form.category || 'startup') as Category,
    effectiveFrom: form.effectiveFrom,
    effectiveTo: form.effectiveTo || null,
    source: { document: form.document, number: form.number || null, clause: form.clause },
    conditions: form.conditions
  })
  const run = async (fn: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await fn()
    } catch (err) {
      setError(err instanceof ApiError && err.details.length ? err.details.map((d) => `${d.path}：${d.message}`).join('；') : errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  const save = () =>
    run(async () => {
      const r = await call('policy.admin.save', payload(), policyId ? {} : { requestId })
      setPolicyId(r.id)
      setStatus(r.status)
      Taro.showToast({ title: '已保存', icon: 'success' })
    })
  const doPreview = () => run(async () => setPreview(await call('policy.admin.preview', { conditions: form.conditions })))
  const publish = () =>
    run(async () => {
      const r = await call('policy.admin.save', payload(), policyId ? {} : { requestId })
      const p = await call('policy.admin.publish', { id: r.id })
      setPolicyId(p.id)
      setStatus(p.status)
      Taro.showToast({ title: '已发布，正在推送', icon: 'none' })
    })
  const withdraw = () =>
    run(async () => {
      const ok = await Taro.showModal({ title: '撤回这条政策？', content: '撤回后个体户看不到它，尚未发出的推送也会停止。' })
      if (!ok.confirm || !policyId) return
      setStatus((await call('policy.admin.withdraw', { id: policyId })).status)
    })

  if (id && !status && !error) return <Page><Loading /></Page>
  const text = (k: keyof Form, label: string, max: number, placeholder = '') => (
    <Cell label={label}>
      <Input className='input' name={`policy-${k}`} maxlength={max} placeholder={placeholder} value={form[k] as string} onInput={(e) => set(k, e.detail.value as never)} />
    </Cell>
  )
  const area = (k: keyof Form, label: string, max: number) => (
    <View className='notice-text'>
      <View className='notice-text__heading' style={{ marginTop: 0 }}>{label}</View>
      <Textarea className='textarea' name={`policy-${k}`} maxlength={max} autoHeight value={form[k] as string} onInput={(e) => set(k, e.detail.value as never)} />
    </View>
  )
  const unused = (Object.keys(STARTERS) as Fact[]).filter((f) => !form.conditions.some((c) => c.fact === f))
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
        <Picker mode='date' value={form.effectiveFrom} onChange={(e) => set('effectiveFrom', String(e.detail.value))}>
          <Cell label='生效日期' arrow value={form.effectiveFrom} />
        </Picker>
        <Picker mode='date' value={form.effectiveTo || today} onChange={(e) => set('effectiveTo', String(e.detail.value))}>
          <Cell label='截止日期' arrow value={form.effectiveTo || '不限（文件未写明）'} />
        </Picker>
      </Section>
      <Section title='出处（必填，不写文号的文件留空）'>
        {text('document', '文件名称', 120)}
        {text('number', '文号', 40, '没有就留空')}
        {text('clause', '条款', 40, '如：第5条')}
      </Section>
      <Section title='适用条件（全部满足才推送）' footer='个体户会看到每一条是否符合，以及还差什么。'>
        {form.conditions.map((c, i) => (
          <ConditionRow key={c.fact} c={c} onChange={(n) => setCondition(i, n)} onRemove={() => set('conditions', form.conditions.filter((_, j) => j !== i))} />
        ))}
        {unused.length ? (
          <Picker mode='selector' range={unused.map((f) => FACT_LABELS[f])} onChange={(e) => set('conditions', [...form.conditions, STARTERS[unused[Number(e.detail.value)]]])}>
            <Cell label='＋ 添加条件' arrow />
          </Picker>
        ) : null}
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
      {error ? <Notice tone='error'><Text id='policy-error'>{error}</Text></Notice> : null}
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
