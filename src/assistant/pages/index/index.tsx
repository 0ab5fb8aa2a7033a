import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Empty, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { AnswerCard, AskResult } from '../../../core/assistant/contract'
import { QUESTION_MAX } from '../../../core/assistant/labels'
import { call, errorMessage } from '../../../services/api'
import { useSession } from '../../../store/session'

/** The issue's own examples: what owners actually ask. */
const EXAMPLES = ['我是退役军人开小吃店，能贷款吗', '年报不报会怎样', '健康证多久换一次', '被多收卫生费去哪里反映']

function Card({ c }: { c: AnswerCard }) {
  return (
    <View className='notice-text qa-card'>
      <View className='notice-text__heading' style={{ marginTop: 0 }}>
        <Text className='qa-card__n'>[{c.n}]</Text> {c.title}
      </View>
      {c.fit ? (
        <View className='qa-card__fit'>
          <Tag tone={c.fit.tone}>{c.fit.label}</Tag>
          <Text className='grid__hint'> {c.fit.note}</Text>
          {c.fit.missing ? <View className='notice-text__body' style={{ color: '#c86a00' }}>还差：{c.fit.missing}</View> : null}
        </View>
      ) : null}
      <View className='notice-text__body'>{c.plain}</View>
      {c.quote ? <View className='qa-card__quote'>原文：“{c.quote}”</View> : null}
      <View className='grid__hint qa-card__source'>出处：{c.source}</View>
      {c.target ? (
        <View className='qa-card__action'>
          <SecondaryButton onClick={() => Taro.navigateTo({ url: c.target!.url })}>{c.target.label}</SecondaryButton>
        </View>
      ) : null}
    </View>
  )
}

/**
 * 问一问 (#19): an owner asks in their own words; the answer is up to three passages, each with the
 * source's words, where they come from and a button to the page; or 没有找到可靠的答案 and 转人工.
 */
export default function Ask() {
  const { params } = useRouter()
  const { data } = useSession()
  const [q, setQ] = useState(params.q ? decodeURIComponent(params.q) : '')
  const [asked, setAsked] = useState('')
  const [result, setResult] = useState<AskResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [handoff, setHandoff] = useState<'idle' | 'busy' | 'done'>('idle')
  const [handoffError, setHandoffError] = useState<string | null>(null)

  const ask = async (text: string) => {
    const question = text.trim()
    if (question.length < 2) {
      setError('请把问题写完整一些（至少2个字）')
      return
    }
    setBusy(true)
    setError(null)
    setHandoff('idle')
    setHandoffError(null)
    try {
      setResult(await call('assistant.ask', { q: question }))
      setAsked(question)
    } catch (err) {
      // what was typed stays in the box
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  const toStaff = async () => {
    if (!result) return
    setHandoff('busy')
    setHandoffError(null)
    try {
      await call('assistant.handoff', { id: result.questionId })
      setHandoff('done')
    } catch (err) {
      setHandoff('idle')
      setHandoffError(errorMessage(err))
    }
  }
  const owner = !!data && !data.staff

  return (
    <Page>
      <Notice>用您自己的话问就行。回答只摘自政策原文、开业第一课和本程序的办事说明，每条都注明出处；是否符合条件，以主管部门审核为准。</Notice>
      <Section title='您的问题'>
        <View className='notice-text'>
          <Textarea className='textarea' name='q' maxlength={QUESTION_MAX} placeholder='比如：健康证多久换一次' value={q} onInput={(e) => setQ(e.detail.value)} />
        </View>
      </Section>
      {error ? <Notice tone='error'>{error}</Notice> : null}
      <View className='actions'>
        <PrimaryButton loading={busy} onClick={() => void ask(q)}>问一问</PrimaryButton>
      </View>
      {!result ? (
        <Section title='大家常问'>
          <View className='groups qa-examples'>
            {EXAMPLES.map((e) => (
              <Text key={e} className='chip' onClick={() => { setQ(e); void ask(e) }}>{e}</Text>
            ))}
          </View>
        </Section>
      ) : null}

      {result && result.found ? (
        <View id='qa-answer'>
          {result.summary ? (
            <Section title='简要回答' footer='由AI根据下面几条资料整理，方括号里是资料编号；以原文为准。'>
              <View className='notice-text notice-text__body'>{result.summary}</View>
            </Section>
          ) : null}
          <Section title={`关于“${asked}”，找到${result.cards.length}条`}>
            {result.cards.map((c) => <Card key={c.n} c={c} />)}
          </Section>
        </View>
      ) : null}

      {result && !result.found ? (
        <View id='qa-none'>
          <Empty title='没有找到可靠的答案'>我们的政策库和开业第一课里没有能回答“{asked}”的内容。可以换个说法再问{owner ? '，或者转给工作人员' : ''}。</Empty>
        </View>
      ) : null}

      {result && owner ? (
        <View className='qa-handoff'>
          {handoff === 'done' ? (
            <Notice>已转给您所在地区的工作人员。回复会发到“消息”里，请留意。</Notice>
          ) : result.canHandoff ? (
            <View>
              <View className='section__footer'>{result.found ? '没解决您的问题？可以转给工作人员。' : '转人工后，工作人员看得到您的问题和所在地区，看不到您的姓名和微信。'}</View>
              {handoffError ? <Notice tone='error'>{handoffError}</Notice> : null}
              <View className='actions'>
                <SecondaryButton onClick={() => void (handoff === 'busy' ? null : toStaff())}>{handoff === 'busy' ? '正在转人工…' : '转人工'}</SecondaryButton>
              </View>
            </View>
          ) : (
            <Notice tone='warn'>这个问题没有通过内容安全检查，不能转给工作人员；请换个说法再问。</Notice>
          )}
        </View>
      ) : null}
    </Page>
  )
}
