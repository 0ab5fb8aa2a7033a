import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { useFormErrors } from '../../../components/useFormErrors'
import { Cell, Empty, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, newRequestId } from '../../../services/api'
import { TextBox } from '../../../complaint/parts'

type Entry = Output<Contracts['recognition.public.list']>['items'][number]

/**
 * The public 公示 of 名特优新 (seed 004: 做好信息公示和异议处理工作): the households recommended, as a
 * notice shows them (the business, its category and place, the reason; never a person's name),
 * and a form anyone may use to lodge an 异议 while the 公示 runs.
 */
export default function PublicNotice() {
  const [days, setDays] = useState<number | null>(null)
  const list = usePaged<Entry>(async (cursor, limit) => {
    const r = await call('recognition.public.list', { ...(cursor ? { cursor } : {}), limit })
    setDays(r.publicDays)
    return r
  })
  useListOnShow(list)
  const [open, setOpen] = useState<string | null>(null)

  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  if (!list.items) return <Page><Loading /></Page>
  return (
    <Page>
      <Notice>
        以下个体工商户经申报、审核，被推荐认定为“名特优新”，现予公示{days ? `（每户公示${days}天）` : ''}。对公示对象有不同意见的，可以在公示期内提出异议，写明理由；市场监管部门会核实并逐条答复。
      </Notice>
      {list.items.length ? (
        <Section title={`正在公示 共${list.total}户`}>
          {list.items.map((e) => (
            <View key={e.id} className='notice-text recog-public' style={{ borderBottom: '1px solid var(--c-line)' }}>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>
                {e.businessName} <Tag tone='blue'>{e.categoryLabel}</Tag>
              </View>
              <View>{e.place}</View>
              <View>推荐理由：{e.reason}</View>
              <View className='grid__hint'>公示期：{e.publicFrom} 至 {e.publicUntil}</View>
              {open === e.id ? (
                <ObjectionForm id={e.id} onClose={() => setOpen(null)} />
              ) : (
                <View className='actions'>
                  <SecondaryButton onClick={() => setOpen(e.id)}>对这一户提出异议</SecondaryButton>
                </View>
              )}
            </View>
          ))}
        </Section>
      ) : (
        <Empty title='目前没有正在公示的个体户' />
      )}
      <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} />
    </Page>
  )
}

function ObjectionForm({ id, onClose }: { id: string; onClose: () => void }) {
  const [reason, setReason] = useState('')
  const [contact, setContact] = useState('')
  const [saving, setSaving] = useState(false)
  const [sent, setSent] = useState(false)
  const [requestId] = useState(newRequestId)
  const { setError, check, fail, fieldError: err, formNotice } = useFormErrors()
  const submit = async () => {
    if (!check(reason.trim().length < 10 ? { reason: '请写明理由，至少10个字' } : {})) return
    setSaving(true)
    try {
      await call('recognition.public.object', { id, reason, ...(contact.trim() ? { contact: contact.trim() } : {}) }, { requestId })
      setSent(true)
    } catch (e) {
      // what was typed stays in the form
      fail(e)
    } finally {
      setSaving(false)
    }
  }
  if (sent) return <Notice><Text id='objection-done'>已收到您的异议。市场监管部门会核实并答复。</Text></Notice>
  return (
    <View className='recog-objection'>
      <View className='notice-text__heading'>异议理由</View>
      <TextBox name='objection' max={500} placeholder='请写明您认为不符合的理由和事实' value={reason} onInput={(v) => { setReason(v); setError('reason', '') }} />
      {err('reason')}
      <Cell label='联系方式'>
        <Input className='input' name='contact' maxlength={40} placeholder='选填，方便工作人员核实' value={contact} onInput={(e) => setContact(e.detail.value)} />
      </Cell>
      {err('contact')}
      <View className='grid__hint'>联系方式只给办理的工作人员看，不会告诉被公示的个体户。</View>
      {formNotice}
      <View className='actions'>
        <PrimaryButton loading={saving} onClick={submit}>提交异议</PrimaryButton>
        <SecondaryButton onClick={onClose}>取消</SecondaryButton>
      </View>
    </View>
  )
}
