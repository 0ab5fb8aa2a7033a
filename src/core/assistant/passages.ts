import { describeSources, type Evidence } from '../content/evidence'
import { MODULES } from '../course/content'
import { LOAN_PRODUCTS } from '../loan/products'
import { POLICY_LIBRARY, type PolicySeed } from '../policy/library'
import { ANNUAL_REPORT_GUIDE, SCAM_WARNING } from '../reminder/guidance'
import { PERMIT_TYPES, type PermitType } from '../reminder/permitTypes'
import { ACCEPT_WORKING_DAYS } from '../complaint/labels'
import { CATEGORIES } from '../policy/categories'

/**
 * What 问一问 (#19) can answer from: every passage the product can cite, each one clause of a
 * policy or one point of a 开业第一课 lesson (or a permit's, the annual report's, 诉求's or 码上贷's
 * own guidance), with its words in our plain language, the source's own words, where they come from
 * and the page it belongs to. Built from the same content the other pages show, so an answer can
 * never say more than they do. Server-only: course content holds the exam answers.
 */
export type PassageKind = 'policy' | 'lesson' | 'guide'

export interface Passage {
  /** unique per passage ("<ref>" or "<ref>#<n>") */
  key: string
  /** the stable id of what it belongs to: a policy id, a lesson id, a guide id (ids.ts pins them) */
  ref: string
  kind: PassageKind
  title: string
  /** our plain words (a policy's summary, a lesson point) */
  plain: string
  /** the source's exact words, when it has some; null: our own guidance, said as such in `source` */
  quote: string | null
  /** where it comes from: document and clause, or lesson */
  source: string
  /** extra words that are searched but not shown (who it is for, other quotes) */
  extra: string
  /** the page to open */
  url: string
  /** the button's words */
  button: string
}

const POLICY_PAGE = '/policy/pages/detail/index?id='
const LESSON_PAGE = '/course/pages/lesson/index?id='

/** The clause a policy rests on: its first quote that is not just who is responsible. */
function mainQuote(evidence: ReadonlyArray<{ claim: string; quote: string }>): string | null {
  return (evidence.find((e) => !/负责部门|文号|成文日期|发文单位/.test(e.claim)) ?? evidence[0])?.quote ?? null
}

export function policySource(p: Pick<PolicySeed, 'source'>): string {
  const s = p.source
  return `${s.document}${s.number ? `（${s.number}）` : ''}${s.clause}`
}

function policyPassage(p: PolicySeed): Passage {
  return {
    key: p.id,
    ref: p.id,
    kind: 'policy',
    title: p.title,
    plain: p.summary.what,
    quote: mainQuote(p.evidence),
    source: policySource(p),
    extra: [p.summary.who, p.summary.how, CATEGORIES[p.category], ...p.evidence.map((e) => e.quote)].join('\n'),
    url: `${POLICY_PAGE}${p.id}`,
    button: '看这条政策'
  }
}

function lessonPassages(): Passage[] {
  return MODULES.flatMap((m) =>
    m.lessons.flatMap((l) =>
      l.cited.map((pt, i) => ({
        key: `${l.id}#${i + 1}`,
        ref: l.id,
        kind: 'lesson' as const,
        title: `开业第一课 · ${l.title}`,
        plain: pt.text,
        quote: pt.evidence[0]?.quote ?? null,
        source: pt.evidence.length ? `开业第一课“${l.title}”，依据${describeSources(pt.evidence)}` : `开业第一课“${l.title}”（本平台的建议）`,
        extra: [m.title, l.title, ...pt.evidence.slice(1).map((e) => e.quote)].join('\n'),
        url: `${LESSON_PAGE}${l.id}`,
        button: '学这一课'
      }))
    )
  )
}

/** Sentences joined with one 。 each, whether or not they end in one. */
const sentencesOf = (parts: Array<string | null | undefined>) => parts.filter((x): x is string => !!x).map((x) => `${x.replace(/[。；]+$/, '')}。`).join('')

const sourceOf = (evidence: readonly Evidence[], fallback: string) => (evidence.length ? describeSources(evidence) : fallback)

