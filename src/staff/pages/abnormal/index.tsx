import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { useFormErrors } from '../../../components/useFormErrors'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Cell, Empty, LoadFailed, Loading, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import { showDate } from '../../../core/common/time'
import type { Contracts } from '../../../core/contracts'
import { ABNORMAL_CAUSES, NOTICE_CONFIG, REPAIR_STATUSES, type AbnormalCause, type RepairStatus } from '../../../core/notice/labels'
import { call, errorMessage } from '../../../services/api'

type Row = Output<Contracts['notice.abnormal.list']>['items'][number]
const EMPTY = { creditCode: '', cause: '' as AbnormalCause | '', causeText: '' }

/**
 * 经营异常 households of the region: from the register import (its 经营异常 column) or marked here.
 * The owner gets the repair steps for the cause and a reminder every
 * NOTICE_CONFIG.repairEveryDays days, then monthly until the mark is cleared; only a later import or an officer here clears it.
 */
export default function Abnormal() {
  const [status, setStatus] = useState<RepairStatus>('marked')
  const statusRef = useRef(status)
  statusRef.current = status
  const [form, setForm] = useState(EMPTY)
  const [saving, setSaving] = useState(false)
  const { check, fail, fieldError, formNotice, setError } = useFormErrors()
  const list = usePaged<Row>(async (cursor, limit) => call('notice.abnormal.list', { status: statusRef.current, ...(cursor ? { cursor } : {}), limit }))
  useListOnShow(list)
  const set = <K extends keyof typeof EMPTY>(k: K, v: (typeof EMPTY)[K]) => {
    setForm((f) => ({ ...f, [k]: v }))
    setError(k, '')
  }
  const mark = async () => {
    if (!check({ ...(form.creditCode.trim() ? {} : { creditCode: '请填统一社会信用代码' }), ...(form.cause ? {} : { cause: '请选择原因' }) })) return
    setSaving(true)
    try {
      await call('notice.abnormal.mark', { creditCode: form.creditCode, cause: form.cause as AbnormalCause, causeText: form.causeText })
      setForm(EMPTY)
      Taro.showToast({ title: '已标记，会提醒经营者', icon: 'none' })
      void list.reset()
    } catch (err) {
      fail(err)
    } finally {
      setSaving(false)
    }
  }
  // 移出: the officer writes why (已补报、已联系上…) under the row, then confirms
  const [clearing, setClearing] = useState<{ code: string; note: string; error: string | null } | null>(null)
  const clear = async () => {
    if (!clearing) return
    if (!clearing.note.trim()) return setClearing({ ...clearing, error: '请写明移出的依据' })
    try {
      await call('notice.abnormal.clear', { creditCode: clearing.code, note: clearing.note })
      setClearing(null)
      Taro.showToast({ title: '已移出，已告知经营者', icon: 'none' })
      void list.reset()
    } catch (err) {
      setClearing({ ...clearing, error: errorMessage(err) })
    }
  }

  return (
    <Page>
      <Section title='标记经营异常' footer={`登记名录导入时带“经营异常”列会自动标记。标记后经营者收到修复步骤，先每${NOTICE_CONFIG.repairEveryDays.value}天提醒一次，共${NOTICE_CONFIG.repairWeeklyReminders.value}次，之后每${NOTICE_CONFIG.repairLaterEveryDays.value}天一次，直到移出（本平台配置）。`}>
        <Cell label='信用代码'>
          <Input className='input' name='abnormalCode' maxlength={40} placeholder='18位统一社会信用代码' value={form.creditCode} onInput={(e) => set('creditCode', e.detail.value)} />
        </Cell>
        {fieldError('creditCode')}
        <SelectCell id='abnormalCause' label='原因' options={ABNORMAL_CAUSES} value={form.cause} onChange={(k) => set('cause', k)} />
        {fieldError('cause')}
        <Cell label='说明'>
          <Input className='input' name='abnormalText' maxlength={100} placeholder='选填，经营者会看到' value={form.causeText} onInput={(e) => set('causeText', e.detail.value)} />
        </Cell>
        {formNotice}
        <View className='actions'>
          <PrimaryButton loading={saving} onClick={mark}>标记</PrimaryButton>
        </View>
      </Section>
      <Section title='名单'>
        <SelectCell
          id='abnormalStatus'
          label='查看'
          options={REPAIR_STATUSES}
          value={status}
          onChange={(k) => {
            statusRef.current = k
            setStatus(k)
            void list.reset()
          }}
        />
      </Section>
      {list.error ? <LoadFailed message={list.error} /> : !list.items ? <Loading /> : list.items.length ? (
        <Section title={`共${list.total}户`}>
          {list.items.map((r) => (
            <View key={r.id} className='notice-text notice-row'>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>
                {r.businessName} <Tag tone={r.status === 'marked' ? 'orange' : 'gray'}>{r.statusLabel}</Tag>
                {r.linked ? null : <Tag tone='gray'>未在小程序建档</Tag>}
              </View>
              <Text className='grid__hint'>
                {r.creditCode} · {r.causeLabel} · {r.sourceLabel} · {showDate(r.markedAt)}列入
                {r.status === 'marked' ? ` · 经营者已勾选${r.stepsDone}/${r.steps}步 · 已提醒${r.reminders}次` : r.clearedAt ? ` · ${showDate(r.clearedAt)}移出` : ''}
              </Text>
              {r.status === 'marked' && clearing?.code === r.creditCode ? (
                <View>
                  <Input className='input' name='clearNote' maxlength={100} placeholder='移出的依据，如：已补报2025年度年报' value={clearing.note} onInput={(e) => setClearing({ ...clearing, note: e.detail.value, error: null })} />
                  {clearing.error ? <Text className='field-error' id='clear-error'>{clearing.error}</Text> : null}
                  <View className='actions'>
                    <PrimaryButton onClick={() => void clear()}>确认移出</PrimaryButton>
                  </View>
                </View>
              ) : r.status === 'marked' ? (
                <View className='actions'>
                  <SecondaryButton onClick={() => setClearing({ code: r.creditCode, note: '', error: null })}>移出经营异常</SecondaryButton>
                </View>
              ) : null}
            </View>
          ))}
        </Section>
      ) : (
        <Empty title={status === 'marked' ? '辖区内没有经营异常的户' : '还没有移出的记录'} />
      )}
      {list.items?.length ? <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} unit='户' /> : null}
    </Page>
  )
}
