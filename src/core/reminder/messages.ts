import { ANNUAL_REPORT_GUIDE, OFFICIAL_SITE, SCAM_WARNING } from './guidance'
import { lastApplyDate, type Rung } from './ladder'
import { PERMIT_TYPES, type PermitTypeKey } from './permitTypes'

/** What a reminder says, in plain Chinese, and the values of its subscribe-message fields. */
export interface ReminderText {
  title: string
  body: string
  /** REMINDER_TEMPLATE values: 事项名称, 到期日期, 温馨提示 */
  fields: { thing1: string; date2: string; thing3: string }
}

const cnDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`

export function permitText(p: { type: PermitTypeKey; name: string; number: string; expiresOn: string }, rung: Rung): ReminderText {
  const t = PERMIT_TYPES[p.type]
  const label = p.type === 'other' ? p.name : t.label
  const lastApply = lastApplyDate(p.type, p.expiresOn)
  if (rung.kind === 'applyPassed' && lastApply) {
    return {
      title: '申请延续的期限已过',
      body: `您的${label}（编号${p.number}）将于${cnDate(p.expiresOn)}到期。要求：${t.renewRule}。${
        // our own default is not the legal deadline: say whose day has passed
        t.applyLead?.from === 'platform' ? `本程序算的最后申请日${cnDate(lastApply)}已经过了，实际期限以发证机关为准` : `申请延续的最后一天是${cnDate(lastApply)}，已经过了`
      }。请马上联系发证机关，问清现在怎么办理。办理方法：${t.howToRenew}`,
      fields: { thing1: label, date2: cnDate(p.expiresOn), thing3: '申请延续期限已过，请联系发证机关' }
    }
  }
  if (rung.kind === 'due' && lastApply) {
    return {
      title: '今天是申请延续的最后一天',
      body: `您的${label}（编号${p.number}）将于${cnDate(p.expiresOn)}到期。要求：${t.renewRule}。今天（${cnDate(lastApply)}）是申请延续的最后一天，请今天就提出申请。办理方法：${t.howToRenew}`,
      fields: { thing1: label, date2: cnDate(p.expiresOn), thing3: '今天是申请延续的最后一天' }
    }
  }
  if (lastApply) {
    return {
      title: '证照到期提醒',
      body: `您的${label}（编号${p.number}）将于${cnDate(p.expiresOn)}到期。要求：${t.renewRule}。申请延续的最后一天是${cnDate(lastApply)}，还有${rung.daysLeft}天。办理方法：${t.howToRenew}`,
      fields: { thing1: label, date2: cnDate(p.expiresOn), thing3: `还有${rung.daysLeft}天截止申请延续` }
    }
  }
  if (rung.kind === 'overdue') {
    return {
      title: '证照已过期',
      body: `您的${label}（编号${p.number}）已于${cnDate(p.expiresOn)}到期。过期后继续经营可能被责令停业或处罚，请尽快办理。办理方法：${t.howToRenew}`,
      fields: { thing1: label, date2: cnDate(p.expiresOn), thing3: '已过期，请尽快办理' }
    }
  }
  // a 1-day rung sent late (the permit was added on its expiry day) reaches the owner on that day
  const left = rung.daysLeft <= 0 ? '今天到期' : `还有${rung.daysLeft}天到期`
  return {
    title: '证照到期提醒',
    body: `您的${label}（编号${p.number}）将于${cnDate(p.expiresOn)}到期，${rung.daysLeft <= 0 ? '就是今天' : `还有${rung.daysLeft}天`}。要求：${t.renewRule}。办理方法：${t.howToRenew}`,
    fields: { thing1: label, date2: cnDate(p.expiresOn), thing3: `${left}，请及时办理` }
  }
}

export function annualText(reportYear: number, rung: Rung): ReminderText {
  const deadline = `${reportYear + 1}-06-30`
  const item = `${reportYear}年度年报`
  if (rung.kind === 'windowOpen') {
    return {
      title: '年报开始填报',
      body: `${item}现在可以填报了，截止${cnDate(deadline)}。${ANNUAL_REPORT_GUIDE.how}${SCAM_WARNING}`,
      fields: { thing1: item, date2: cnDate(deadline), thing3: '免费填报，谨防诈骗' }
    }
  }
  if (rung.kind === 'overdue') {
    return {
      title: '年报已逾期',
      body: `${item}已过截止日期（${cnDate(deadline)}）。${ANNUAL_REPORT_GUIDE.lateSteps.join('')}${SCAM_WARNING}`,
      fields: { thing1: item, date2: cnDate(deadline), thing3: '请尽快补报并申请信用修复' }
    }
  }
  const left = rung.daysLeft === 0 ? '今天是截止日' : `还有${rung.daysLeft}天截止`
  return {
    title: '年报截止提醒',
    body: `${item}${left}（${cnDate(deadline)}）。请登录${OFFICIAL_SITE}免费填报。${SCAM_WARNING}`,
    fields: { thing1: item, date2: cnDate(deadline), thing3: `${left}，免费填报` }
  }
}
