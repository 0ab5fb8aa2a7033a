import { recognisedCategory } from '../recognition/store'
import { factsOf } from '../../src/core/policy/match'
import { isVerified } from '../user/verify'
import { VERIFY_FIRST } from '../../src/core/verify/rules'
import { APPLICATION_STATUSES, TRANSITIONS, type ApplicationStatus } from '../../src/core/loan/contract'
import { maskId, maskPhone } from '../../src/core/loan/identity'
import { clause } from '../../src/core/loan/decision'
import { annualStanding, type AnnualStandingState } from '../../src/core/loan/annualStanding'
import { adviceFor, AMOUNT_NOTE, productFits, whyNot } from '../../src/core/loan/fit'
import { BANKS, bankIdByName, bankName, LOAN_CONSENT_VERSION, LOAN_PRODUCTS, loanConsentText } from '../../src/core/loan/products'
import { assess } from '../../src/core/loan/scorecard'
import type { Context } from '../common/context'
import { AppError, conflict, invalid, notFound, precondition } from '../common/errors'
import { notify } from '../common/notify'
import { cmd } from '../common/ports'
import { addOnce, recordId } from '../common/once'
import { pageNewestFirst } from '../common/paging'
import { limitRate } from '../common/rateLimit'
import { defineFunction } from '../common/router'
import { obligations, permits } from '../reminder/store'
import { owners } from '../user/owners'
import { loanConsents, setLoanConsent } from './consents'
import { bankSharingBlocker } from '../../src/core/loan/consentGate'

interface TurnoverDoc {
  _id: string
  months: Array<{ month: string; amount: number }>
  updatedAt: string
}
interface ApplicationDoc {
  _id: string
  openid: string
  bankId: string
  productId: string
  amount: number
  termMonths: number
  phone: string
  idNumber: string
  businessName: string
  creditCode: string
  snapshot: {
    industry: string
    region: string
    openedOn: string
    employees: number
    taxPaid: boolean
    abnormal: boolean
    averageTurnover: number
    months: number
    score: number
    /** the standing when the owner applied; applications from before it was kept have only `annualReportFiled` */
    annualReport?: { state: AnnualStandingState; reportYear: number; text: string }
    annualReportFiled?: boolean
    validPermits: number
    productFit?: { fits: boolean; reasons: string[] }
  }
  /** the owner's market when they applied; absent on applications from before it was kept */
  marketId?: string | null
  consentVersion: string
  status: ApplicationStatus
  history: Array<{ status: ApplicationStatus; at: string; note: string | null }>
  decision: { amount: number | null; annualRate: number | null; termMonths: number | null; reason: string | null }
  createdAt: string
  updatedAt: string
}

const consents = loanConsents
const turnovers = (ctx: Context) => ctx.db.collection<TurnoverDoc>('loanTurnover')
const applications = (ctx: Context) => ctx.db.collection<ApplicationDoc>('loanApplications')

const productName = (id: string) => LOAN_PRODUCTS.find((p) => p.id === id)?.name ?? id

function ownerView(a: ApplicationDoc) {
  return {
    id: a._id,
    bankId: a.bankId,
    bankName: bankName(a.bankId) ?? a.bankId,
    productId: a.productId,
    productName: productName(a.productId),
    amount: a.amount,
    termMonths: a.termMonths,
    status: a.status,
    statusLabel: APPLICATION_STATUSES[a.status],
    history: a.history,
    decision: a.decision,
    createdAt: a.createdAt
  }
}
/**
 * The annual-report line for an application stored before the standing was kept: the same rule,
 * judged at the time it was filed; "filed" then meant any report ever recorded as filed.
 */
function legacyAnnualReport(a: ApplicationDoc): string {
  const s = annualStanding(a.snapshot.openedOn, new Date(a.createdAt), [])
  if (s.state === 'notDue' || s.state === 'due') return s.bankText
  return a.snapshot.annualReportFiled ? '年报已报送（申请人记录）' : '没有记录年报已报送'
}

const bankView = (a: ApplicationDoc) => {
  const { annualReport, annualReportFiled: _legacy, productFit, ...snapshot } = a.snapshot
  return {
    ...ownerView(a),
    businessName: a.businessName,
    creditCode: a.creditCode,
    phone: maskPhone(a.phone),
    idNumber: maskId(a.idNumber),
    snapshot: { ...snapshot, annualReport: annualReport?.text ?? legacyAnnualReport(a), productFit: productFit ?? null }
  }
}

