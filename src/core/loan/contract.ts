import { action, OWNER } from '../common/action'
import { id, text, z } from '../zod'
import { pageInput, pageOutput } from '../common/paging'
import { checkIdNumber } from './identity'

export { APPLICATION_STATUSES, TRANSITIONS, type ApplicationStatus } from './status'
import { APPLICATION_STATUSES, type ApplicationStatus } from './status'

const statusEnum = z.enum(Object.keys(APPLICATION_STATUSES) as [ApplicationStatus, ...ApplicationStatus[]])

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 年-月')
export const turnoverSchema = z
  .array(z.strictObject({ month, amount: z.number().min(0).max(100_000_000) }))
  .min(1, '至少填写1个月')
  .max(12, '最多12个月')
  .refine((m) => new Set(m.map((x) => x.month)).size === m.length, { message: '月份有重复' })

const factorSchema = z.strictObject({ name: z.string(), points: z.number(), max: z.number(), detail: z.string(), raise: z.string().nullable() })
const productFitSchema = z.strictObject({ id: z.string(), name: z.string(), fits: z.boolean(), reasons: z.array(z.string()) })
export const assessmentSchema = z.strictObject({
  score: z.number(),
  factors: z.array(factorSchema),
  averageTurnover: z.number(),
  disclaimer: z.string(),
  configVersion: z.string(),
  /** read off `products` (core/loan/fit.ts): the two never disagree */
  advice: z.string(),
  /** no product document states an amount: we say so rather than estimate one */
  amountNote: z.string(),
  products: z.array(productFitSchema)
})

const historySchema = z.strictObject({ status: statusEnum, at: z.string(), note: z.string().nullable() })
const decisionSchema = z.strictObject({
  amount: z.number().nullable(),
  annualRate: z.number().nullable(),
  termMonths: z.number().nullable(),
  reason: z.string().nullable()
})

export const applicationViewSchema = z.strictObject({
  id: z.string(),
  bankId: z.string(),
  bankName: z.string(),
  productId: z.string(),
  productName: z.string(),
  amount: z.number(),
  termMonths: z.number(),
  status: statusEnum,
  statusLabel: z.string(),
  history: z.array(historySchema),
  decision: decisionSchema,
  createdAt: z.string()
})

/** What a bank officer sees: masked phone and ID, the consented snapshot. */
export const bankApplicationSchema = applicationViewSchema.extend({
  businessName: z.string(),
  creditCode: z.string(),
  phone: z.string(),
  idNumber: z.string(),
  snapshot: z.strictObject({
    industry: z.string(),
    region: z.string(),
    openedOn: z.string(),
    employees: z.number(),
    taxPaid: z.boolean(),
    abnormal: z.boolean(),
    averageTurnover: z.number(),
    months: z.number(),
    score: z.number(),
    /** the annual-report standing at the time of applying, in words (core/loan/annualStanding.ts) */
    annualReport: z.string(),
    validPermits: z.number(),
    /** whether the product fitted when the owner applied; null for applications from before this was kept */
    productFit: z.strictObject({ fits: z.boolean(), reasons: z.array(z.string()) }).nullable()
  })
})

const BANK: readonly ['bank'] = ['bank']

export const loanContract = {
  'loan.products': action({
    input: z.strictObject({}),
    output: z.strictObject({
      products: z.array(z.strictObject({ id: z.string(), name: z.string(), summary: z.string(), maxTermMonths: z.number().nullable(), fitNote: z.string(), source: z.string() })),
      banks: z.array(z.strictObject({ id: z.string(), name: z.string(), consented: z.boolean() })),
      consent: z.strictObject({ version: z.string(), data: z.array(z.string()), purpose: z.string(), rights: z.string() }),
      turnover: z.array(z.strictObject({ month: z.string(), amount: z.number() }))
    }),
    roles: OWNER
  }),
  'loan.consent.grant': action({
    input: z.strictObject({ bankId: z.string().max(40), version: z.string().max(20) }),
    output: z.strictObject({ bankId: z.string(), granted: z.boolean(), version: z.string(), at: z.string() }),
    roles: OWNER
  }),
  'loan.consent.revoke': action({
    input: z.strictObject({ bankId: z.string().max(40) }),
    output: z.strictObject({ bankId: z.string(), granted: z.boolean(), version: z.string(), at: z.string() }),
    roles: OWNER
  }),
  'loan.turnover.save': action({
    input: z.strictObject({ months: turnoverSchema }),
    output: z.strictObject({ months: z.array(z.strictObject({ month: z.string(), amount: z.number() })) }),
    roles: OWNER
  }),
  'loan.turnover.import': action({
    // a bank statement exported as CSV (date, amount per line); summed by month
    input: z.strictObject({ csv: z.string().min(1).max(200_000, '文件太大，请导出近12个月') }),
    output: z.strictObject({ months: z.array(z.strictObject({ month: z.string(), amount: z.number() })), lines: z.number().int(), skipped: z.number().int() }),
    roles: OWNER
  }),
  'loan.assess': action({
    input: z.strictObject({}),
    output: assessmentSchema,
    roles: OWNER
  }),
  'loan.apply': action({
    input: z.strictObject({
      bankId: z.string().max(40),
      productId: z.string().max(40),
      amount: z.number().int().min(1000, '至少1000元').max(5_000_000, '最多500万元'),
      termMonths: z.number().int().min(1).max(60),
      phone: z.string().regex(/^1[3-9]\d{9}$/, '请填写11位手机号'),
      idNumber: z.string().max(20).transform((s, ctx) => {
        const r = checkIdNumber(s)
        if (!r.ok) {
          ctx.addIssue({ code: 'custom', message: r.message })
          return z.NEVER
        }
        return r.value
      }),
      /** the owner saw why this product does not fit them and applies anyway */
      confirmUnfit: z.boolean().optional()
    }),
    output: applicationViewSchema,
    roles: OWNER,
    creates: true
  }),
  'loan.applications': action({
    input: z.strictObject({}),
    output: z.strictObject({ applications: z.array(applicationViewSchema) }),
    roles: OWNER
  }),
  /** This bank's applications, newest first, a page at a time (core/common/paging.ts). */
  'loan.bank.queue': action({
    input: z.strictObject({ status: statusEnum.optional(), ...pageInput() }),
    output: z.strictObject({ applications: z.array(bankApplicationSchema), ...pageOutput }),
    roles: BANK
  }),
  'loan.bank.update': action({
    input: z.strictObject({
      id,
      status: statusEnum,
      note: text(200).optional(),
      amount: z.number().int().min(1000).max(5_000_000).optional(),
      annualRate: z.number().min(0.1).max(36).optional(),
      termMonths: z.number().int().min(1).max(60).optional(),
      reason: text(200).optional()
    }),
    output: bankApplicationSchema,
    roles: BANK
  })
}
