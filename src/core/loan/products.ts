import type { Condition } from '../policy/rules'
import type { Source } from '../policy/library'
import type { Evidence, PlatformNote } from '../content/evidence'

/**
 * 码上贷 products, from the source documents (with citations), and the banks that take part.
 * `fit` uses the policy rule language: the same matcher says which products suit an owner.
 * Where a document gives no amount or rate, the product gives none. A product taken from one
 * place's document says which place; every number and condition rests on `evidence` (the
 * document's exact words) or on `platform` (this platform's own setting, e.g. how `fit` reads).
 */
export interface LoanProduct {
  id: string
  name: string
  summary: string
  /** term in months, where the document states it */
  maxTermMonths: number | null
  fit: Condition[]
  /**
   * A credit loan (no collateral, no guarantee) is suggested only from this assessment score up
   * (本平台口径, said in `platform`): the same rule gives the product's fit and the advice.
   */
  minScore: number | null
  /** plain words for what `fit` means, shown to the owner */
  fitNote: string
  source: Source
  evidence: Evidence[]
  platform: PlatformNote | null
}

const GZ_DOC = '甘州区扶持个体工商户发展联席会议办公室《关于做好2024年度扶持个体工商户发展的通知》（征求意见稿）'
const WZ_DOC = '《温州市推进个体工商户全生命周期服务增值化改革实施方案》（温州市市场监督管理局等）'
const SM_DOC = '《关于联合开展“个体工商户服务月”活动的实施方案》（某省市场监管局等，2023年；原文省名隐去）'
const GZ_SEED = '001_6370ae24ded8f93b.txt'
const WZ_SEED = '003_6dcf117c5c42f4b2.txt'
const SM_SEED = '000_c8a7fbd49745a4a1.txt'
const gz = (clause: string, quote: string): Evidence => ({ source: { document: GZ_DOC, number: null, clause, seed: GZ_SEED }, quote })
const wz = (clause: string, quote: string): Evidence => ({ source: { document: WZ_DOC, number: '温市监联〔2024〕13号', clause, seed: WZ_SEED }, quote })
const sm = (clause: string, quote: string): Evidence => ({ source: { document: SM_DOC, number: null, clause, seed: SM_SEED }, quote })

/** Our own threshold for suggesting a credit loan (本平台口径; no document states one). */
export const CREDIT_MIN_SCORE = 30

