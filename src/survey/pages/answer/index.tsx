import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { LoadFailed, Loading, Notice, PrimaryButton, Section } from '../../../components/ui'
import { useFormErrors } from '../../../components/useFormErrors'
import type { Output } from '../../../core/common/action'
import { chinaStartOfDay, showDate } from '../../../core/common/time'
import type { Contracts } from '../../../core/contracts'
import { answerProblems, LIMITS, RATINGS, ratingLabel, type Answer, type Question } from '../../../core/survey/rules'
import { ApiError, call, errorMessage, newRequestId } from '../../../services/api'
import './index.css'

type Survey = Output<Contracts['survey.get']>

const dateOf = (d: string) => showDate(chinaStartOfDay(d))

/** One question's answer widget: choices and ratings as large tap targets, text as a box. */
function QuestionBlock({ q, i, a, onChange, error }: { q: Question; i: number; a: Answer | null; onChange: (a: Answer | null) => void; error: JSX.Element | null }) {
  const chosen = a?.choice ?? []
  const toggle = (j: number) => {
    if (q.kind === 'single') return onChange({ choice: [j] })
    const next = chosen.includes(j) ? chosen.filter((x) => x !== j) : [...chosen, j]
    onChange(next.length ? { choice: next } : null)
  }
  return (
    <Section title={`${i + 1}. ${q.title}${q.required ? '（必答）' : '（选答）'}${q.kind === 'multi' ? '（可多选）' : ''}`}>
      <View className={`survey-q${error ? ' cell--error' : ''}`} id={`answer-${i}`}>
        {q.kind === 'single' || q.kind === 'multi'
          ? q.options.map((o, j) => (
              <View key={j} className={`survey-option${chosen.includes(j) ? ' survey-option--on' : ''}`} onClick={() => toggle(j)}>
                <Text className='survey-option__mark'>{chosen.includes(j) ? (q.kind === 'single' ? '●' : '☑') : q.kind === 'single' ? '○' : '☐'}</Text>
                <Text>{o}</Text>
              </View>
            ))
          : null}
        {q.kind === 'rating' ? (
          <View className='survey-rating'>
            {RATINGS.map((r) => (
              <View key={r} className={`survey-option survey-option--rating${a?.rating === r ? ' survey-option--on' : ''}`} onClick={() => onChange({ rating: r })}>
                {ratingLabel(r)}
              </View>
            ))}
            <Text className='grid__hint' style={{ display: 'block', width: '100%' }}>1分最不满意，5分最满意</Text>
          </View>
        ) : null}
        {q.kind === 'text' ? (
          <Textarea className='textarea' name={`answer-text-${i}`} maxlength={LIMITS.answerText} placeholder={`第${i + 1}题，最多${LIMITS.answerText}字`} autoHeight value={a?.text ?? ''} onInput={(e) => onChange(e.detail.value ? { text: e.detail.value } : null)} />
        ) : null}
      </View>
      {error}
    </Section>
  )
}

/** An owner answers a survey sent to their 消息: once, before its end date. */
export default function SurveyAnswer() {
  const { id } = useRouter().params
  const [s, setS] = useState<Survey | null>(null)
  const [answers, setAnswers] = useState<Array<Answer | null>>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [requestId] = useState(newRequestId)
  const { setError, check, fail, setFormError, fieldError, formNotice } = useFormErrors()

  useEffect(() => {
    if (!id) return setLoadError('没有找到这份问卷')
    call('survey.get', { id })
      .then((r) => {
        setS(r)
        setAnswers(r.questions.map(() => null))
      })
      .catch((err) => setLoadError(errorMessage(err)))
  }, [id])

  if (loadError) return <Page><LoadFailed message={loadError} /></Page>
  if (!s) return <Page><Loading /></Page>

  const setAnswer = (i: number, a: Answer | null) => {
    setAnswers((have) => have.map((x, j) => (j === i ? a : x)))
    setError(`answers.${i}`, '')
  }
  const submit = async () => {
    const problems = answerProblems(s.questions, answers)
    if (!check(Object.fromEntries(problems.map((p) => [p.path, p.message])))) return
    setBusy(true)
    setFormError(null)
    try {
      // the same requestId on a retry: a lost answer is sent again, never counted twice
      await call('survey.answer', { id: s.id, answers }, { requestId })
      setS({ ...s, answered: true })
      Taro.showToast({ title: '已提交，谢谢', icon: 'success' })
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    } catch (err) {
      // answered on another phone meanwhile: say so, as a second visit would
      if (err instanceof ApiError && err.code === 'CONFLICT') setS({ ...s, answered: true })
      else if (err instanceof ApiError && err.code === 'PRECONDITION_FAILED') {
        setS({ ...s, state: 'closed' })
        fail(err)
      } else fail(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page>
      <View className='survey-head'>
        <View className='survey-head__title'>{s.title}</View>
        <View className='survey-head__meta'>发起单位：{s.organizer}</View>
        <View className='survey-head__meta'>{dateOf(s.endOn)} 截止 · 共{s.questions.length}道题</View>
        {s.intro ? <View className='survey-head__intro'>{s.intro}</View> : null}
      </View>
      <Notice>
        <Text id='survey-anonymity'>{s.anonymity}</Text>
      </Notice>
      {s.answered ? (
        <Notice>
          <Text id='survey-done'>您已提交过这份问卷，谢谢参与。每户只能答一次。</Text>
        </Notice>
      ) : s.state === 'closed' ? (
        <Notice tone='warn'>
          <Text id='survey-closed'>这份问卷已于{dateOf(s.endOn)}截止，不能再作答了。</Text>
        </Notice>
      ) : s.state === 'notStarted' ? (
        <Notice tone='warn'>这份问卷{dateOf(s.startOn)}开始，到时再来作答。</Notice>
      ) : (
        <View>
          {s.questions.map((q, i) => (
            <QuestionBlock key={i} q={q} i={i} a={answers[i] ?? null} onChange={(a) => setAnswer(i, a)} error={fieldError(`answers.${i}`)} />
          ))}
          {formNotice}
          <View className='actions'>
            <PrimaryButton loading={busy} onClick={submit}>提交</PrimaryButton>
          </View>
        </View>
      )}
    </Page>
  )
}
