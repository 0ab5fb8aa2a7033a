// Labels and configuration only, no zod: client pages import this without the validation library.

/**
 * 名特优新 recognition: every configured value in one place, each with the quote it rests on or a
 * 本平台配置 note where no source we hold states it. Seed 004 is 武市监〔2024〕39号 (武汉); seed 003 is
 * 温州's measures (measures 8 and 9).
 */
export interface Configured<T> {
  value: T
  /** the exact words of the source, where one states it */
  quote: string | null
  /** where it comes from, in the owner's words: the source, or 本平台配置 and why */
  source: string
}

export const RECOGNITION_CONFIG = {
  /** how long a recommended application stays in 公示, in calendar days */
  publicDays: {
    value: 7,
    quote: '于11月底前完成申报、推荐、认定、公示等各项程序',
    source: '本平台配置：武市监〔2024〕39号要求“做好信息公示和异议处理工作”，但没有规定公示几天；7天是本平台的设置，可按当地规定调整'
  } as Configured<number>,
  /** how long a 认定 lasts, in years */
  validYears: {
    value: 3,
    quote: null,
    source: '本平台配置：按3年计。我们手头的文件（武市监〔2024〕39号、温州市若干措施）都没有写明认定有效期，只说“持续做好‘名特优新’个体工商户中期评估”，3年是参考资料中的说法，尚未核实'
  } as Configured<number>,
  /** the owner is reminded this many days before the last day of the 认定 (once) */
  remindDaysBefore: {
    value: 60,
    quote: null,
    source: '本平台配置：到期前60天提醒一次，留出重新申报的时间'
  } as Configured<number>
} as const

/** The steps the sources name, quoted for the owner's page. */
export const RECOGNITION_BASIS = [
  { quote: '鼓励个体工商户自主申报“名、特、优、新”四类', source: '温州市若干措施第9条' },
  { quote: '坚持政府主导、自愿参与、择优分类、公正公开原则', source: '温州市若干措施第8条' },
  { quote: '完成申报、推荐、认定、公示等各项程序', source: '武市监〔2024〕39号' },
  { quote: '做好信息公示和异议处理工作', source: '武市监〔2024〕39号' }
] as const

export const CATEGORIES = { famous: '知名', special: '特色', quality: '优质', emerging: '新兴' } as const
export type Category = keyof typeof CATEGORIES

/** What each category means, in the words of seed 003 measures 8 and 9, for the apply form. */
export const CATEGORY_HINTS: Record<Category, string> = {
  famous: '有一定品牌影响力和知晓度的知名小店（如“老商号”）',
  special: '形成地方特色优势，或传承非物质文化遗产、民间传统技艺（“老工匠”“老艺人”）',
  quality: '产品和服务质量较为突出',
  emerging: '“四新”经济形态（新技术、新产业、新业态、新模式）'
}

export const STATUSES = {
  submitted: '待审核',
  returned: '退回补充',
  publicizing: '公示中',
  decision: '公示期满，待认定',
  declined: '不予推荐',
  recognised: '已认定',
  notRecognised: '不予认定',
  lapsed: '已到期',
  withdrawn: '已撤回'
} as const
export type Status = keyof typeof STATUSES

/** An application that still holds its owner's slot for the category (one open per owner and category). */
export const OPEN_STATUSES: readonly Status[] = ['submitted', 'returned', 'publicizing', 'decision']

export const MAX_PHOTOS = 6
export const MAX_LINKS = 3