export const LOAN_PRODUCTS: LoanProduct[] = [
  {
    id: 'startup-guaranteed',
    name: '创业担保贷款',
    summary: '甘州区2024年扶持通知（征求意见稿）写明：符合条件从事个体经营、合伙创业的人员，可申请个人创业担保贷款，期限最长不超过3年，按规定享受财政部分贴息。其他地区的条件、额度和贴息按当地规定，以人社部门和经办银行为准。',
    maxTermMonths: 36,
    fit: [{ fact: 'monthsInBusiness', op: 'lte', value: 36 }],
    minScore: null,
    fitNote: '本平台按“开业3年内”推荐；是否符合以人社部门和经办银行审核为准。',
    source: { document: GZ_DOC, number: null, clause: '二（三）第7条', seed: GZ_SEED },
    evidence: [gz('二（三）第7条', '对符合条件从事个体经营、合伙创业的人员，可申请个人创业担保贷款，期限最长不超过3年，按规定享受财政部分贴息。')],
    platform: { note: '本平台口径：按“开业3年内”（36个月）推荐是本平台的设定，不是文件规定的申请条件（文件里的3年是贷款期限）；其他地区的规定本平台未逐一核实。' }
  },
  {
    id: 'veteran',
    name: '退役军人创业贷款（拥军贷、戎创贷等）',
    summary: '甘州区2024年扶持通知（征求意见稿）写明：对退役军人按规定给予创业担保贷款贴息支持；对还款积极、带动就业能力强、创业项目好的，可累计提供不超过3次贴息支持；金融机构要设立“拥军贷”“戎创贷”“惠军贷”等专属信贷产品，政府性融资担保机构提供融资增信。',
    maxTermMonths: null,
    fit: [{ fact: 'groups', op: 'hasAny', value: ['veteran'] }],
    minScore: null,
    fitNote: '面向退役军人；其他地区有没有这些产品，以当地银行为准。',
    source: { document: GZ_DOC, number: null, clause: '二（三）第8条', seed: GZ_SEED },
    evidence: [
      gz('二（三）第8条', '对退役军人按规定给予创业担保贷款贴息支持'),
      gz('二（三）第8条', '对还款积极、带动就业能力强、创业项目好的退役军人创业者，可累计提供不超过3 次的创业担保贷款贴息支持。'),
      gz('二（三）第8条', '金融机构要为退役军人设立专属“拥军贷”“戎创贷”“惠军贷”“陇原戎惠”等信贷产品。'),
      gz('二（三）第8条', '发挥政府性融资担保机构作用，为退役军人个体工商户提供融资增信支持')
    ],
    platform: null
  },
  {
    id: 'code-credit',
    name: '个体码上贷（温州市的做法）',
    summary: '温州市的改革措施：以电子营业执照作为个体工商户的首要身份代码，通过“企业码”和银行“收款码”归集经营数据，建立“个体码上贷”授信模型，提升信用贷款的可得性和便捷性；温州还鼓励银行创新线上“秒贷型”产品、推广“预授信”。',
    maxTermMonths: null,
    fit: [],
    minScore: CREDIT_MIN_SCORE,
    fitNote: `这是温州市的措施。本程序对所有个体工商户开放评估，评估分达到${CREDIT_MIN_SCORE}分时推荐；能不能贷、贷多少以银行审核为准。`,
    source: { document: WZ_DOC, number: '温市监联〔2024〕13号', clause: '三（一）第4条、三（四）第12条', seed: WZ_SEED },
    evidence: [
      wz('三（一）第4条', '推动电子营业执照作为个体工商户的首要身份代码'),
      wz('三（一）第4条', '通过“企业码”和银行“收款码”平台同步归集个体工商户经营数据,建立“个体码上贷”授信模型,提升个体工商户群体信用贷款可得性、便捷性。'),
      wz('三（四）第12条', '创新线上批发授信“秒贷型”产品,推广“预授信”信用融资模式')
    ],
    platform: { note: `本平台口径：本程序的码上贷对所有地区的个体工商户开放评估，评估结果是本平台的估算；这是信用贷款，评估分达到${CREDIT_MIN_SCORE}分才推荐，是本平台的设定；“个体码上贷”授信模型是温州市的措施，其他地区的银行按自己的产品审核。` }
  },
  {
    id: 'bank-tax',
    name: '银税互动贷款',
    summary: '某省2023年服务月方案写明：税务机关联合银保监、银行等部门，对符合条件的个体工商户实施“银税互动”信贷支持，鼓励有条件的银行上线个体工商户银税产品。',
    maxTermMonths: null,
    fit: [{ fact: 'taxPaid', op: 'is', value: true }],
    minScore: CREDIT_MIN_SCORE,
    fitNote: `本平台按“有纳税记录”且评估分达到${CREDIT_MIN_SCORE}分推荐；是否符合以银行和税务部门为准。`,
    source: { document: SM_DOC, number: null, clause: '附件 九（四）、十（一）', seed: SM_SEED },
    evidence: [
      sm('附件 九（四）', '联合银保监、银行等部门对符合条件的个体工商户实施“银税互动”信贷支持'),
      sm('附件 十（一）', '联合税务部门推动银行机构将符合条件的个体工商户纳入“银税互动”受惠群体范围，鼓励有条件的机构上线个体工商户银税产品。')
    ],
    platform: { note: `本平台口径：按“有纳税记录”且评估分达到${CREDIT_MIN_SCORE}分推荐是本平台的设定；文件只写“符合条件的个体工商户”，具体条件以银行和税务部门为准。` }
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
