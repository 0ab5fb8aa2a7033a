// Labels and rules only, no zod: staff pages import this without the validation library.

export const APPLICATION_STATUSES = {
  submitted: '已提交',
  reviewing: '审核中',
  needInfo: '需要补充材料',
  approved: '已批准',
  declined: '未通过',
  disbursed: '已放款'
} as const
export type ApplicationStatus = keyof typeof APPLICATION_STATUSES

/** What a bank officer may move an application to, from each status. */
export const TRANSITIONS: Record<ApplicationStatus, ApplicationStatus[]> = {
  submitted: ['reviewing', 'declined'],
  reviewing: ['needInfo', 'approved', 'declined'],
  needInfo: ['reviewing', 'declined'],
  approved: ['disbursed'],
  declined: [],
  disbursed: []
}