/** Everything the scorecard reads: the profile, turnover, annual report, permits. */
async function gather(ctx: Context) {
  const owner = await owners(ctx).get(ctx.openid)
  if (!owner?.profile) throw precondition('请先在“我的”里建立经营档案')
  const [turnover, tracked, valid] = await Promise.all([
    turnovers(ctx).get(ctx.openid),
    // one document per report year the owner was reminded of: a handful per owner
    obligations(ctx.db).find({ openid: ctx.openid }, { limit: 50 }),
    permits(ctx.db).count({ openid: ctx.openid, expiresOn: cmd.gte(ctx.today) })
  ])
  // the 名特优新 category only from a 认定 in force (recognition/), never the owner's tick
  const featured = recognisedCategory(owner, ctx.today)
  // and the year's 分型 decision where there is one (#18)
  const facts = factsOf({ ...owner.profile, featured, decidedType: owner.decided?.type ?? null }, ctx.today)
  const months = turnover?.months ?? []
  const filed = tracked.filter((o) => o.filedAt)
  const annualReport = annualStanding(owner.profile.openedOn, ctx.now, filed.map((o) => o.reportYear), tracked.map((o) => o.reportYear))
  const result = assess({
    turnover: months.map((m) => m.amount),
    monthsInBusiness: facts.monthsInBusiness,
    taxPaid: owner.profile.taxPaid,
    socialInsurance: owner.profile.socialInsurance,
    annualReport,
    validPermits: valid,
    featured: !!featured,
    abnormal: !!owner.profile.abnormal
  })
  const products = productFits(facts, result.score)
  return { owner, profile: owner.profile, facts, months, result, products, annualReport, validPermits: valid }
}

/** One CSV line into cells: separators are , ; or tab, except inside double quotes ("1,000.50"). */
function splitCells(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) {
      cells.push(cell.trim())
      cell = ''
    } else cell += ch
  }
  cells.push(cell.trim())
  return cells
}

/** A bank statement CSV: a date (2026-10-03, 2026/10/03 or 20261003) and an amount on each line. */
export function parseStatement(csv: string) {
  const byMonth = new Map<string, number>()
  let lines = 0
  let skipped = 0
  for (const raw of csv.split(/\r?\n/)) {
    if (!raw.trim()) continue
    lines++
    const cells = splitCells(raw)
    const d = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})/.exec(cells[0] ?? '')
    const amountCell = cells.slice(1).find((c) => /^[+-]?[\d,]+(\.\d+)?$/.test(c))
    const amount = amountCell ? Number(amountCell.replace(/,/g, '')) : NaN
    if (!d || !Number.isFinite(amount)) {
      skipped++
      continue
    }
    // income only: 收款码 turnover; refunds and payments out are not turnover
    if (amount <= 0) continue
    const month = `${d[1]}-${d[2].padStart(2, '0')}`
    byMonth.set(month, (byMonth.get(month) ?? 0) + amount)
  }
  const months = [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-12)
    .map(([month, amount]) => ({ month, amount: Math.round(amount * 100) / 100 }))
  return { months, lines, skipped }
}

const STATUS_MESSAGES: Record<ApplicationStatus, (a: ApplicationDoc) => string> = {
  submitted: (a) => `您向${bankName(a.bankId)}申请的${productName(a.productId)}已提交，银行会尽快审核。`,
  reviewing: (a) => `${bankName(a.bankId)}已开始审核您的贷款申请。`,
  needInfo: (a) => `${bankName(a.bankId)}需要您补充材料：${a.history[a.history.length - 1].note ?? ''}`,
  approved: (a) => `贷款已批准：${a.decision.amount}元，年利率${a.decision.annualRate}%，期限${a.decision.termMonths}个月。请留意银行联系，勿向任何人支付“手续费”。`,
  declined: (a) => `很遗憾，这次申请没有通过：${clause(a.decision.reason ?? '')}。可以在码上贷里查看如何提高评估。`,
  disbursed: (a) => `贷款已放款：${a.decision.amount}元。`
}

