// How an owner acts on a policy: whom to ask, where online, what to bring, and what they can
// start in this app. Labels, types and pure rules only (no zod, no content): client pages import it.
import { regionPrefix, within } from '../region/code'

/**
 * The kinds of office a policy sends an owner to. A policy names them (content `act.ask`); staff
 * keep each office's phone, address and hours per region (collection `officeContacts`), because the
 * source documents give none of these and we never invent one.
 */
export const DEPARTMENTS = {
  market: '市场监管部门',
  hrss: '人力资源和社会保障部门',
  tax: '税务部门',
  veterans: '退役军人事务部门',
  agriculture: '农业农村部门',
  commerce: '商务部门',
  finance: '财政部门',
  development: '发展改革部门',
  justice: '司法行政部门',
  housingFund: '住房公积金管理部门',
  transport: '交通运输部门',
  enforcement: '综合行政执法部门',
  power: '供电公司',
  bank: '银行网点'
} as const
export type Department = keyof typeof DEPARTMENTS

/** Steps the owner can take in this mini-program, as buttons on a policy. */
export const APP_ACTIONS = {
  loan: { label: '去码上贷', url: '/loan/pages/index/index' },
  annualReport: { label: '去年报', url: '/reminder/pages/annual/index' },
  complaint: { label: '去诉求', url: '/complaint/pages/new/index' },
  course: { label: '去开业第一课', url: '/course/pages/index/index' },
  permits: { label: '证照提醒', url: '/reminder/pages/permits/index' }
} as const
export type AppAction = keyof typeof APP_ACTIONS

/**
 * An official place to do it online. `quote` is the document's words naming it; `note` is ours
 * (本平台补充), e.g. the address of a site the document names but does not spell out.
 */
export interface OnlineEntry {
  name: string
  url: string | null
  quote: string | null
  note: string | null
}

/** Something to bring or prepare: from the document (quote) or our own advice (note). */
export interface Material {
  text: string
  quote: string | null
  note: string | null
}

export interface PolicyAct {
  /** which offices to ask, the one to ask first first */
  ask: Department[]
  online: OnlineEntry[]
  materials: Material[]
  /** buttons into this app */
  actions: AppAction[]
  /**
   * 'larger': of use mainly to a business bigger than a stall (hiring, 个转企, power lines,
   * procurement). Only the recommendation order reads it (core/policy/rank.ts).
   */
  scale: 'any' | 'larger'
}

export const NO_ACT: PolicyAct = { ask: [], online: [], materials: [], actions: [], scale: 'any' }

/** An office's contact details as staff keep them for one department in one region. */
export interface Contact {
  department: Department
  /** GB/T 2260 code of the province, city or county it serves */
  region: string
  office: string
  phone: string | null
  address: string | null
  hours: string | null
  online: { name: string; url: string } | null
  note: string | null
  updatedAt: string
}

/** One contact per department and region: its document id. */
export const contactId = (department: Department, region: string) => `${department}:${region}`

/** The codes that contain `region`, the most specific first: 330302 → 330302, 330300, 330000. */
export function enclosingRegions(region: string | null | undefined): string[] {
  if (!region || !/^\d{6}$/.test(region)) return []
  const out = [region, `${region.slice(0, 4)}00`, `${region.slice(0, 2)}0000`]
  return [...new Set(out)]
}

/**
 * The contact for each department the policy names, for a place: among the contacts staff keep
 * for that department, the one for the most specific region that contains the place (a county's
 * own office before its city's, before its province's). null where none is kept.
 */
export function resolveContacts(ask: readonly Department[], region: string | null, contacts: readonly Contact[]): Array<{ department: Department; contact: Contact | null }> {
  return ask.map((department) => {
    const fits = contacts.filter((c) => c.department === department && !!region && within(region, c.region))
    fits.sort((a, b) => regionPrefix(b.region).length - regionPrefix(a.region).length)
    return { department, contact: fits[0] ?? null }
  })
}

/**
 * What an owner reads when no contact is kept for a department there. It names the department
 * and says where to ask; it never makes up a phone number or an address.
 */
export function noContactText(department: Department, place: string | null): string {
  const where = place || '当地'
  const name = DEPARTMENTS[department]
  if (department === 'market') return `本平台还没有收到${where}${name}的电话和地址。可以直接到当地市场监管所（市场监督管理所）的窗口问。`
  if (department === 'bank') return '本平台没有各银行网点的电话和地址。可以到常去的银行网点问，或在本小程序“码上贷”里看合作银行。'
  return `本平台还没有收到${where}${name}的电话和地址。可以到${name}的办事窗口问；不清楚该找谁时，可以先到当地市场监管所问。`
}

/** When the document lists no materials: what we say, as our own advice (not the document's). */
export const NO_MATERIALS = '文件没有列出要带的材料。去之前先打电话问清楚；一般办事要带营业执照和经营者本人身份证（本平台的经验，不是文件要求）。'

/** Where a policy comes from, as an owner reads it: never a file name, never our word for it. */
export interface SourceLike {
  document: string
  title?: string
  issuer?: string
  draft?: boolean
  number?: string | null
  year?: string | null
}

/** "温州市市场监督管理局等10个部门" for a long list of issuers; the issuer itself otherwise. */
export function shortIssuer(issuer: string): string {
  const parts = issuer.split('、').map((s) => s.trim()).filter(Boolean)
  return parts.length > 2 ? `${parts[0]}等${parts.length}个部门` : issuer
}

/** The document's title in 《》 (a staff-written source as staff wrote it). */
export const sourceTitle = (s: SourceLike) => (s.title ? `《${s.title}》` : s.document.replace(/（征求意见稿）$/, ''))

/** The words that mark a draft wherever a source is shown. */
export const DRAFT_LABEL = '征求意见稿（尚未正式施行）'

/**
 * One line for lists and messages: 《title》 · issuer · year, and the draft mark.
 * e.g. "《温州市推进…实施方案》 · 温州市市场监督管理局等10个部门 · 2024年".
 */
export function sourceLine(s: SourceLike): string {
  const parts = [sourceTitle(s)]
  if (s.draft) parts.push(DRAFT_LABEL)
  if (s.issuer) parts.push(shortIssuer(s.issuer))
  if (s.year) parts.push(s.year)
  else if (s.number) parts.push(s.number)
  return parts.join(' · ')
}
