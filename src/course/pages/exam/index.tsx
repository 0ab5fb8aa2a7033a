import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import { countdownFrom, useCountdown, type Countdown } from '../../../components/useCountdown'
import type { Output } from '../../../core/common/action'
import { formatDuration } from '../../../core/common/countdown'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'
import './index.css'

type Exam = Output<Contracts['course.exam.start']>
type Graded = Extract<Output<Contracts['course.exam.submit']>, { outcome: 'graded' }>

/** Under this many seconds left, the timer turns orange and says to hurry. */
const HURRY_SECONDS = 5 * 60

/** Back to the course page: the one below, or a fresh one when the test was opened directly. */
const toCourse = () => {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: '/course/pages/index/index' })
}

/** The test: questions drawn on the server, answers graded there; this page only shows and collects. */
export default function ExamPage() {
  const [exam, setExam] = useState<Exam | null>(null)
  const [answers, setAnswers] = useState<Array<number | null>>([])
  const [result, setResult] = useState<Graded | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [starting, setStarting] = useState(false)
  // what is left of the attempt, of a too-fast hold, and of the wait after a fail: all counted from the server's seconds
  const [expiry, setExpiry] = useState<Countdown | null>(null)
  const [hold, setHold] = useState<Countdown | null>(null)
  const [retry, setRetry] = useState<Countdown | null>(null)
  const left = useCountdown(expiry)
  const holdLeft = useCountdown(hold) ?? 0
  const retryLeft = useCountdown(retry)

  const start = () => {
    setStarting(true)
    call('course.exam.start', {})
      .then((e) => {
        setExam(e)
        setAnswers(e.questions.map(() => null))
        setExpiry(countdownFrom(e.secondsLeft))
        setHold(null)
        setSubmitError(null)
        setError(null)
      })
      .catch((err) => setError(errorMessage(err)))
      .finally(() => setStarting(false))
  }
  useDidShow(() => {
    if (exam || result) return
    start()
  })

  const choose = (q: number, o: number) => setAnswers((a) => a.map((x, i) => (i === q ? o : x)))
  const submit = async () => {
    if (!exam || holdLeft > 0) return
    const missing = answers.findIndex((a) => a === null)
    if (missing >= 0) return setSubmitError(`第${missing + 1}题还没有选`)
    setSaving(true)
    setSubmitError(null)
    try {
      const r = await call('course.exam.submit', { attemptId: exam.attemptId, answers })
      if (r.outcome === 'tooFast') {
        // nothing was graded: the answers stay as they are, the button counts down
        setHold(countdownFrom(r.waitSeconds))
        return
      }
      setResult(r)
      setRetry(r.waitSeconds > 0 ? countdownFrom(r.waitSeconds) : null)
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    } catch (err) {
      setSubmitError(errorMessage(err))
    } finally {
      setSaving(false)
    }
  }

  if (error) {
    return (
      <Page>
        <View id='exam-refused'>
          <Notice tone='warn'>{error}</Notice>
        </View>
        <View className='actions'>
          <PrimaryButton onClick={toCourse}>回到课程目录</PrimaryButton>
        </View>
      </Page>
    )
  }
  if (result) {
    const wrong = result.review.filter((r) => !r.right)
    return (
      <Page>
        <View className='hero' id='exam-result'>
          <View className='hero__name'>{result.percent}分 · {result.passed ? '通过' : '未通过'}</View>
          <View className='hero__meta'>
            答对 {result.correct}/{result.total} 题。
            {result.passed
              ? '恭喜您结业！'
              : `需要${exam?.passPercent ?? 80}分及格。请复习下面的题目，${retryLeft ? `${formatDuration(retryLeft)}后可以再考。` : '现在可以再考了。'}`}
          </View>
          <View className='actions'>
            {result.certificate ? (
              <PrimaryButton onClick={() => Taro.redirectTo({ url: '/course/pages/certificate/index' })}>查看结业证书</PrimaryButton>
            ) : (
              <SecondaryButton onClick={toCourse}>回去复习</SecondaryButton>
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
  const answered = answers.filter((a) => a !== null).length
  if (left === 0) {
    return (
      <Page>
        <View id='exam-expired'>
          <Notice tone='warn'>已超过作答时间，这次作答已失效，没有计分。请重新开始，会重新抽题。</Notice>
        </View>
        <View className='actions'>
          <PrimaryButton loading={starting} onClick={start}>重新开始</PrimaryButton>
          <SecondaryButton onClick={toCourse}>回到课程目录</SecondaryButton>
        </View>
      </Page>
    )
  }
  const hurry = left !== null && left <= HURRY_SECONDS
  return (
    <Page>
      <View className={`exam-timer${hurry ? ' exam-timer--hurry' : ''}`} id='exam-timer'>
        <Text className='exam-timer__left'>剩余 {formatDuration(left ?? exam.secondsLeft)}</Text>
        <Text className='exam-timer__done'>已答 {answered}/{exam.questions.length}</Text>
      </View>
      <Notice>
        共{exam.questions.length}题，每题选一个答案，{exam.passPercent}分及格。限时{Math.round((Date.parse(exam.expiresAt) - Date.parse(exam.startedAt)) / 60_000)}分钟，上方显示还剩多少时间。
      </Notice>
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
      {holdLeft > 0 ? (
        <View id='exam-wait'>
          <Notice tone='warn'>答得太快了：请再把题目和选项看一遍，{formatDuration(holdLeft)}后可以交卷。您选的答案都还在。</Notice>
        </View>
      ) : null}
      {submitError ? <Notice tone='error'><Text id='exam-error'>{submitError}</Text></Notice> : null}
      <View className='actions'>
        <PrimaryButton loading={saving} disabled={holdLeft > 0} onClick={submit}>
          {holdLeft > 0 ? `${formatDuration(holdLeft)}后可以交卷` : '交卷'}
        </PrimaryButton>
      </View>
    </Page>
  )
}
