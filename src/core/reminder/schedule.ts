import { chinaDate, showDate } from '../common/time'
import type { Evidence } from '../content/evidence'
import { ANNUAL_REPORT_GUIDE } from './guidance'
import { planAt, type Rung } from './ladder'
import { PERMIT_TYPES, type PermitTypeKey } from './permitTypes'

/**
 * The whole reminder schedule of a permit or an annual report as the owner sees it: every rung
 * with its date and what became of it, the next reminder (never a date in the past), and what
 * to do now. Pure: the reminder function computes it at the clock's "now"; pages only show it.
 */

/**
 * sent: in the inbox (已提醒); quiet: its time came while the owner had switched the topic off;
 * due: its time has come and the next sweep sends it (a rung that passed before the item was
 * added is sent once, late, counting the days really left); missed: its time passed and it is
 * not sent (an earlier rung of an item added late, or the report was filed); upcoming: to come;
 * off: to come, but nothing will be sent (filed, or the topic is off).
 */
export type RungStatus = 'sent' | 'quiet' | 'due' | 'missed' | 'upcoming' | 'off'

export interface ScheduleRow {
  id: string
  /** China date the rung is sent (09:00 China time) */
  date: string
  /** what the rung is, e.g. 申请截止前7天 */
  label: string
  status: RungStatus
  /** the status as the owner reads it, e.g. 已提醒 / 已过 / 待提醒 */
  statusLabel: string
}

export interface ScheduleInput {
  rungs: Rung[]
  now: Date
  /** rungs the sweep has handled for this version of the item */
  sent: readonly string[]
  /** of those, the ones handled while the topic was off (nothing was sent) */
  quiet?: readonly string[]
  /** nothing more will be sent because the matter is done (the report is filed) */
  done?: boolean
  /** the owner has switched this topic off */
  topicOff?: boolean
}

export function reminderSchedule(input: ScheduleInput, labelOf: (r: Rung) => string): { rows: ScheduleRow[]; next: string | null } {
  const { rungs, now, sent, quiet = [], done = false, topicOff = false } = input
  const today = chinaDate(now)
  const t = now.toISOString()
  const { dueNow, next } = planAt(rungs, now, sent)
  const silent = done || topicOff
  const rows = rungs.map((r): ScheduleRow => {
    const row = (status: RungStatus, statusLabel: string) => ({ id: r.id, date: r.date, label: labelOf(r), status, statusLabel })
    if (sent.includes(r.id)) return quiet.includes(r.id) ? row('quiet', '未发（提醒已关闭）') : row('sent', '已提醒')
    if (r.dueAt <= t) {
      if (!silent && dueNow?.id === r.id) return row('due', r.date === today ? '今天提醒' : '今天补发')
      return row('missed', '已过')
    }
    if (done) return row('off', '不再提醒')
    if (topicOff) return row('off', '提醒已关闭')
    return row('upcoming', '待提醒')
  })
  // a rung whose time has come is sent at the next sweep, today: the next reminder is today, never its own past date
  const nextDate = silent ? null : dueNow ? today : next?.date ?? null
  return { rows, next: nextDate }
}

export function permitRungLabel(r: Rung, hasApplyDay: boolean): string {
  switch (r.kind) {
    case 'before':
      return hasApplyDay ? `申请截止前${r.daysLeft}天` : `到期前${r.daysLeft}天`
    case 'due':
      return '申请截止当天'
    case 'applyPassed':
      return '申请截止后一天'
    case 'overdue':
      return '到期后一天'
    default:
      return '提醒'
  }
}

export function annualRungLabel(r: Rung): string {
  switch (r.kind) {
    case 'windowOpen':
      return '开始报送'
    case 'before':
      return `截止前${r.daysLeft}天`
    case 'due':
      return '截止当天'
    case 'overdue':
      return '截止后一天'
    default:
      return '提醒'
  }
}

