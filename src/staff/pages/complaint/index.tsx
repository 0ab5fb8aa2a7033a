import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Input as In, Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { OFFICES } from '../../../core/complaint/labels'
import { Photos, TextBox, Timeline } from '../../../complaint/parts'
import { deadlineText, statusTone } from '../../../complaint/status'
import { chinaFormat } from '../../../core/common/time'
import { call, errorMessage, firstErrorMessage } from '../../../services/api'

type Detail = Output<Contracts['complaint.staff.get']>
type Event = In<Contracts['complaint.staff.act']>['event']

/** One 诉求 on the workbench: what the owner sent (reporter masked), the steps, and the next action. */
export default function StaffComplaint() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [c, setC] = useState<Detail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [office, setOffice] = useState('')
  const [textValue, setText] = useState('')
  const [actError, setActError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useDidShow(() => {
    call('complaint.staff.get', { id })
      .then(setC)
      .catch((err) => setError(errorMessage(err)))
  })

  // the whole number is fetched only when asked for (and the server audits the request)
  const [phone, setPhone] = useState<string | null>(null)
  const showPhone = async () => {
    try {
      setPhone((await call('complaint.staff.phone', { id })).phone)
      setC(await call('complaint.staff.get', { id }))
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  const act = async (event: Event) => {
    if (!c) return
    setBusy(true)
    setActError(null)
    try {
      const next = await call('complaint.staff.act', { id, expected: c.status, event })
      setC(next)
      setText('')
      Taro.showToast({ title: next.statusLabel, icon: 'none' })
    } catch (err) {
      setActError(firstErrorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!c) return <Page><Loading /></Page>
  const can = (a: Detail['actions'][number]) => c.actions.includes(a)
  return (
    <Page>
      {c.held ? <Notice tone='warn'>内容检测提示需要人工复核。请先阅读原文；受理即表示已复核。</Notice> : null}
      {c.status === 'withdrawn' ? <Notice>反映人已在受理前撤回这条诉求，不需要再办理。撤回原因见“进度”。</Notice> : null}
      {c.urged ? <Notice tone='warn'>反映人已催办：期限已过，请尽快办理。</Notice> : null}
      {c.supplemented ? <Notice>反映人补充了材料，见下方“进度”。</Notice> : null}
      <Section title={`编号 ${c.id}`}>
        <Cell label='状态'>
          <Tag tone={statusTone(c.status)}>{c.statusLabel}</Tag>
          {c.reopened ? <Tag tone='orange'>不满意重办</Tag> : null}
          {c.urged ? <Tag tone='orange'>已催办</Tag> : null}
          {c.supplemented ? <Tag tone='blue'>有补充材料</Tag> : null}
        </Cell>
        {c.deadline ? <Cell wide label='期限' value={deadlineText(c.deadline)} /> : null}
        <Cell label='类型' value={c.categoryLabel} />
        <Cell label='反映对象' value={c.party} />
        <Cell label='发生日期' value={c.happenedOn} />
        <Cell label='地点' value={c.place} />
        <Cell wide label='反映人' value={c.reporter} />
        <Cell label='联系电话'>
          {phone ? (
            <Text id='reporter-phone' className='link' onClick={() => Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}>{phone} 拨打</Text>
          ) : c.phone ? (
            <Text>
              {c.phone} <Text id='show-phone' className='link' onClick={showPhone}>查看完整号码</Text>
            </Text>
          ) : (
            '未留'
          )}
        </Cell>
        {c.phone && !phone ? <View className='section__footer'>查看完整号码会记入办理记录。</View> : null}
        <View className='notice-text'><Text className='timeline__note' id='complaint-what'>{c.what}</Text></View>
        <Photos urls={c.photos} />
      </Section>

      {c.actions.length ? (
        <Section title='办理'>
          {can('assign') ? (
            <View className='notice-text'>
              <View className='groups' style={{ padding: 0 }}>
                {OFFICES.map((o) => (
                  <View key={o} className={`chip ${office === o ? 'chip--on' : ''}`} onClick={() => setOffice(o)}>{o}</View>
                ))}
              </View>
              <Input className='input chip' name='office' style={{ textAlign: 'left', width: '100%', marginTop: '12px' }} placeholder='承办单位' value={office} onInput={(e) => setOffice(e.detail.value)} />
            </View>
          ) : null}
          {can('reject') || can('reply') ? (
            <View className='notice-text'>
              <TextBox large={can('reply')} name='staffText' max={can('reply') ? 1000 : 200} placeholder={can('reply') ? '答复内容：查明的情况和处理结果' : '不予受理的理由（受理时可不填）'} value={textValue} onInput={setText} />
            </View>
          ) : null}
          {actError ? <Text className='field-error' id='act-error'>{actError}</Text> : null}
          <View className='actions'>
            {can('accept') ? <PrimaryButton loading={busy} onClick={() => act({ type: 'accept' })}>受理</PrimaryButton> : null}
            {can('reject') ? <SecondaryButton onClick={() => act({ type: 'reject', reason: textValue })}>不予受理</SecondaryButton> : null}
            {can('assign') ? <PrimaryButton loading={busy} onClick={() => act({ type: 'assign', office })}>交办</PrimaryButton> : null}
            {can('reply') ? <PrimaryButton loading={busy} onClick={() => act({ type: 'reply', reply: textValue })}>答复</PrimaryButton> : null}
            {can('close') ? <SecondaryButton onClick={() => act({ type: 'close' })}>办结（不等评价）</SecondaryButton> : null}
          </View>
        </Section>
      ) : null}

      <Section title='进度'>
        <Timeline staff steps={c.timeline} />
        {c.ratings.length ? <Cell wide label='评价' value={c.ratings.map((r) => `${r.label}${r.comment ? `：${r.comment}` : ''}`).join('；')} /> : null}
      </Section>

      <Section title='操作记录'>
        {c.audit.length ? (
          c.audit.map((a, i) => <Cell key={i} wide label={`${chinaFormat(a.at, 'M月D日 HH:mm')} ${a.staff}`} value={`${a.action}${a.detail ? `：${a.detail.slice(0, 30)}` : ''}`} />)
        ) : (
          <Cell label='还没有操作' />
        )}
      </Section>
    </Page>
  )
}
