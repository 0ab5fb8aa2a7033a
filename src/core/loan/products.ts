import type { Condition } from '../policy/rules'
import type { Source } from '../policy/library'

/**
 * 码上贷 products, from the source documents (with citations), and the banks that take part.
 * `fit` uses the policy rule language: the same matcher says which products suit an owner.
 * Where a document gives no amount or rate, the product gives none.
 */
export interface LoanProduct {
  id: string
  name: string
  summary: string
  /** term in months, where the document states it */
  maxTermMonths: number | null
  fit: Condition[]
  /** plain words for what `fit` means, shown to the owner */
  fitNote: string
  source: Source
}

const GZ_DOC = '甘州区扶持个体工商户发展联席会议办公室《关于做好2024年度扶持个体工商户发展的通知》（征求意见稿）'
const WZ_DOC = '《温州市推进个体工商户全生命周期服务增值化改革实施方案》'

export const LOAN_PRODUCTS: LoanProduct[] = [
  {
    id: 'startup-guaranteed',
    name: '创业担保贷款',
    summary: '面向从事个体经营、合伙创业的人员，期限最长不超过3年，按规定享受财政部分贴息（额度、利率以经办机构为准）。',
    maxTermMonths: 36,
    fit: [{ fact: 'monthsInBusiness', op: 'lte', value: 36 }],
    fitNote: '本平台按“开业3年内”推荐；是否符合以人社部门和经办银行审核为准。',
    source: { document: GZ_DOC, number: null, clause: '二（三）第7条', seed: '001_6370ae24ded8f93b.txt' }
  },
  {
    id: 'veteran',
    name: '退役军人创业贷款（拥军贷、戎创贷等）',
    // seed 001 measure 8 tells banks to set these products up ("金融机构要…设立"); it does not say they exist
    summary: '退役军人按规定享受创业担保贷款贴息，还款积极、带动就业能力强、创业项目好的可累计不超过3次；文件要求金融机构设立“拥军贷”“戎创贷”“惠军贷”等专属产品，是否已推出以银行为准；政府性融资担保机构提供增信。',
    maxTermMonths: null,
    fit: [{ fact: 'groups', op: 'hasAny', value: ['veteran'] }],
    fitNote: '面向退役军人。',
    source: { document: GZ_DOC, number: null, clause: '二（三）第8条', seed: '001_6370ae24ded8f93b.txt' }
  },
  {
    id: 'code-credit',
    name: '个体码上贷（信用贷款）',
    // seed 003: measure 4 is a pilot ("试行"), measure 12 encourages banks ("鼓励银行")
    summary: '温州试点：以电子营业执照为身份，通过“企业码”和收款码经营数据授信，提升信用贷款的可得性和便捷性；文件还鼓励银行创新线上“秒贷型”、预授信等产品。',
    maxTermMonths: null,
    fit: [],
    fitNote: '属温州试点，本平台不按条件筛选；能否贷款、额度多少，以银行审核为准。',
    source: { document: WZ_DOC, number: '温市监联〔2024〕13号', clause: '三（一）第4条、三（四）第12条', seed: '003_6dcf117c5c42f4b2.txt' }
  },
  {
    id: 'bank-tax',
    name: '银税互动贷款',
    summary: '按纳税信用向符合条件的个体工商户提供信贷支持。',
    maxTermMonths: null,
    fit: [{ fact: 'taxPaid', op: 'is', value: true }],
    fitNote: '面向依法纳税、纳税信用良好的个体工商户。',
    source: { document: '《关于联合开展“个体工商户服务月”活动的实施方案》（某省，2023年）', number: null, clause: '附件 九（四）、十（一）', seed: '000_c8a7fbd49745a4a1.txt' }
  }
]

/** Banks taking part (configuration; a bank officer's staff record names their bank). */
export const BANKS = [
  { id: 'wz-rcb', name: '温州示范农商银行' },
  { id: 'demo-bank-b', name: '示范城市商业银行' }
] as const
export type BankId = (typeof BANKS)[number]['id']
export const bankName = (id: string) => BANKS.find((b) => b.id === id)?.name ?? null
export const bankIdByName = (name: string | null) => BANKS.find((b) => b.name === name)?.id ?? null

/**
 * The separate consent (个人信息保护法 Art. 23): what is shared, with whom, for what. A new text is
 * a new version; applying needs the owner's current consent for that bank.
 */
export const LOAN_CONSENT_VERSION = '2026-11-01'
export const LOAN_SHARED_DATA = [
  '字号名称、统一社会信用代码、行业、所在地区、开业日期',
  '雇员人数、营业额区间、纳税和社保情况、名特优新类别、是否列入经营异常名录',
  '近12个月收款码月流水（您填写或导入的）',
  '年报是否已报送、有效证照数量',
  '申请时填写的联系电话、身份证号、申请金额和期限'
]
export const loanConsentText = (bank: string) => ({
  title: `向${bank}提供信息的单独同意`,
  purpose: `仅用于${bank}审核您的贷款申请、确定额度和利率，以及告知您审批进度。`,
  data: LOAN_SHARED_DATA,
  rights: '您可以随时在“码上贷”里撤回同意；撤回后不再向该银行提供新的信息，也不能再向它提交申请。已提交的申请，银行按法律规定保存。',
  version: LOAN_CONSENT_VERSION
})
