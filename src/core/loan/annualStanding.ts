import { chinaDate } from '../common/time'
import { annualReportDeadline } from '../reminder/ladder'

/**
 * Where an owner stands with the annual report (年报), for the 码上贷 scorecard and the bank's view.
 *
 * The report of year Y is filed between 1 January and 30 June of Y+1 (市场主体登记管理条例实施细则
 * Art. 63; src/core/reminder/ladder.ts), and a business registered in Y files its first report for Y.
 * So an owner is only behind when a report's last day has passed without it being recorded as filed:
 * - notDue: no report window has opened yet (registered this year, or later): nothing to file, no mark down;
 * - due: the window for last year's report is open and it is not recorded yet: not late, no mark down;
 * - filed: the latest report whose window has opened is recorded as filed;
 * - unrecorded: its last day has passed while the owner was reminded of it here, and it was never
 *   marked filed. We say "没有记录" rather than "未报送": the owner may have filed without telling us.
 * - untracked: its last day passed before the owner joined, so the app never asked about that year
 *   and the owner has no way to mark it here: we know nothing, so nothing is taken off, and the bank
 *   is told to check the public register.
 */
export type AnnualStandingState = 'notDue' | 'due' | 'filed' | 'unrecorded' | 'untracked'

export interface AnnualStanding {
  state: AnnualStandingState
  /** the report year this is about */
  reportYear: number
  /** its filing window, China dates */
  opensOn: string
  deadline: string
  /** true only for 'unrecorded': the one state that costs points */
  markedDown: boolean
  /** what the owner reads */
  ownerText: string
  /** what the bank officer reads (short) */
  bankText: string
}

const words = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

/**
 * @param openedOn the business's registration date (China date, YYYY-MM-DD)
 * @param now the instant to judge at; its China date decides (1 Jan and 30 Jun are China days)
 * @param filedYears report years the owner has recorded as filed
 * @param trackedYears report years this program reminded the owner of (filed or not); omitted, every
 *   year counts as tracked
 */
export function annualStanding(openedOn: string, now: Date, filedYears: readonly number[], trackedYears?: readonly number[]): AnnualStanding {
  const today = chinaDate(now)
  const year = Number(today.slice(0, 4))
  const firstYear = Number(openedOn.slice(0, 4))
  // the latest report whose window has opened: last year's (its window opened on 1 January)
  const latest = year - 1
  if (latest < firstYear) {
    const reportYear = Math.max(firstYear, year)
    const opensOn = `${reportYear + 1}-01-01`
    const deadline = annualReportDeadline(reportYear)
    return {
      state: 'notDue',
      reportYear,
      opensOn,
      deadline,
      markedDown: false,
      ownerText: `首份年报（${reportYear}年度）在${words(opensOn)}至${words(deadline)}报送，现在还不用报，不扣分`,
      bankText: `首份年报（${reportYear}年度）${words(opensOn)}起报送，未到报送时间`
    }
  }
  const opensOn = `${latest + 1}-01-01`
  const deadline = annualReportDeadline(latest)
  const base = { reportYear: latest, opensOn, deadline }
  if (filedYears.includes(latest)) {
    return { ...base, state: 'filed', markedDown: false, ownerText: `${latest}年度年报已报送`, bankText: `${latest}年度年报已报送（申请人记录）` }
  }
  if (today <= deadline) {
    return {
      ...base,
      state: 'due',
      markedDown: false,
      ownerText: `${latest}年度年报请在${words(deadline)}前报送（免费），还没到截止日，不扣分`,
      bankText: `${latest}年度年报报送期内（${words(deadline)}截止），尚未记录报送`
    }
  }
  if (trackedYears && !trackedYears.includes(latest)) {
    return {
      ...base,
      state: 'untracked',
      markedDown: false,
      ownerText: `${latest}年度年报在您使用本程序之前已截止，这里没有记录，这一项不扣分`,
      bankText: `${latest}年度年报：本程序无记录（申请人加入前已截止），请在国家企业信用信息公示系统核实`
    }
  }
  return {
    ...base,
    state: 'unrecorded',
    markedDown: true,
    ownerText: `没有记录${latest}年度年报已报送（${words(deadline)}截止）`,
    bankText: `没有记录${latest}年度年报已报送（${words(deadline)}截止）`
  }
}