export default defineFunction('loan', {
  async 'loan.products'(ctx) {
    const [mine, turnover] = await Promise.all([consents(ctx).find({ openid: ctx.openid }, { limit: 50 }), turnovers(ctx).get(ctx.openid)])
    const text = loanConsentText('所选银行')
    return {
      products: LOAN_PRODUCTS.map((p) => ({
        id: p.id,
        name: p.name,
        summary: p.summary,
        maxTermMonths: p.maxTermMonths,
        fitNote: p.fitNote,
        source: `${p.source.document}${p.source.number ? `（${p.source.number}）` : ''} ${p.source.clause}`
      })),
      banks: BANKS.map((b) => ({ id: b.id, name: b.name, consented: mine.some((c) => c.bankId === b.id && c.granted && c.version === LOAN_CONSENT_VERSION) })),
      consent: { version: LOAN_CONSENT_VERSION, data: text.data, purpose: text.purpose, rights: text.rights },
      turnover: turnover?.months ?? []
    }
  },

  async 'loan.consent.grant'(ctx, { bankId, version }) {
    if (version !== LOAN_CONSENT_VERSION) throw conflict('同意书已经更新，请重新阅读后再确认')
    // a profile first (and whatever else bankSharingBlocker grows to ask), decided in one place
    const blocked = bankSharingBlocker(await owners(ctx).get(ctx.openid))
    if (blocked) throw precondition(blocked)
    return setLoanConsent(ctx, bankId, true, version)
  },

  async 'loan.consent.revoke'(ctx, { bankId }) {
    return setLoanConsent(ctx, bankId, false, LOAN_CONSENT_VERSION)
  },

  async 'loan.turnover.save'(ctx, { months }) {
    const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month))
    if (sorted.some((m) => m.month > ctx.today.slice(0, 7))) throw invalid('不能填写还没到的月份', 'months')
    await turnovers(ctx).set(ctx.openid, { months: sorted, updatedAt: ctx.now.toISOString() })
    return { months: sorted }
  },

  async 'loan.turnover.import'(ctx, { csv }) {
    const parsed = parseStatement(csv)
    const months = parsed.months.filter((m) => m.month <= ctx.today.slice(0, 7))
    if (!months.length) throw invalid('没有从文件里读到收入流水：每行应有日期和金额，如 2026-10-03,1280.00', 'csv')
    await turnovers(ctx).set(ctx.openid, { months, updatedAt: ctx.now.toISOString() })
    return { months, lines: parsed.lines, skipped: parsed.skipped }
  },

  async 'loan.assess'(ctx) {
    const g = await gather(ctx)
    return { ...g.result, advice: adviceFor(g.products), amountNote: AMOUNT_NOTE, products: g.products }
  },

  async 'loan.apply'(ctx, input) {
    const bank = bankName(input.bankId)
    if (!bank) throw notFound('没有这家银行')
    if (!LOAN_PRODUCTS.some((p) => p.id === input.productId)) throw notFound('没有这个贷款产品')
    const consent = await consents(ctx).get(`${ctx.openid}:${input.bankId}`)
    if (!consent?.granted || consent.version !== LOAN_CONSENT_VERSION) {
      throw precondition(`请先阅读并同意向${bank}提供信息，才能提交申请`)
    }
    const g = await gather(ctx)
    // a bank must know the business is the applicant's (#16): 已核验 first, and how to get there
    if (!isVerified(g.owner)) throw precondition(VERIFY_FIRST)
    const fit = g.products.find((p) => p.id === input.productId)!
    // the page warns first and names why; a call that skipped the warning is refused the same way
    if (!fit.fits && !input.confirmUnfit) {
      throw precondition(`按您的评估，${fit.name}暂不适合您：${whyNot(fit).join('；')}。如仍要申请，请确认后再提交`)
    }
    // after the checks that send the form back, before the application is stored
    await limitRate(ctx, 'loan')
    const at = ctx.now.toISOString()
    const doc: Omit<ApplicationDoc, '_id'> = {
      openid: ctx.openid,
      bankId: input.bankId,
      productId: input.productId,
      amount: input.amount,
      termMonths: input.termMonths,
      phone: input.phone,
      idNumber: input.idNumber,
      businessName: g.profile.businessName,
      creditCode: g.profile.creditCode,
      snapshot: {
        industry: g.profile.industry,
        region: g.profile.region,
        openedOn: g.profile.openedOn,
        employees: g.profile.employees,
        taxPaid: g.profile.taxPaid,
        abnormal: !!g.profile.abnormal,
        averageTurnover: g.result.averageTurnover,
        months: g.months.length,
        score: g.result.score,
        annualReport: { state: g.annualReport.state, reportYear: g.annualReport.reportYear, text: g.annualReport.bankText },
        validPermits: g.validPermits,
        productFit: { fits: fit.fits, reasons: fit.reasons }
      },
      // where the business is, for 监测分析's market filter (the region is in the snapshot)
      marketId: g.owner.marketId ?? null,
      consentVersion: consent.version,
      status: 'submitted',
      history: [{ status: 'submitted', at, note: null }],
      decision: { amount: null, annualRate: null, termMonths: null, reason: null },
      createdAt: at,
      updatedAt: at
    }
    const { doc: a } = await addOnce(applications(ctx), recordId(ctx, 'application'), doc)
    const _id = a._id
    await notify(ctx.ports, ctx.now, { openid: ctx.openid, topic: 'loan', key: `loan:${_id}:0`, title: '贷款申请已提交', body: STATUS_MESSAGES.submitted(a), page: 'loan/pages/index/index' })
    return ownerView(a)
  },

  async 'loan.applications'(ctx) {
    const list = await applications(ctx).find({ openid: ctx.openid }, { orderBy: [['createdAt', 'desc']], limit: 100 })
    return { applications: list.map(ownerView) }
  },

  async 'loan.bank.queue'(ctx, { status, cursor, limit }) {
    const bankId = bankIdByName(ctx.staff?.bankName ?? null)
    if (!bankId) throw new AppError('FORBIDDEN', '您的账号没有关联银行，请联系管理员')
    // one bank never sees another's applications; owners who did not apply are not here at all.
    // Every application, a page at a time with how many there are: never only the newest 200.
    const page = await pageNewestFirst(applications(ctx), { bankId, ...(status ? { status } : {}) }, { cursor, limit })
    return { applications: page.items.map(bankView), total: page.total, nextCursor: page.nextCursor }
  },

  async 'loan.bank.update'(ctx, input) {
    const bankId = bankIdByName(ctx.staff?.bankName ?? null)
    const a = await applications(ctx).get(input.id)
    if (!a || !bankId || a.bankId !== bankId) throw notFound('没有找到这份申请')
    if (!TRANSITIONS[a.status].includes(input.status)) {
      throw conflict(`“${APPLICATION_STATUSES[a.status]}”的申请不能改为“${APPLICATION_STATUSES[input.status]}”`)
    }
    const need = (ok: boolean, path: string, message: string) => {
      if (!ok) throw invalid(message, path)
    }
    if (input.status === 'needInfo') need(!!input.note, 'note', '请写明需要补充什么材料')
    if (input.status === 'approved') {
      need(!!input.amount, 'amount', '请填写批准金额')
      need(!!input.annualRate, 'annualRate', '请填写年利率')
      need(!!input.termMonths, 'termMonths', '请填写期限')
    }
    if (input.status === 'declined') need(!!input.reason, 'reason', '请写明未通过的原因')
    const at = ctx.now.toISOString()
    const decision =
      input.status === 'approved'
        ? { amount: input.amount!, annualRate: input.annualRate!, termMonths: input.termMonths!, reason: null }
        : input.status === 'declined'
          ? { ...a.decision, reason: input.reason! }
          : a.decision
    const history = [...a.history, { status: input.status, at, note: input.note ?? input.reason ?? null }]
    // conditional on the status we checked: two officers cannot both move it
    const moved = await applications(ctx).updateWhere({ _id: a._id, status: a.status }, { status: input.status, history, decision, updatedAt: at })
    if (moved !== 1) throw conflict('这份申请刚被更新过，请刷新后再操作')
    const next = { ...a, status: input.status, history, decision, updatedAt: at }
    await notify(ctx.ports, ctx.now, {
      openid: a.openid,
      topic: 'loan',
      key: `loan:${a._id}:${history.length - 1}`,
      title: `贷款申请${APPLICATION_STATUSES[input.status]}`,
      body: STATUS_MESSAGES[input.status](next),
      page: 'loan/pages/index/index'
    })
    return bankView(next)
  }
})
