// Labels only, no zod: client pages import this without pulling in the validation library.

/** Topics an owner can switch off; each notification belongs to one. */
export const TOPICS = {
  permit: '证照到期提醒',
  annualReport: '年报提醒',
  policy: '政策推送',
  course: '开业第一课',
  loan: '贷款进度',
  complaint: '诉求进度',
  survey: '问卷调查',
  assistant: '问一问的人工回复',
  account: '账户通知'
} as const
export type Topic = keyof typeof TOPICS
