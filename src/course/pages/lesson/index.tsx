import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'

type Lesson = Output<Contracts['course.lesson.get']>

export default function LessonPage() {
  const { params } = useRouter()
  const [id, setId] = useState(params.id ?? '')
  const [l, setL] = useState<Lesson | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const load = (lessonId: string) => {
    setL(null)
    call('course.lesson.get', { lessonId })
      .then((x) => {
        setL(x)
        Taro.setNavigationBarTitle({ title: x.moduleTitle })
      })
      .catch((err) => setError(errorMessage(err)))
  }
  useDidShow(() => load(id))

  const finish = async () => {
    if (!l) return
    // read without a profile: nothing is recorded, the reader just goes on
    if (l.guest) {
      if (l.nextId) {
        setId(l.nextId)
        load(l.nextId)
        Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
      } else Taro.navigateBack()
      return
    }
    setSaving(true)
    try {
      const r = await call('course.progress.save', { lessonId: l.id })
      if (l.nextId) {
        setId(l.nextId)
        load(l.nextId)
        Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
      } else {
        Taro.showToast({ title: r.lessonsDone === r.lessonsTotal ? '全部学完了，可以参加测验' : `已学 ${r.lessonsDone}/${r.lessonsTotal} 课，还有${r.lessonsTotal - r.lessonsDone}课`, icon: 'none' })
        Taro.navigateBack()
      }
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setSaving(false)
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!l) return <Page><Loading /></Page>
  return (
    <Page>
      <Section title={`${l.moduleTitle} · 约${l.minutes}分钟`}>
        <View className='notice-text lesson' id='lesson'>
          <View className='notice-text__heading' style={{ marginTop: 0 }}>{l.title}</View>
          {l.points.map((p, i) => (
            <View key={i} className='lesson__point'>
              <Text className='lesson__num'>{i + 1}</Text>
              <View>
                <Text className='lesson__text'>{p}</Text>
                {l.notes[i] ? <Text className='grid__hint lesson__note' style={{ display: 'block' }}>{l.notes[i]}</Text> : null}
              </View>
            </View>
          ))}
          <Text className='grid__hint' id='lesson-source'>出处：{l.source}</Text>
        </View>
      </Section>
      {l.guest ? <Notice>没有建档，学习进度不会记录。</Notice> : null}
      <View className='actions'>
        <PrimaryButton loading={saving} onClick={finish}>{l.guest ? (l.nextId ? '下一课' : '读完了') : l.nextId ? '学完了，下一课' : '学完了'}</PrimaryButton>
        <SecondaryButton onClick={() => Taro.navigateBack()}>返回目录</SecondaryButton>
      </View>
    </Page>
  )
}
