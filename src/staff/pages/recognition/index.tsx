import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import type { RecognitionStaffEvent } from '../../../core/recognition/contract'
import { showDateTime } from '../../../core/common/time'
import { call, errorMessage, firstErrorMessage } from '../../../services/api'
import { Photos, TextBox, Timeline } from '../../../complaint/parts'

type View_ = Output<Contracts['recognition.staff.act']>
const ACTION_LABELS: Record<RecognitionStaffEvent['type'], string> = { return: '退回补充', recommend: '推荐（进入公示）', decline: '不予推荐', recognise: '认定', notRecognise: '不予认定' }

/** One application: what the owner sent, the 异议 with their answers, and the regulator's steps, each with a reason. */
export default function RecognitionDetail() {
  const { id } = useRouter().params as { id?: string }
  const [a, setA] = useState<View_ | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [replies, setReplies] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)

  useEffect(() => {
    if (!id) return setError('没有指定申报')
    call('recognition.staff.get', { id }).then(setA).catch((e) => setError(errorMessage(e)))
  }, [id])

  const act = async (type: RecognitionStaffEvent['type']) => {
    if (!a) return
    if (!reason.trim()) return setMessage(`请先写明${ACTION_LABELS[type]}的理由`)
    setBusy(true)
    try {
      setA(await call('recognition.staff.act', { id: a.id, expected: a.actions.includes('recognise') ? 'decision' : a.status, event: { type, reason } }))
      setReason('')
      setMessage(`已${ACTION_LABELS[type]}，已通知申报人`)
    } catch (e) {
      // the reason stays in the box
      setMessage(firstErrorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const answer = async (objectionId: string) => {
    if (!a) return
    const reply = (replies[objectionId] ?? '').trim()
    if (!reply) return setMessage('请写明答复理由')
    setBusy(true)
    try {
      setA(await call('recognition.staff.answer', { id: a.id, objectionId, reply }))
      setMessage('已答复这条异议')
    } catch (e) {
      setMessage(firstErrorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!a) return <Page><Loading /></Page>
  return (
    <Page>
      <Section title='申报'>
        <Cell label='个体户' value={a.businessName} />
        <Cell label='类别' value={<Text>“{a.categoryLabel}”类 <Tag tone='blue'>{a.statusLabel}</Tag></Text>} />
        <Cell label='所在' value={a.marketName ? `${a.regionName} ${a.marketName}` : a.regionName} />
        {a.publicFrom ? <Cell label='公示期' value={`${a.publicFrom} 至 ${a.publicUntil}`} /> : null}
        {a.validUntil ? <Cell label='认定有效至' value={a.validUntil} /> : null}
        {a.current ? <Notice tone='warn'>这一户已认定为“{a.current.label}”类，有效至{a.current.until}；新的认定会取代它（同一时间只认定一类）。</Notice> : null}
        <View className='notice-text'>
          <View className='notice-text__heading' style={{ marginTop: 0 }}>申报理由</View>
          <Text>{a.what}</Text>
        </View>
        <Photos urls={a.photos} />
        {a.links.map((l) => <View key={l} className='notice-text code'>{l}</View>)}
      </Section>

      {a.objections.length ? (
        <Section title={`异议 ${a.objections.length}条${a.unanswered ? `，${a.unanswered}条待答复` : ''}`}>
          {a.objections.map((o) => (
            <View key={o.id} className='notice-text recog-objection' style={{ borderBottom: '1px solid var(--c-line)' }}>
              <View>{o.reason}</View>
              <View className='grid__hint'>{showDateTime(o.at)}{o.contact ? ` · 联系方式：${o.contact}` : ' · 未留联系方式'}</View>
              {o.reply ? (
                <View>答复：{o.reply}（{o.repliedBy}，{showDateTime(o.repliedAt!)}）</View>
              ) : (
                <View>
                  <TextBox name={`reply-${o.id}`} max={300} placeholder='核实情况和答复理由' value={replies[o.id] ?? ''} onInput={(v) => setReplies((r) => ({ ...r, [o.id]: v }))} />
                  <View className='actions'>
                    <SecondaryButton onClick={() => void answer(o.id)}>答复这条异议</SecondaryButton>
                  </View>
                </View>
              )}
            </View>
          ))}
        </Section>
      ) : a.status === 'publicizing' || a.status === 'decision' ? (
        <Notice>公示期间没有收到异议。</Notice>
      ) : null}

      {a.actions.length ? (
        <Section title='办理'>
          <View className='notice-text'>
            <TextBox name='reason' max={300} placeholder='理由（会告诉申报人；推荐理由会在公示中显示）' value={reason} onInput={(v) => { setReason(v); setMessage(null) }} />
          </View>
          {a.unanswered && a.actions.includes('recognise') ? <Notice tone='warn'>还有{a.unanswered}条异议没有答复，答复后才能决定。</Notice> : null}
          <View className='actions'>
            {a.actions.map((t, i) =>
              i === 0 ? (
                <PrimaryButton key={t} loading={busy} onClick={() => void act(t)}>{ACTION_LABELS[t]}</PrimaryButton>
              ) : (
                <SecondaryButton key={t} onClick={() => void act(t)}>{ACTION_LABELS[t]}</SecondaryButton>
              )
            )}
          </View>
        </Section>
      ) : null}
      {message ? <Notice><Text id='act-message'>{message}</Text></Notice> : null}

      <Section title='经过'>
        <Timeline steps={a.timeline.map((t) => ({ ...t, note: [t.note, t.by ? `（${t.by}）` : null].filter(Boolean).join('') || null }))} />
      </Section>
      <View className='actions'>
        <SecondaryButton onClick={() => void Taro.navigateBack()}>返回</SecondaryButton>
      </View>
    </Page>
  )
}
