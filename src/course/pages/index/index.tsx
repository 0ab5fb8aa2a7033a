import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'
import { chinaClock } from '../../../core/common/time'

type Catalog = Output<Contracts['course.catalog']>

/** 开业第一课: modules and lessons with what is read, where to continue, the test and the certificate. */
export default function CourseHome() {
  const [c, setC] = useState<Catalog | null>(null)
  const [error, setError] = useState<string | null>(null)
  useDidShow(() => {
    call('course.catalog', {})
      .then(setC)
      .catch((err) => setError(errorMessage(err)))
  })
  const open = (id: string) => Taro.navigateTo({ url: `/course/pages/lesson/index?id=${id}` })
  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!c) return <Page><Loading /></Page>
  return (
    <Page>
      <View className='hero' id='course-progress'>
        <View className='hero__name'>开业第一课</View>
        <View className='hero__meta'>
          已学 {c.lessonsDone}/{c.lessonsTotal} 课 · 每课约3分钟 · 学完参加测验（{c.exam.size}题，{c.exam.passPercent}分及格）
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
        <Section key={m.id} title={`${m.title}（${m.done}/${m.lessons.length}）${m.industry ? ' · 您的行业' : ''}`}>
          {m.lessons.map((l) => (
            <Cell key={l.id} wide label={l.title} arrow onClick={() => open(l.id)}>
              {l.done ? <Tag>已学</Tag> : <Text className='grid__hint'>{l.minutes}分钟</Text>}
            </Cell>
          ))}
        </Section>
      ))}
      <Section title='结业测验'>
        <View className='notice-text'>
          <Text className='notice-text__body'>
            从各模块随机抽{c.exam.size}道题，{c.exam.passPercent}分及格，通过后颁发结业证书。
            {c.exam.lastPercent !== null ? `上次得分：${c.exam.lastPercent}分。` : ''}
            {c.exam.retryAt ? `请先复习，${chinaClock(c.exam.retryAt)}后可以再考。` : ''}
          </Text>
        </View>
        <View className='actions'>
          {c.exam.canStart ? (
            <SecondaryButton onClick={() => Taro.navigateTo({ url: '/course/pages/exam/index' })}>{c.exam.passed ? '再练一次' : '参加测验'}</SecondaryButton>
          ) : null}
        </View>
      </Section>
    </Page>
  )
}
