import { Input, Switch, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { TextBox } from '../../../complaint/parts'
import { useFormErrors } from '../../../components/useFormErrors'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Cell, Empty, LoadFailed, Loading, PrimaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import { chinaDate } from '../../../core/common/time'
import type { Contracts } from '../../../core/contracts'
import { FIRST_MINOR_RULE, HINT_STATUSES, type HintStatus } from '../../../core/notice/labels'
import { dayText } from '../../../core/notice/timing'
import { call, newRequestId } from '../../../services/api'
import { DateCell } from '../../notice'

type Row = Output<Contracts['notice.hint.queue']>['items'][number]
type View_ = 'todo' | 'all' | HintStatus
const VIEWS: Record<View_, string> = { todo: '待处理（已整改待确认、逾期）', all: '全部', ...HINT_STATUSES }
const EMPTY = { creditCode: '', rule: '', ruleText: '', what: '', dueDate: '', firstMinor: false }

/**
 * 违规提示 from the workbench, or from a 走访 (the visit form opens this page with the household's
 * credit code and from=visit): to one household by its credit code, citing the rule, what to
 * correct and by when. The queue shows 待处理 first: corrections to confirm, and hints whose
 * deadline passed.
 */
export default function Hints() {
  const params = useRouter().params
  const fromVisit = params.from === 'visit'
  const [view, setView] = useState<View_>('todo')
  const viewRef = useRef(view)
  viewRef.current = view
  const [form, setForm] = useState(() => ({ ...EMPTY, creditCode: params.creditCode ?? '' }))
  const [requestId, setRequestId] = useState(newRequestId)
  const [saving, setSaving] = useState(false)
  const { check, fail, fieldError, formNotice, setError } = useFormErrors()
  const list = usePaged<Row>(async (cursor, limit) => call('notice.hint.queue', { view: viewRef.current, ...(cursor ? { cursor } : {}), limit }))
  useListOnShow(list)
  const set = <K extends keyof typeof EMPTY>(k: K, v: (typeof EMPTY)[K]) => {
    setForm((f) => ({ ...f, [k]: v }))
    setError(k, '')
  }
  const today = chinaDate(new Date())
  const send = async () => {
    const missing: Record<string, string> = {}
    if (!form.creditCode.trim()) missing.creditCode = '请填统一社会信用代码'
    if (!form.rule.trim()) missing.rule = '请写依据（法规名称和条款）'
    if (form.what.trim().length < 4) missing.what = '请写清楚要整改什么'
    if (!form.dueDate) missing.dueDate = '请选择整改期限'
    if (!check(missing)) return
    setSaving(true)
    try {
      await call('notice.hint.send', { ...form, from: fromVisit ? 'visit' : 'workbench' }, { requestId })
      setForm({ ...EMPTY, creditCode: fromVisit ? form.creditCode : '' })
      setRequestId(newRequestId())
      Taro.showToast({ title: '已发送', icon: 'none' })
      void list.reset()
    } catch (err) {
      fail(err)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Page>
      <Section title={fromVisit ? '走访中发现的问题：发送违规提示' : '发送违规提示'} footer='只能发给已在小程序建档的经营户；没有建档的请当面或电话告知。'>
        <Cell label='信用代码'>
          <Input className='input' name='hintCode' maxlength={40} placeholder='18位统一社会信用代码' value={form.creditCode} onInput={(e) => set('creditCode', e.detail.value)} />
        </Cell>
        {fieldError('creditCode')}
        <Cell label='依据'>
          <Input className='input' name='hintRule' maxlength={120} placeholder='法规名称和条款' value={form.rule} onInput={(e) => set('rule', e.detail.value)} />
        </Cell>
        {fieldError('rule')}
        <View className='notice-text'>
          <TextBox name='hintRuleText' max={300} placeholder='条文原文（选填），经营者会看到' value={form.ruleText} onInput={(v) => set('ruleText', v)} />
        </View>
        <View className='notice-text'>
          <TextBox name='hintWhat' max={300} placeholder='要整改什么，如：摊位商品没有标价签，请补上' value={form.what} onInput={(v) => set('what', v)} />
        </View>
        {fieldError('what')}
        <DateCell id='hintDue' label='整改期限' value={form.dueDate} start={today} onChange={(v) => set('dueDate', v)} />
        {fieldError('dueDate')}
        <Cell label='轻微、首次'>
          <Switch checked={form.firstMinor} color='#07c160' onChange={(e) => set('firstMinor', e.detail.value)} />
        </Cell>
        <View className='notice-text'>
          <Text className='grid__hint'>
            勾选后，提示写明“这是整改提示，不是处罚”，并引用{FIRST_MINOR_RULE.source}：“{FIRST_MINOR_RULE.quote}”
          </Text>
        </View>
      </Section>
      {formNotice}
      <View className='actions'>
        <PrimaryButton loading={saving} onClick={send}>发送提示</PrimaryButton>
      </View>

      <Section title='提示列表'>
        <SelectCell
          id='hintView'
          label='查看'
          options={VIEWS}
          value={view}
          onChange={(k) => {
            viewRef.current = k
            setView(k)
            void list.reset()
          }}
        />
      </Section>
      {list.error ? <LoadFailed message={list.error} /> : !list.items ? <Loading /> : list.items.length ? (
        <Section title={`共${list.total}条`}>
          {list.items.map((h) => (
            <View key={h.id} className='notice-text notice-row' onClick={() => Taro.navigateTo({ url: `/staff/pages/hint/index?id=${h.id}` })}>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>
                {h.businessName} <Tag tone={h.status === 'corrected' ? 'blue' : h.status === 'confirmed' ? 'gray' : 'orange'}>{h.statusLabel}</Tag>
                {h.overdue && h.status !== 'confirmed' && h.status !== 'corrected' ? <Tag tone='orange'>逾期</Tag> : null}
              </View>
              <Text className='grid__hint'>{h.what} · {h.marketName ?? '未绑定市场'} · 期限{dayText(h.dueDate)}</Text>
            </View>
          ))}
        </Section>
      ) : (
        <Empty title='没有符合条件的提示' />
      )}
      {list.items?.length ? <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} /> : null}
    </Page>
  )
}
