import { Input, Switch, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Fragment, useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { TextBox } from '../../../complaint/parts'
import { useFormErrors } from '../../../components/useFormErrors'
import { usePaged } from '../../../components/usePaged'
import { Cell, Empty, LoadFailed, Loading, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import { chinaDate } from '../../../core/common/time'
import type { Contracts } from '../../../core/contracts'
import { AUDIENCE_KINDS, MAX_CHECKLIST, NOTICE_CONFIG, type AudienceKind } from '../../../core/notice/labels'
import { windowText } from '../../../core/notice/timing'
import { INDUSTRIES, type Industry } from '../../../core/user/options'
import { call, errorMessage, newRequestId } from '../../../services/api'
import { DateCell } from '../../notice'

type Plan = Output<Contracts['notice.plan.list']>['items'][number]
type Market = Output<Contracts['admin.market.list']>['markets'][number]

const EMPTY = { title: '', kind: 'markets' as AudienceKind, marketIds: [] as string[], codes: '', industry: '' as Industry | '', checklist: [{ item: '', rule: '' }], windowStart: '', windowEnd: '', day: '', hideDay: true }

/**
 * 双随机抽查: a plan names its households (markets, a list of credit codes, or a trade in the
 * region), what will be checked with the rule behind each item, and the window. The owners get
 * the 事前提醒 a configured number of days before; a hidden day never reaches them.
 */
export default function Inspections() {
  const [form, setForm] = useState(EMPTY)
  const [markets, setMarkets] = useState<Market[]>([])
  const [requestId, setRequestId] = useState(newRequestId)
  const [saving, setSaving] = useState(false)
  const { check, fail, fieldError, formNotice, setError } = useFormErrors()
  const list = usePaged<Plan>(async (cursor, limit) => call('notice.plan.list', { ...(cursor ? { cursor } : {}), limit }))
  const shown = useRef(false)
  useDidShow(() => {
    void (shown.current ? list.reload() : list.reset())
    shown.current = true
    call('admin.market.list', {})
      .then((r) => setMarkets(r.markets))
      .catch(() => undefined)
  })
  const set = <K extends keyof typeof EMPTY>(k: K, v: (typeof EMPTY)[K]) => {
    setForm((f) => ({ ...f, [k]: v }))
    setError(k, '')
  }
  const setItem = (i: number, k: 'item' | 'rule', v: string) => {
    setForm((f) => ({ ...f, checklist: f.checklist.map((c, j) => (j === i ? { ...c, [k]: v } : c)) }))
    setError(`checklist.${i}.${k}`, '')
  }
  const today = chinaDate(new Date())

  const save = async () => {
    const missing: Record<string, string> = {}
    if (!form.title.trim()) missing.title = '请写计划名称'
    if (form.kind === 'markets' && !form.marketIds.length) missing['audience.marketIds'] = '请至少选一个市场'
    const codes = form.codes.split(/[\s,，、;；]+/).filter(Boolean)
    if (form.kind === 'list' && !codes.length) missing['audience.creditCodes'] = '请至少填一个统一社会信用代码'
    if (form.kind === 'rule' && !form.industry) missing['audience.industry'] = '请选择行业'
    form.checklist.forEach((c, i) => {
      if (!c.item.trim()) missing[`checklist.${i}.item`] = '请写检查什么'
      if (!c.rule.trim()) missing[`checklist.${i}.rule`] = '请写依据（法规名称和条款）'
    })
    if (!form.windowStart) missing.windowStart = '请选择开始日期'
    if (!form.windowEnd) missing.windowEnd = '请选择结束日期'
    if (!check(missing)) return
    const audience = form.kind === 'markets' ? { kind: 'markets' as const, marketIds: form.marketIds } : form.kind === 'list' ? { kind: 'list' as const, creditCodes: codes } : { kind: 'rule' as const, industry: form.industry as Industry }
    setSaving(true)
    try {
      await call(
        'notice.plan.create',
        { title: form.title, audience, checklist: form.checklist, windowStart: form.windowStart, windowEnd: form.windowEnd, ...(form.day ? { day: form.day } : {}), hideDay: form.hideDay },
        { requestId }
      )
      setForm(EMPTY)
      setRequestId(newRequestId())
      Taro.showToast({ title: '已保存，会按时提醒', icon: 'none' })
      void list.reset()
    } catch (err) {
      fail(err)
    } finally {
      setSaving(false)
    }
  }
  const cancel = async (p: Plan) => {
    const answer = await Taro.showModal({ title: '取消这个计划？', content: '还没有提醒经营者，取消后不会再发。', confirmText: '取消计划', cancelText: '不取消' })
    if (!answer.confirm) return
    try {
      await call('notice.plan.cancel', { id: p.id })
      void list.reload()
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  return (
    <Page>
      <Section title='新建抽查计划' footer={`经营者会在开始日期前${NOTICE_CONFIG.inspectionNoticeDays.value}天上午收到提醒（${NOTICE_CONFIG.inspectionNoticeDays.platform}）。`}>
        <Cell label='计划名称'>
          <Input className='input' name='planTitle' maxlength={40} placeholder='如：12月食品安全抽查' value={form.title} onInput={(e) => set('title', e.detail.value)} />
        </Cell>
        {fieldError('title')}
        <SelectCell id='audienceKind' label='抽查对象' options={AUDIENCE_KINDS} value={form.kind} onChange={(k) => set('kind', k)} />
        {form.kind === 'markets' ? (
          <View className='groups'>
            {markets.map((m) => {
              const on = form.marketIds.includes(m.id)
              return (
                <View key={m.id} className={`chip${on ? ' chip--on' : ''}`} onClick={() => set('marketIds', on ? form.marketIds.filter((x) => x !== m.id) : [...form.marketIds, m.id])}>
                  {on ? '✓ ' : ''}
                  {m.name}
                </View>
              )
            })}
          </View>
        ) : null}
        {fieldError('audience.marketIds')}
        {form.kind === 'list' ? (
          <View className='notice-text'>
            <TextBox name='planCodes' max={4000} placeholder='统一社会信用代码，一行一个或用逗号隔开' value={form.codes} onInput={(v) => set('codes', v)} />
          </View>
        ) : null}
        {fieldError('audience.creditCodes')}
        {form.kind === 'rule' ? <SelectCell id='audienceIndustry' label='行业' options={INDUSTRIES} value={form.industry} onChange={(k) => set('industry', k)} /> : null}
        {fieldError('audience.industry')}
      </Section>
      <Section title='检查内容（每项写明依据）'>
        {form.checklist.map((c, i) => (
          <Fragment key={i}>
            <Cell label={`第${i + 1}项`}>
              <Input className='input' name={`checkItem-${i}`} maxlength={60} placeholder='检查什么，如：亮照经营' value={c.item} onInput={(e) => setItem(i, 'item', e.detail.value)} />
            </Cell>
            {fieldError(`checklist.${i}.item`)}
            <Cell label='依据'>
              <Input className='input' name={`checkRule-${i}`} maxlength={120} placeholder='法规名称和条款' value={c.rule} onInput={(e) => setItem(i, 'rule', e.detail.value)} />
            </Cell>
            {fieldError(`checklist.${i}.rule`)}
          </Fragment>
        ))}
        {form.checklist.length < MAX_CHECKLIST ? (
          <View className='actions'>
            <SecondaryButton onClick={() => set('checklist', [...form.checklist, { item: '', rule: '' }])}>再加一项</SecondaryButton>
          </View>
        ) : null}
      </Section>
      <Section title='时间'>
        <DateCell id='windowStart' label='开始日期' value={form.windowStart} start={today} onChange={(v) => set('windowStart', v)} />
        {fieldError('windowStart')}
        <DateCell id='windowEnd' label='结束日期' value={form.windowEnd} start={form.windowStart || today} onChange={(v) => set('windowEnd', v)} />
        {fieldError('windowEnd')}
        <DateCell id='planDay' label='检查日（选填）' value={form.day} start={form.windowStart || today} end={form.windowEnd || undefined} onChange={(v) => set('day', v)} />
        {fieldError('day')}
        <Cell label='不告诉经营者具体哪天'>
          <Switch checked={form.hideDay} color='#07c160' onChange={(e) => set('hideDay', e.detail.value)} />
        </Cell>
      </Section>
      {formNotice}
      <View className='actions'>
        <PrimaryButton loading={saving} onClick={save}>保存计划</PrimaryButton>
      </View>

      {list.error ? <LoadFailed message={list.error} /> : !list.items ? <Loading /> : list.items.length ? (
        <Section title={`抽查计划（${list.total}个）`}>
          {list.items.map((p) => (
            <View key={p.id} className='notice-text notice-row'>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>
                {p.title} <Tag tone={p.status === 'notified' ? 'green' : p.status === 'cancelled' ? 'gray' : 'blue'}>{p.statusLabel}</Tag>
              </View>
              <Text className='grid__hint'>
                {windowText(p.windowStart, p.windowEnd)}
                {p.day ? ` · 检查日${p.day}${p.hideDay ? '（不告诉经营者）' : ''}` : ''} · {p.audience.label}：{p.audience.detail} · 提醒时间{p.noticeAt} · 已提醒{p.notified}户
              </Text>
              {p.canCancel ? (
                <View className='actions'>
                  <SecondaryButton onClick={() => void cancel(p)}>取消计划</SecondaryButton>
                </View>
              ) : null}
            </View>
          ))}
        </Section>
      ) : (
        <Empty title='还没有抽查计划' />
      )}
      {list.items?.length ? <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} /> : null}
    </Page>
  )
}
