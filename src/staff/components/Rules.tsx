import { Input, Picker, Switch, Text, View } from '@tarojs/components'
import { AreaPicker } from '../../components/AreaPicker'
import { Cell } from '../../components/ui'
import { FACT_LABELS, FEATURED, MATCH_GROUPS } from '../../core/policy/facts'
import type { Condition } from '../../core/policy/rules'
import { BUSINESS_TYPES, INDUSTRIES, REVENUE_BANDS } from '../../core/user/options'
import './Rules.css'

/**
 * The audience rule builder staff use wherever something goes to owners chosen by their profile:
 * a policy's conditions and a survey's audience (one component, so both read and behave alike).
 */
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

export function Chips<K extends string>({ options, value, onChange }: { options: Record<K, string>; value: K[]; onChange: (v: K[]) => void }) {
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
function ConditionRow({ c, n, error, onChange, onRemove }: { c: Condition; n: number; error: JSX.Element | null; onChange: (c: Condition) => void; onRemove: () => void }) {
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
        <View>
          <View style={{ display: 'flex', alignItems: 'center', gap: '8px' }}>
            <Text className='chip' onClick={() => onChange({ ...c, op: c.op === 'gte' ? 'lte' : 'gte' })}>{ops[c.op]}</Text>
            <Text className='grid__hint'>（点一下切换至少/至多）</Text>
          </View>
          <Chips options={REVENUE_BANDS} value={[c.value]} onChange={(v) => v.length && onChange({ ...c, value: v[v.length - 1] })} />
        </View>
      )
      break
    default:
      body = <Switch checked={c.value} color='#07c160' onChange={(e) => onChange({ ...c, value: e.detail.value } as Condition)} />
  }
  return (
    <View className={`notice-text${error ? ' cell--error' : ''}`} style={{ borderBottom: '1px solid var(--c-line)' }} id={`condition-${n}`}>
      <View className='notice-text__heading staff-row-head' style={{ marginTop: 0 }}>
        <Text>第{n + 1}个条件：{FACT_LABELS[c.fact]}</Text>
        <Text className='staff-remove' onClick={onRemove}>删除</Text>
      </View>
      {body}
      {error}
    </View>
  )
}

/** What the builder can tell before asking the server: a condition with nothing chosen. */
export function ruleErrors(conditions: readonly Condition[]): Record<string, string> {
  const out: Record<string, string> = {}
  conditions.forEach((c, i) => {
    if (c.fact === 'region' && !c.value) out[`conditions.${i}`] = `第${i + 1}个条件：请选择地区`
    if (Array.isArray(c.value) && c.value.length === 0) out[`conditions.${i}`] = `第${i + 1}个条件：请至少选一项`
  })
  return out
}

/**
 * The conditions, each editable and removable, and ＋ 添加条件 for a fact not used yet. `onChange`
 * gets null for a removed condition; each row shows `fieldError('conditions.<i>')`.
 */
export function RuleBuilder({ conditions, fieldError, onChange, onAdd }: { conditions: Condition[]; fieldError: (field: string) => JSX.Element | null; onChange: (i: number, c: Condition | null) => void; onAdd: (c: Condition) => void }) {
  const unused = (Object.keys(STARTERS) as Fact[]).filter((f) => !conditions.some((c) => c.fact === f))
  return (
    <View>
      {conditions.map((c, i) => (
        <ConditionRow key={c.fact} c={c} n={i} error={fieldError(`conditions.${i}`)} onChange={(n) => onChange(i, n)} onRemove={() => onChange(i, null)} />
      ))}
      {unused.length ? (
        <Picker mode='selector' range={unused.map((f) => FACT_LABELS[f])} onChange={(e) => onAdd(STARTERS[unused[Number(e.detail.value)]])}>
          <Cell label='＋ 添加条件' arrow />
        </Picker>
      ) : null}
    </View>
  )
}