/** "2027年3月1日": a China calendar date (YYYY-MM-DD) as an owner reads it. */
export const cnDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`

export interface Advice {
  tone: 'info' | 'warn' | 'error'
  title: string
  lines: string[]
  /** the article the warning rests on, shown with its words */
  evidence: Evidence | null
}

export interface PermitFacts {
  type: PermitTypeKey
  name: string
  authority: string
  expiresOn: string
  state: 'valid' | 'renewSoon' | 'expired'
  daysLeft: number
  lastApplyOn: string | null
  applyDaysLeft: number | null
}

/**
 * Where a permit stands and what to do now, in plain words. Past the last day to apply it says
 * so plainly; where that day is our own default rather than the law's, it says that too.
 */
export function permitAdvice(p: PermitFacts): Advice {
  const t = PERMIT_TYPES[p.type]
  const office = p.authority || '发证机关'
  const lapse = t.lapse
  const expiry = p.daysLeft === 0 ? `今天（${cnDate(p.expiresOn)}）到期` : `${cnDate(p.expiresOn)}到期，还有${p.daysLeft}天`
  if (p.state === 'expired') {
    return {
      tone: 'error',
      title: '证照已过期',
      lines: [`${p.name}已于${cnDate(p.expiresOn)}到期，已经过了${-p.daysLeft}天。`, `请尽快联系${office}，问清现在要怎么办理。`, ...(lapse ? [lapse.text] : [])],
      evidence: lapse?.evidence ?? null
    }
  }
  if (p.lastApplyOn && p.applyDaysLeft !== null && p.applyDaysLeft < 0) {
    const ours = t.applyLead?.from === 'platform'
    return {
      tone: 'error',
      title: ours ? '最后申请日已过' : '续期申请期限已过',
      lines: [
        ours
          ? `本程序按${t.applyLead!.n}${t.applyLead!.unit === 'day' ? '天' : '个月'}算的最后申请日（${cnDate(p.lastApplyOn)}）已经过了${-p.applyDaysLeft}天，实际期限以${office}为准。`
          : `申请延续的最后一天是${cnDate(p.lastApplyOn)}，已经过了${-p.applyDaysLeft}天。`,
        `证照${expiry}。`,
        `请尽快带齐材料到${office}申请延续，当面问清现在还能不能按延续办理。`,
        ...(lapse ? [lapse.text] : [])
      ],
      evidence: lapse?.evidence ?? null
    }
  }
  if (p.lastApplyOn && p.applyDaysLeft === 0) {
    return {
      tone: 'warn',
      title: '今天是申请延续的最后一天',
      lines: [`请今天就到${office}提出延续申请。`, `证照${expiry}。`],
      evidence: null
    }
  }
  if (p.state === 'renewSoon') {
    return p.lastApplyOn
      ? { tone: 'warn', title: `还有${p.applyDaysLeft}天截止申请延续`, lines: [`申请延续的最后一天是${cnDate(p.lastApplyOn)}。`, `证照${expiry}。`], evidence: null }
      : { tone: 'warn', title: `还有${p.daysLeft}天到期`, lines: [`证照${expiry}，请在到期前办好。`], evidence: null }
  }
  return {
    tone: 'info',
    title: '有效',
    lines: p.lastApplyOn ? [`证照${expiry}。`, `申请延续的最后一天是${cnDate(p.lastApplyOn)}。`] : [`证照${expiry}。`],
    evidence: null
  }
}

export interface AnnualFacts {
  reportYear: number
  state: 'notOpen' | 'open' | 'overdue' | 'filed'
  daysLeft: number
  filedAt: string | null
  firstReport: boolean
}

/** The annual report's state in a word, for its tag. */
export function annualTag(o: AnnualFacts): { label: string; tone: 'green' | 'orange' | 'gray' } {
  switch (o.state) {
    case 'filed':
      return { label: '已报送', tone: 'green' }
    case 'overdue':
      return { label: '已逾期', tone: 'orange' }
    case 'open':
      return { label: '报送中', tone: 'orange' }
    case 'notOpen':
      return { label: o.firstReport ? '明年报' : '未开始', tone: 'gray' }
  }
}

/** Where an annual report stands and what to do now; a business opened this year is not due yet. */
export function annualAdvice(o: AnnualFacts): Advice {
  const y = o.reportYear
  const window = `${y + 1}年1月1日至6月30日`
  switch (o.state) {
    case 'filed':
      return { tone: 'info', title: '已报送，不再提醒', lines: [`您已标记${y}年度年报为已报送${o.filedAt ? `（${showDate(o.filedAt)}）` : ''}。`], evidence: null }
    case 'notOpen':
      return o.firstReport
        ? {
            tone: 'info',
            title: '今年还不用报',
            lines: [`年报报的是上一年的情况。您是${y}年开业的，第一次年报在明年报：${window}报送${y}年度年报。`],
            evidence: null
          }
        : { tone: 'info', title: `${y + 1}年1月1日开始报送`, lines: [`${y}年度年报在${window}报送，现在还没到时间。`], evidence: null }
    case 'open':
      return {
        tone: 'warn',
        title: o.daysLeft === 0 ? '今天是最后一天' : `还有${o.daysLeft}天截止`,
        lines: [`请在${cnDate(`${y + 1}-06-30`)}前报送；报送后点“我已报送”，就不再提醒您。`],
        evidence: null
      }
    case 'overdue':
      return {
        tone: 'error',
        title: '已逾期，请尽快补报',
        lines: [`${y}年度年报的最后一天（${cnDate(`${y + 1}-06-30`)}）已经过了。`, ...ANNUAL_REPORT_GUIDE.lateSteps],
        evidence: null
      }
  }
}

/**
 * The annual reports to show, most urgent first: every one not filed (the oldest first: an
 * overdue report before next year's), then the latest filed one (so 已报送 can be undone); at most two.
 */
export function currentObligations<T extends { reportYear: number; state: AnnualFacts['state'] }>(list: readonly T[]): T[] {
  const open = list.filter((o) => o.state !== 'filed').sort((a, b) => a.reportYear - b.reportYear)
  const filed = list.filter((o) => o.state === 'filed').sort((a, b) => b.reportYear - a.reportYear)
  return [...open, ...filed.slice(0, 1)].slice(0, 2)
}
