import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import { countdownFrom, useCountdown, type Countdown } from '../../../components/useCountdown'
import type { Output } from '../../../core/common/action'
import { formatDuration } from '../../../core/common/countdown'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'
import './index.css'

type Catalog = Output<Contracts['course.catalog']>

/** How many unread lesson titles the test section names before “等”. */
const NAMED = 3

/** 开业第一课: modules and lessons with what is read, where to continue, the test and the certificate. */
export default function CourseHome() {
  const [c, setC] = useState<Catalog | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [wait, setWait] = useState<Countdown | null>(null)
  const load = () =>
    call('course.catalog', {})
      .then((x) => {
        setC(x)
        setWait(x.exam.waitSeconds > 0 ? countdownFrom(x.exam.waitSeconds) : null)
      })
      .catch((err) => setError(errorMessage(err)))
  useDidShow(() => void load())
  const waitLeft = useCountdown(wait)
  // the wait after a fail is over: ask the server again, which opens the test
  useEffect(() => {
    if (wait && waitLeft === 0) void load()
  }, [waitLeft])

  const open = (id: string) => Taro.navigateTo({ url: `/course/pages/lesson/index?id=${id}` })
  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!c) return <Page><Loading /></Page>
  const unread = c.modules.flatMap((m) => m.lessons.filter((l) => !l.done))
  const percent = c.lessonsTotal ? Math.round((c.lessonsDone / c.lessonsTotal) * 100) : 0
  const left = c.exam.lessonsLeft
  return (
    <Page>
      {c.guest ? (
        <View id='course-guest'>
          <Notice>您还没有建立经营档案，可以先读课。建档后才会记录学到哪里、可以参加测验和领取结业证书。</Notice>
        </View>
      ) : null}
      <View className='hero' id='course-progress'>
        <View className='hero__name'>开业第一课</View>
        <View className='progress'>
          <View className='progress__bar' style={{ width: `${percent}%` }} />
        </View>
        <View className='hero__meta'>
          已学 {c.lessonsDone}/{c.lessonsTotal} 课{left ? `，还有${left}课` : '，全部学完'} · 每课约3分钟 · 学完参加测验（{c.exam.size}题，{c.exam.passPercent}分及格）
        </View>
        <View className='actions'>
          {c.certificate ? (
            <PrimaryButton onClick={() => Taro.navigateTo({ url: '/course/pages/certificate/index' })}>查看结业证书</PrimaryButton>
          ) : c.resumeLessonId ? (
            <PrimaryButton onClick={() => open(c.resumeLessonId!)}>{c.lessonsDone ? '继续学习' : '开始学习'}</PrimaryButton>
          ) : null}
        </View>
      </View>
      {c.modules.map((m) => (
        <Section key={m.id} title={`${m.title}（已学${m.done}/${m.lessons.length}）${m.industry ? ' · 您的行业' : ''}`}>
          {m.lessons.map((l) => (
            <Cell key={l.id} wide label={l.title} arrow onClick={() => open(l.id)}>
              {l.done ? <Tag>已学</Tag> : <Text className='grid__hint'>未学 · {l.minutes}分钟</Text>}
            </Cell>
          ))}
        </Section>
      ))}
      <Section title='结业测验'>
        <View className='notice-text' id='exam-gate'>
          <Text className='notice-text__body'>
            从各模块随机抽{c.exam.size}道题，{c.exam.passPercent}分及格，通过后颁发结业证书。
            {left
              ? `学完全部${c.lessonsTotal}课才能参加测验，还有${left}课没学：${unread.slice(0, NAMED).map((l) => `“${l.title}”`).join('、')}${left > NAMED ? `等${left}课` : ''}。`
              : ''}
            {c.exam.lastPercent !== null ? `上次得分：${c.exam.lastPercent}分。` : ''}
            {!left && waitLeft ? `请先复习，${formatDuration(waitLeft)}后可以再考。` : ''}
          </Text>
        </View>
        <View className='actions'>
          {c.guest ? (
            <SecondaryButton onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })}>建档后参加测验</SecondaryButton>
          ) : left ? (
            <PrimaryButton onClick={() => open(c.resumeLessonId ?? unread[0].id)}>{`还有${left}课没学，先去学`}</PrimaryButton>
          ) : c.exam.canStart ? (
            <SecondaryButton onClick={() => Taro.navigateTo({ url: '/course/pages/exam/index' })}>{c.exam.passed ? '再练一次' : '参加测验'}</SecondaryButton>
          ) : null}
        </View>
      </Section>
    </Page>
  )
}
