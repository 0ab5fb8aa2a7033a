import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'
import { chinaClock } from '../../../core/common/time'

type Exam = Output<Contracts['course.exam.start']>
type Result = Output<Contracts['course.exam.submit']>

/** The test: questions drawn on the server, answers graded there; this page only shows and collects. */
export default function ExamPage() {
  const [exam, setExam] = useState<Exam | null>(null)
  const [answers, setAnswers] = useState<Array<number | null>>([])
  const [result, setResult] = useState<Result | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  useDidShow(() => {
    if (exam || result) return
    call('course.exam.start', {})
      .then((e) => {
        setExam(e)
        setAnswers(e.questions.map(() => null))
      })
      .catch((err) => setError(errorMessage(err)))
  })

  const choose = (q: number, o: number) => setAnswers((a) => a.map((x, i) => (i === q ? o : x)))
  const submit = async () => {
    if (!exam) return
    const missing = answers.findIndex((a) => a === null)
    if (missing >= 0) return setSubmitError(`第${missing + 1}题还没有选`)
    setSaving(true)
    setSubmitError(null)
    try {
      setResult(await call('course.exam.submit', { attemptId: exam.attemptId, answers }))
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    } catch (err) {
      setSubmitError(errorMessage(err))
    } finally {
      setSaving(false)
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (result) {
    const wrong = result.review.filter((r) => !r.right)
    return (
      <Page>
        <View className='hero' id='exam-result'>
          <View className='hero__name'>{result.percent}分 · {result.passed ? '通过' : '未通过'}</View>
          <View className='hero__meta'>
            答对 {result.correct}/{result.total} 题。
            {result.passed ? '恭喜您结业！' : `需要${exam?.passPercent ?? 80}分及格。${result.retryAt ? `请复习下面的题目，${chinaClock(result.retryAt)}后可以再考。` : ''}`}
          </View>
          <View className='actions'>
            {result.certificate ? (
              <PrimaryButton onClick={() => Taro.redirectTo({ url: '/course/pages/certificate/index' })}>查看结业证书</PrimaryButton>
            ) : (
              <SecondaryButton onClick={() => Taro.navigateBack()}>回去复习</SecondaryButton>
            )}
          </View>
        </View>
        {wrong.length ? (
          <Section title='答错的题'>
            {wrong.map((r, i) => (
              <View key={i} className='exam__q'>
                <Text className='exam__stem'>{r.stem}</Text>
                <Text className='notice-text__body'>{r.explain}</Text>
              </View>
            ))}
          </Section>
        ) : null}
      </Page>
    )
  }
  if (!exam) return <Page><Loading /></Page>
  return (
    <Page>
      <Notice>共{exam.questions.length}题，每题选一个答案，{exam.passPercent}分及格。请在{chinaClock(exam.expiresAt)}前交卷。</Notice>
      {exam.questions.map((q, qi) => (
        <View key={qi} className='exam__q' id={`q-${qi}`}>
          <Text className='exam__stem'>{qi + 1}. {q.stem}</Text>
          {q.options.map((o, oi) => (
            <Text key={oi} className={`exam__opt ${answers[qi] === oi ? 'exam__opt--on' : ''}`} onClick={() => choose(qi, oi)}>
              {'ABCDEFGHIJ'[oi]}. {o}
            </Text>
          ))}
        </View>
      ))}
      {submitError ? <Notice tone='error'><Text id='exam-error'>{submitError}</Text></Notice> : null}
      <View className='actions'>
        <PrimaryButton loading={saving} onClick={submit}>交卷</PrimaryButton>
      </View>
    </Page>
  )
}
