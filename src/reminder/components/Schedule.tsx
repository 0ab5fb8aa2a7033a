import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Cell, Section, Tag } from '../../components/ui'
import type { Evidence } from '../../core/content/evidence'
import type { ScheduleRowView } from '../../core/reminder/contract'
import { cnDate, type Advice } from '../../core/reminder/schedule'

const TONE: Record<ScheduleRowView['status'], 'green' | 'orange' | 'gray' | 'blue'> = {
  sent: 'green',
  due: 'orange',
  upcoming: 'blue',
  missed: 'gray',
  quiet: 'gray',
  off: 'gray'
}

/** Every reminder of a permit or an annual report: its date, what it is, and what became of it. */
export function ReminderSchedule({ rows, next, off, footer }: { rows: ScheduleRowView[]; next: string | null; off: boolean; footer?: string }) {
  return (
    <Section
      title='提醒安排（每次上午9点发到“消息”）'
      footer={
        off
          ? '您已在“消息 → 提醒设置”里关闭了这类提醒，打开后按上面的日期提醒您。'
          : next
            ? `下次提醒：${cnDate(next)}${footer ? `。${footer}` : ''}`
            : footer
      }
    >
      {rows.map((r) => (
        <Cell
          key={r.id}
          wide
          label={
            <View className='schedule-row' id={`rung-${r.id}`}>
              <View>{cnDate(r.date)}</View>
              <Text className='grid__hint'>{r.label}</Text>
            </View>
          }
        >
          <Tag tone={TONE[r.status]}>{r.statusLabel}</Tag>
        </Cell>
      ))}
    </Section>
  )
}

/** Where the matter stands and what to do now, with the article a warning rests on. */
export function AdviceCard({
  id = 'advice',
  title,
  advice,
  tag,
  meta,
  children
}: {
  id?: string
  title: string
  advice: Advice
  tag?: ReactNode
  /** facts under the title (number, dates) */
  meta?: ReactNode
  /** actions under the advice */
  children?: ReactNode
}) {
  return (
    <View className='hero' id={id}>
      <View className='hero__name' style={{ fontSize: 'var(--fs-lg)' }}>
        {title} {tag}
      </View>
      {meta ? <View className='hero__meta'>{meta}</View> : null}
      {/* an info notice is white, like the card it sits in: a light grey sets it apart */}
      <View className={`notice notice--${advice.tone}`} style={{ margin: '12px 0 0', ...(advice.tone === 'info' ? { background: '#f5f5f5' } : {}) }}>
        <View style={{ fontWeight: 600 }}>{advice.title}</View>
        {advice.lines.map((l) => (
          <View key={l}>{l}</View>
        ))}
      </View>
      {advice.evidence ? <Quote e={advice.evidence} /> : null}
      {children}
    </View>
  )
}

/** A source's own words, with its title and article. */
export function Quote({ e }: { e: Evidence }) {
  return (
    <View className='hero__meta'>
      依据：{e.source.document}
      {e.source.clause}：“{e.quote}”
    </View>
  )
}

/** A permit's state in one word or three: past the last day to apply says so, not 即将到期. */
export function PermitTag({ p }: { p: { state: 'valid' | 'renewSoon' | 'expired'; applyDaysLeft: number | null } }) {
  if (p.state === 'expired') return <Tag tone='gray'>已过期</Tag>
  if (p.applyDaysLeft !== null && p.applyDaysLeft < 0) return <Tag tone='orange'>申请期已过</Tag>
  if (p.applyDaysLeft === 0) return <Tag tone='orange'>今天最后一天申请</Tag>
  if (p.state === 'renewSoon') return <Tag tone='orange'>即将到期</Tag>
  return <Tag tone='green'>有效</Tag>
}