function permitPassage(key: string, t: PermitType): Passage {
  return {
    key: `guide-permit-${key}`,
    ref: `guide-permit-${key}`,
    kind: 'guide',
    title: `${t.label}：有效期和延续`,
    plain: sentencesOf([t.renewRule, t.howToRenew, t.lapse?.text]),
    quote: t.lapse?.evidence.quote ?? t.evidence[0]?.quote ?? null,
    source: `证照提醒，依据${sourceOf(t.lapse ? [t.lapse.evidence, ...t.evidence] : t.evidence, t.basis)}${t.platform ? '；有效期等默认值是本平台的设定' : ''}`,
    extra: [t.basis, t.platform?.note ?? '', '到期 延续 换证 有效期'].join('\n'),
    url: '/reminder/pages/permits/index',
    button: '去证照提醒'
  }
}

function guides(): Passage[] {
  const annual: Passage = {
    key: 'guide-annual-report',
    ref: 'guide-annual-report',
    kind: 'guide',
    title: '年报：什么时候报、怎么报',
    plain: ANNUAL_REPORT_GUIDE.how,
    quote: null,
    source: `年报提醒，依据${ANNUAL_REPORT_GUIDE.basis}`,
    extra: SCAM_WARNING,
    url: '/reminder/pages/annual/index',
    button: '去年报提醒'
  }
  const late: Passage = {
    key: 'guide-annual-late',
    ref: 'guide-annual-late',
    kind: 'guide',
    title: '年报逾期了怎么办',
    plain: ANNUAL_REPORT_GUIDE.lateSteps.join(''),
    quote: null,
    source: '年报提醒，依据市场主体登记管理条例实施细则和甘州区2024年扶持措施第22条',
    extra: '没报 忘了报 过期 补报 不报会怎样 后果',
    url: '/reminder/pages/annual/index',
    button: '去年报提醒'
  }
  const complaint: Passage = {
    key: 'help-complaint',
    ref: 'help-complaint',
    kind: 'guide',
    title: '我要诉求：遇到问题在哪里反映',
    plain: `遇到违规收费、乱罚款、政策不落实等问题，可以在“我要诉求”里反映。提交后有编号，每一步进度和期限都看得到：市场监管部门${ACCEPT_WORKING_DAYS}个工作日内决定是否受理，办结后请您评价。`,
    quote: null,
    source: '“我要诉求”的说明（本小程序）；受理期限依据《市场监督管理投诉举报处理暂行办法》第十四条',
    extra: '投诉 举报 反映问题 乱收费 乱罚款 执法 政策不落实 编号 进度',
    url: '/complaint/pages/index/index',
    button: '去反映问题'
  }
  const loan: Passage = {
    key: 'help-loan',
    ref: 'help-loan',
    kind: 'guide',
    title: '码上贷：看看适合哪种贷款',
    plain: '码上贷用您的经营数据（收款码流水等）帮您看看哪种贷款适合您、怎样提高评估。能贷多少由银行审批：这些贷款的文件没有写明额度，本程序不估算。您的信息只在您单独同意后才提供给您选择的银行。',
    quote: null,
    source: '“码上贷”的说明（本小程序）',
    extra: '贷款 额度 利息 银行 申请 评估 流水',
    url: '/loan/pages/index/index',
    button: '去码上贷'
  }
  const loans: Passage[] = LOAN_PRODUCTS.map((p) => ({
    key: `loan-${p.id}`,
    ref: `loan-${p.id}`,
    kind: 'guide',
    title: `码上贷 · ${p.name}`,
    plain: p.summary,
    quote: p.evidence[0]?.quote ?? null,
    source: `码上贷，依据${sourceOf(p.evidence, '本平台的说明')}`,
    extra: [p.fitNote, ...p.evidence.slice(1).map((e) => e.quote)].join('\n'),
    url: '/loan/pages/index/index',
    button: '去码上贷'
  }))
  const permits = (Object.entries(PERMIT_TYPES) as Array<[string, PermitType]>).filter(([k]) => k !== 'other').map(([k, t]) => permitPassage(k, t))
  return [annual, late, complaint, loan, ...loans, ...permits]
}

/** Every passage, in a fixed order (the tie-break of equal scores). */
export function allPassages(): Passage[] {
  return [...POLICY_LIBRARY.map(policyPassage), ...lessonPassages(), ...guides()]
}
