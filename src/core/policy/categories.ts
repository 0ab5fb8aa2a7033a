// Labels only, no content and no zod: client pages import this without pulling in the policy
// library's JSON (about 100 KB) or the validation library.
export const CATEGORIES = {
  tax: '税费减免',
  startup: '创业扶持',
  finance: '融资信贷',
  employment: '就业社保',
  training: '培训提升',
  registration: '登记办事',
  upgrade: '转型升级',
  credit: '信用修复',
  market: '经营拓展',
  cost: '降本减负',
  rights: '权益保障'
} as const
export type Category = keyof typeof CATEGORIES
