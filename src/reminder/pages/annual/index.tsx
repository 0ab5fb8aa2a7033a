import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { Page } from '../../../components/Page'
import { Empty, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { ObligationView } from '../../../core/reminder/contract'
import { ANNUAL_REPORT_GUIDE } from '../../../core/reminder/guidance'
import { annualAdvice, annualTag, cnDate, currentObligations } from '../../../core/reminder/schedule'
import { call, errorMessage } from '../../../services/api'
import { OfficialSite } from '../../components/OfficialSite'
import { AdviceCard, ReminderSchedule } from '../../components/Schedule'

/** One year's report: where it stands, its window and last day, 我已报送, and every reminder. */
function Report({ o, onChange }: { o: ObligationView; onChange: (o: ObligationView) => void }) {
  const [busy, setBusy] = useState(false)
  const mark = async (filed: boolean) => {
    setBusy(true)
    try {
      onChange(await call('reminder.obligation.markFiled', { id: o.id, filed }))
      Taro.showToast({ title: filed ? '已标记为已报送，不再提醒' : '已撤销，继续提醒', icon: 'none' })
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  const tag = annualTag(o)
  return (
    <View id={`annual-${o.reportYear}`} className='annual-report'>
      <AdviceCard
        id={`advice-${o.reportYear}`}
        title={`${o.reportYear}年度年报`}
        tag={<Tag tone={tag.tone}>{tag.label}</Tag>}
        advice={annualAdvice(o)}
        meta={
          <>
            <View>报送时间：{cnDate(o.opensOn)}至{cnDate(o.deadline).slice(5)}</View>
            <View id={`annual-deadline-${o.reportYear}`}>最后一天：{cnDate(o.deadline)}</View>
          </>
        }
      >
        {/* nothing to file before the window opens */}
        {o.state === 'notOpen' ? null : (
          <View className='actions' style={{ paddingBottom: 0 }}>
            {o.state === 'filed' ? (
              <SecondaryButton onClick={() => mark(false)}>撤销“已报送”</SecondaryButton>
            ) : (
              <PrimaryButton loading={busy} onClick={() => mark(true)}>
                我已报送{o.reportYear}年度年报
              </PrimaryButton>
            )}
          </View>
        )}
      </AdviceCard>
      <ReminderSchedule
        rows={o.schedule}
        next={o.nextReminder}
        off={o.remindersOff}
        footer={o.state === 'filed' ? '已报送，后面的提醒不再发送' : undefined}
      />
    </View>
  )
}

export default function AnnualReport() {
  const [obligations, setObligations] = useState<ObligationView[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(() => {
    call('reminder.obligation.list', {})
      .then((r) => {
        setObligations(r.obligations)
        setError(null)
      })
      .catch((err) => setError(errorMessage(err)))
  }, [])
  useDidShow(load)

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!obligations) return <Page><Loading /></Page>
  const list = currentObligations(obligations)
  if (list.length === 0) {
    return (
      <Page>
        <Empty title='还没有年报事项'>建好经营档案（填上开业日期）后，这里会告诉您哪一年的年报、什么时候报。</Empty>
        <View className='actions'>
          <PrimaryButton onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>去首页建档</PrimaryButton>
        </View>
      </Page>
    )
  }
  const scamWarning = list[0].scamWarning
  return (
    <Page>
      {list.map((o) => (
        <Report key={o.id} o={o} onChange={(n) => setObligations(obligations.map((x) => (x.id === n.id ? n : x)))} />
      ))}
      <Section title='怎么报'>
        <View className='notice-text'>
          <View className='notice-text__body'>{list[0].how}</View>
          <View className='notice-text__body'>
            <OfficialSite />
          </View>
          <View className='hero__meta'>依据：{ANNUAL_REPORT_GUIDE.basis}</View>
        </View>
      </Section>
      <Notice tone='warn'>
        <View id='scam-warning'>{scamWarning}</View>
      </Notice>
    </Page>
  )
}
