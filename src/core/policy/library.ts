import type { Condition } from './rules'

/**
 * The policy library, written from the source documents in ../shared/seeds. Every policy
 * cites its document and clause; where a document gives no number (文号) the policy gives none;
 * where it gives no end date, `effectiveTo` is null. Local documents apply in their own region
 * (a `region` condition); seed 000 names its province only as "X省", so it has no region.
 * Summaries are plain Chinese: what you get, who qualifies, how to apply, where.
 */
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

export interface Source {
  document: string
  number: string | null
  clause: string
  /** which file in ../shared/seeds (staff-written policies have none) */
  seed?: string
}

export interface PolicySeed {
  id: string
  title: string
  summary: { what: string; who: string; how: string; where: string }
  department: string
  category: Category
  effectiveFrom: string
  effectiveTo: string | null
  source: Source
  conditions: Condition[]
}

const GZ_DOC = '甘州区扶持个体工商户发展联席会议办公室《关于做好2024年度扶持个体工商户发展的通知》（征求意见稿）'
const GZ = (clause: string): Source => ({ document: GZ_DOC, number: null, clause, seed: '001_6370ae24ded8f93b.txt' })
const GZ_REGION: Condition = { fact: 'region', op: 'within', value: '620702' } // 甘肃省张掖市甘州区

const WZ_DOC = '《温州市推进个体工商户全生命周期服务增值化改革实施方案》'
const WZ = (clause: string): Source => ({ document: WZ_DOC, number: '温市监联〔2024〕13号', clause, seed: '003_6dcf117c5c42f4b2.txt' })
const WZ_REGION: Condition = { fact: 'region', op: 'within', value: '330300' } // 浙江省温州市

const WH_DOC = '《武汉市个体工商户分型分类精准帮扶提升发展质量工作实施方案》'
const WH = (clause: string): Source => ({ document: WH_DOC, number: '武市监〔2024〕39号', clause, seed: '004_14942ef18837be34.txt' })
const WH_REGION: Condition = { fact: 'region', op: 'within', value: '420100' } // 湖北省武汉市

const SM_DOC = '《关于联合开展“个体工商户服务月”活动的实施方案》（某省市场监管局等，2023年；原文省名隐去）'
const SM = (clause: string): Source => ({ document: SM_DOC, number: null, clause, seed: '000_c8a7fbd49745a4a1.txt' })

const ASK = (dept: string) => `文件未写明具体流程，可向${dept}咨询`

export const POLICY_LIBRARY: PolicySeed[] = [
  // ---- 甘州区 2024 (seed 001) ----
  {
    id: 'gz-02-instant-licence',
    title: '个体工商户营业执照“秒批”登记',
    summary: {
      what: '办营业执照实行“秒批”，可实名认证、无纸化办理，经营场所实行申报登记，降低开办成本。',
      who: '在甘州区办理登记的个体工商户。',
      how: '通过网上登记系统实名认证后无纸化申请。',
      where: '区市场监管局、区税务局'
    },
    department: '区市场监管局、区税务局',
    category: 'registration',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（二）第2条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-03-change-operator',
    title: '变更经营者可直接办理变更登记',
    summary: {
      what: '个体工商户换经营者，可以直接申请变更登记，不用先注销再新办；税务信息自动同步，符合条件的即时办结。',
      who: '要变更经营者的甘州区个体工商户（无欠税、未在税务检查中等）。',
      how: '向登记机关申请变更登记，税务变更由系统自动同步。',
      where: '区市场监管局、区税务局'
    },
    department: '区市场监管局、区税务局',
    category: 'registration',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（二）第3条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-05-startup-subsidy',
    title: '一次性创业补贴',
    summary: {
      what: '给予一次性创业补贴（文件未写明金额）。',
      who: '离校2年内高校毕业生、就业困难人员、退役军人、脱贫劳动力、农民工返乡创业人员，首次创办小微企业或从事个体经营，且自登记之日起正常经营一年以上。',
      how: ASK('区人社局'),
      where: '区人社局、区农业农村局、区退役军人局'
    },
    department: '区人社局、区农业农村局、区退役军人局',
    category: 'startup',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（二）第5条'),
    conditions: [
      GZ_REGION,
      { fact: 'groups', op: 'hasAny', value: ['recentGraduate', 'hardToEmploy', 'veteran', 'povertyAlleviated', 'returnee'] },
      { fact: 'monthsInBusiness', op: 'gte', value: 12 }
    ]
  },
  {
    id: 'gz-07-guaranteed-loan',
    title: '创业担保贷款（最长3年，财政部分贴息）',
    summary: {
      what: '可申请个人创业担保贷款，期限最长不超过3年，按规定享受财政部分贴息（文件未写明额度和利率）。',
      who: '符合条件、从事个体经营或合伙创业的人员。',
      how: ASK('区人社局'),
      where: '区人社局、区市场监管局、区财政局'
    },
    department: '区人社局、区市场监管局、区财政局',
    category: 'finance',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（三）第7条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-07-ip-loan',
    title: '专利、商标等知识产权质押融资',
    summary: {
      what: '鼓励个体工商户申请专利、注册商标，并用专利、注册商标等知识产权融资贷款。',
      who: '拥有或准备申请专利、商标的甘州区个体工商户。',
      how: ASK('区市场监管局'),
      where: '区人社局、区市场监管局、区财政局'
    },
    department: '区人社局、区市场监管局、区财政局',
    category: 'finance',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（三）第7条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-08-veteran-loan',
    title: '退役军人创业担保贷款贴息（累计最多3次）',
    summary: {
      what: '退役军人创业担保贷款按规定贴息；还款积极、带动就业强、项目好的，可累计享受不超过3次贴息；银行设有“拥军贷”“戎创贷”“惠军贷”“陇原戎惠”等专属产品，政府性融资担保机构提供增信。',
      who: '创业的退役军人。',
      how: ASK('区退役军人局'),
      where: '区退役军人局、区人社局、区财政局'
    },
    department: '区退役军人局、区人社局、区财政局',
    category: 'finance',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（三）第8条'),
    conditions: [GZ_REGION, { fact: 'groups', op: 'hasAny', value: ['veteran'] }]
  },
  {
    id: 'gz-09-credit-financing',
    title: '信用融资：在融资信用服务平台实名注册',
    summary: {
      what: '银行可免费共享公共涉企信用信息，按经营和信用状况发放信用贷款，不一定要抵押。',
      who: '甘州区个体工商户。',
      how: '在各级融资信用服务平台实名注册。',
      where: '区发展改革局、区市场监管局、区财政局'
    },
    department: '区发展改革局、区市场监管局、区财政局',
    category: 'finance',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（三）第9条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-10-vat-exemptions',
    title: '农产品、蔬菜鲜活肉蛋、农资、图书等免征增值税',
    summary: {
      what: '销售自产农产品，批发零售蔬菜和部分鲜活肉蛋，销售农药、农膜、农机等农资，批发零售图书等，可按规定免征增值税；符合条件的继续落实期末留抵退税。执行期限按国家统一规定。',
      who: '从事上述经营的个体工商户。',
      how: '按规定向税务机关申报享受。',
      where: '区税务局、区财政局'
    },
    department: '区税务局、区财政局',
    category: 'tax',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（四）第10条'),
    conditions: [GZ_REGION, { fact: 'industry', op: 'in', value: ['agriculture', 'foodRetail', 'wholesale', 'retail'] }]
  },
  {
    id: 'gz-11-six-taxes-two-fees',
    title: '“六税两费”减征',
    summary: {
      what: '按规定税额幅度减征资源税、城市维护建设税、房产税、城镇土地使用税、印花税（不含证券交易印花税）、耕地占用税和教育费附加、地方教育附加。',
      who: '个体工商户。',
      how: '申报纳税时按规定享受。',
      where: '区税务局、区财政局'
    },
    department: '区税务局、区财政局',
    category: 'tax',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（四）第11条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-12-illegal-fees',
    title: '治理违规收费：遇到乱收费可以反映',
    summary: {
      what: '重点治理政府部门及下属单位、行业协会商会、中介机构、交通物流、水电气暖、金融领域对个体工商户的违规收费。',
      who: '遇到违规收费的个体工商户。',
      how: '可通过本小程序“我要诉求”或12315反映。',
      where: '区市场监管局'
    },
    department: '区市场监管局',
    category: 'rights',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（四）第12条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-13-recruitment',
    title: '公共就业服务：帮您招工',
    summary: {
      what: '“春风行动暨就业援助月”“民营企业招聘月”等线上线下招聘、直播带岗，提供岗位发布、人岗对接服务。',
      who: '需要招聘用工的个体工商户。',
      how: '参加人社部门组织的招聘活动，发布岗位信息。',
      where: '区人社局'
    },
    department: '区人社局',
    category: 'employment',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（五）第13条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-14-skills-training',
    title: '职业技能培训补贴',
    summary: {
      what: '帮助个体工商户开展岗前培训、在岗培训和创业培训，符合条件的给予职业技能培训补贴；另有电商创业人才培训。',
      who: '甘州区个体工商户及其从业人员。',
      how: ASK('区人社局'),
      where: '区人社局、区商务局'
    },
    department: '区人社局、区商务局',
    category: 'training',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（五）第14条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-17-online-sales',
    title: '线上线下融合：平台减免网店押金和推广费',
    summary: {
      what: '组织消费促进、产销对接活动；鼓励互联网平台放宽入驻条件，减免网店押金、宣传推广等费用，提供数字化运营培训。',
      who: '想开网店或做直播电商的个体工商户。',
      how: ASK('区商务局'),
      where: '区商务局、区市场监管局'
    },
    department: '区商务局、区市场监管局',
    category: 'market',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（五）第17条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-20-to-enterprise',
    title: '“个转企”：可沿用原字号，专利商标可转移',
    summary: {
      what: '个体工商户转为企业，可沿用原字号和行业特征，专利权、商标权可转到新企业名下，符合条件的按规定享受税收优惠。',
      who: '准备转型为企业的个体工商户。',
      how: '向登记机关申请“个转企”。',
      where: '区市场监管局、区税务局'
    },
    department: '区市场监管局、区税务局',
    category: 'upgrade',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（五）第20条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-22-credit-repair',
    title: '年报补报与信用修复“零跑腿”',
    summary: {
      what: '因没按时年报被列入经营异常的，可以自己网上补报年报，并关联修复信用记录，不用跑腿。',
      who: '因未按时年报被标记为经营异常的个体工商户。',
      how: '登录国家企业信用信息公示系统补报年报，再申请信用修复。年报免费，谨防收费诈骗。',
      where: '区市场监管局'
    },
    department: '区市场监管局',
    category: 'credit',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（五）第22条'),
    conditions: [GZ_REGION, { fact: 'abnormal', op: 'is', value: true }]
  },
  {
    id: 'gz-25-government-procurement',
    title: '政府采购中视同中小企业',
    summary: {
      what: '符合中小企业划分标准的个体工商户，在政府采购活动中视同中小企业，享受相关政策。',
      who: '想参与政府采购的个体工商户。',
      how: '参加政府采购时按《政府采购促进中小企业发展管理办法》声明。',
      where: '区财政局'
    },
    department: '区财政局',
    category: 'market',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（六）第25条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-26-housing-fund',
    title: '个体工商户可灵活缴存住房公积金',
    summary: {
      what: '个体工商户群体可以采取灵活多样的方式参加住房公积金制度。',
      who: '甘州区个体工商户及其雇员。',
      how: ASK('住房公积金管理部门'),
      where: '区住建局'
    },
    department: '区住建局',
    category: 'employment',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（六）第26条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-27-road-freight',
    title: '道路货运个体户：一站式检测、电子证照、高速差异化收费',
    summary: {
      what: '货车“一次上线、一次检测、一次收费、结果互认”；推广道路运输电子证照；从业资格和年审便利办理；实施高速公路通行费差异化收费。',
      who: '从事道路货运的个体工商户。',
      how: ASK('区交通运输局'),
      where: '区交通运输局、区财政局'
    },
    department: '区交通运输局、区财政局',
    category: 'cost',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（六）第27条'),
    conditions: [GZ_REGION, { fact: 'industry', op: 'in', value: ['transport'] }]
  },
  {
    id: 'gz-28-lenient-supervision',
    title: '包容审慎监管：“两轻一免”',
    summary: {
      what: '落实“两轻一免”清单，轻微违法以教育为主，引导主动纠错，过罚相当。',
      who: '甘州区个体工商户。',
      how: '无需申请，执法中适用。',
      where: '区扶持个体工商户发展联席会议各成员单位'
    },
    department: '区扶持个体工商户发展联席会议各成员单位',
    category: 'rights',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（六）第28条'),
    conditions: [GZ_REGION]
  },
  {
    id: 'gz-31-legal-aid',
    title: '公证、法律援助与“法治体检”',
    summary: {
      what: '为个体工商户提供公证、法律援助等法律服务，组织律师开展“法治体检”。',
      who: '甘州区个体工商户。',
      how: ASK('区司法局'),
      where: '区司法局'
    },
    department: '区司法局',
    category: 'rights',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    source: GZ('二（六）第31条'),
    conditions: [GZ_REGION]
  },

  // ---- 温州市 (seed 003) ----
  {
    id: 'wz-03-power-connection',
    title: '用电接入审批压缩：低压接入告知承诺',
    summary: {
      what: '10(20)千伏项目审批压减至7天内；0.4千伏及以下低压、200米以内高压接入工程，实行告知承诺、审批改备案或取消审批；推动水电气网联合报装。',
      who: '需要接电的温州个体工商户和“个转企”企业。',
      how: ASK('供电公司'),
      where: '市综合行政执法局、市自然资源和规划局、国网温州供电公司'
    },
    department: '市综合行政执法局、市自然资源和规划局、国网温州供电公司',
    category: 'registration',
    effectiveFrom: '2024-05-10',
    effectiveTo: null,
    source: WZ('三（一）第3条'),
    conditions: [WZ_REGION]
  },
  {
    id: 'wz-04-code-loan',
    title: '个体码上贷',
    summary: {
      what: '以电子营业执照为身份，通过“企业码”和银行“收款码”归集经营数据，建立授信模型，让信用贷款更好借、更方便。',
      who: '温州个体工商户。',
      how: '在本小程序“码上贷”中了解和申请（需另行同意数据共享）。',
      where: '市市场监管局、市数据局、人民银行温州市分行、国家金融监督管理总局温州监管分局'
    },
    department: '市市场监管局、市数据局、人民银行温州市分行、国家金融监督管理总局温州监管分局',
    category: 'finance',
    effectiveFrom: '2024-05-10',
    effectiveTo: null,
    source: WZ('三（一）第4条'),
    conditions: [WZ_REGION]
  },
  {
    id: 'wz-06-first-lesson',
    title: '入市“第一课”：免费开业培训',
    summary: {
      what: '向新开办个体工商户免费推送经营须知、安全生产规范、法律合规指引、内部管理等通识内容，重点领域提供在线培训考核和选址、布局辅导。',
      who: '新开办的温州个体工商户。',
      how: '在本小程序“开业第一课”学习。',
      where: '市市场监管局'
    },
    department: '市市场监管局',
    category: 'training',
    effectiveFrom: '2024-05-10',
    effectiveTo: null,
    source: WZ('三（二）第5、6条'),
    conditions: [WZ_REGION, { fact: 'monthsInBusiness', op: 'lte', value: 12 }]
  },
  {
    id: 'wz-09-featured-apply',
    title: '“名特优新”自主申报：引流、宣传、金融支持',
    summary: {
      what: '产品服务突出、有地方特色、传承非遗或传统技艺、“四新”经济的个体工商户可自主申报“名、特、优、新”，认定后给予平台引流、褒扬激励、社会宣传、金融支持。',
      who: '温州个体工商户，自愿申报。',
      how: ASK('当地市场监管所'),
      where: '市市场监管局、市人力社保局、市文化广电旅游局、市税务局、人民银行温州市分行'
    },
    department: '市市场监管局、市人力社保局、市文化广电旅游局、市税务局、人民银行温州市分行',
    category: 'upgrade',
    effectiveFrom: '2024-05-10',
    effectiveTo: null,
    source: WZ('三（三）第8、9条'),
    conditions: [WZ_REGION]
  },
  {
    id: 'wz-10-to-enterprise-bookkeeping',
    title: '“个转企”三年免费基础代理记账',
    summary: {
      what: '“个转企”可继续使用原字号，专利、商标、名称权、荣誉可转到企业名下；全市推行三年免费基础代理记账；给予金融优惠，符合条件的研发费用按规定加计扣除。',
      who: '转型为企业的温州个体工商户。',
      how: '办理“个转企”便捷变更登记。',
      where: '市市场监管局、市自然资源和规划局、人民银行温州市分行、市税务局'
    },
    department: '市市场监管局、市自然资源和规划局、人民银行温州市分行、市税务局、国家金融监督管理总局温州监管分局',
    category: 'upgrade',
    effectiveFrom: '2024-05-10',
    effectiveTo: null,
    source: WZ('三（三）第10条'),
    conditions: [WZ_REGION]
  },
  {
    id: 'wz-12-credit-loans',
    title: '以“信”换“贷”：秒贷、预授信、知识产权质押绿色通道',
    summary: {
      what: '银行推出线上“秒贷型”产品和“预授信”信用融资；商标、专利质押融资开绿色通道；“双保”助融解决缺抵押担保难题；探索营业中断损失保险。',
      who: '温州个体工商户。',
      how: ASK('银行网点或“小微主体金融服务站”'),
      where: '人民银行温州市分行、市市场监管局、国家金融监督管理总局温州监管分局、市人力社保局'
    },
    department: '人民银行温州市分行、市市场监管局、国家金融监督管理总局温州监管分局、市人力社保局',
    category: 'finance',
    effectiveFrom: '2024-05-10',
    effectiveTo: null,
    source: WZ('三（四）第12条'),
    conditions: [WZ_REGION]
  },
  {
    id: 'wz-13-low-cost-premises',
    title: '低成本经营场所：零创空间、平价摊位、共富摊位',
    summary: {
      what: '“零创空间”“个体工商户之家”提供低成本场所；农贸市场设自产自销、平价摊位、共富摊位；为居民服务类个体工商户提供租金低廉的场所。',
      who: '温州个体工商户，特别是刚创业和从事居民服务的。',
      how: ASK('所在县（市、区）'),
      where: '各县（市、区）政府、市自然资源和规划局、市市场监管局、市人力社保局、市经信局'
    },
    department: '各县（市、区）政府',
    category: 'cost',
    effectiveFrom: '2024-05-10',
    effectiveTo: null,
    source: WZ('三（四）第13条'),
    conditions: [WZ_REGION]
  },
  {
    id: 'wz-14-legal-service',
    title: '“法治护航”：个体工商户法律服务律师团',
    summary: {
      what: '公共法律服务站和律师团提供法律咨询、风险防范、权益保障、矛盾纠纷调解等服务。',
      who: '温州个体工商户。',
      how: ASK('当地市场监管所或司法所'),
      where: '市市场监管局、市司法局'
    },
    department: '市市场监管局、市司法局',
    category: 'rights',
    effectiveFrom: '2024-05-10',
    effectiveTo: null,
    source: WZ('三（四）第14条'),
    conditions: [WZ_REGION]
  },
  {
    id: 'wz-15-skills-subsidy',
    title: '“技能富业”：职业技能培训补贴',
    summary: {
      what: '针对急需紧缺职业开展订单式、定向式技能培训，符合条件的按规定给予培训补贴；提供计量、标准、认证、检验检测等质量服务。',
      who: '温州个体经营者及从业人员。',
      how: ASK('市人力社保局或个体劳动者协会'),
      where: '市市场监管局、市人力社保局、市个体劳动者协会'
    },
    department: '市市场监管局、市人力社保局、市个体劳动者协会',
    category: 'training',
    effectiveFrom: '2024-05-10',
    effectiveTo: null,
    source: WZ('三（四）第15条'),
    conditions: [WZ_REGION]
  },
  {
    id: 'wz-19-credit-repair',
    title: '信用修复“一件事”：一次申请、两网联办',
    summary: {
      what: '信用修复“一次申请、结果互认、两网联办”，修复更方便。',
      who: '需要修复信用（如被列入经营异常名录）的温州个体工商户。',
      how: '先补正问题（如补报年报），再申请信用修复。',
      where: '市市场监管局、市发展改革委'
    },
    department: '市市场监管局、市发展改革委',
    category: 'credit',
    effectiveFrom: '2024-05-10',
    effectiveTo: null,
    source: WZ('三（五）第19条'),
    conditions: [WZ_REGION, { fact: 'abnormal', op: 'is', value: true }]
  },
  {
    id: 'wz-20-light-penalties',
    title: '轻微违法减罚免罚；规范设置夜市、外摆和临时市场',
    summary: {
      what: '推行轻微违法依法减罚免罚，给予容错纠错空间；经县级以上政府批准，规范设置临时市场、外摆网点、夜市街区。',
      who: '温州个体工商户。',
      how: '无需申请，执法中适用。',
      where: '市综合行政执法局、市市场监管局、市商务局'
    },
    department: '市综合行政执法局、市市场监管局、市商务局',
    category: 'rights',
    effectiveFrom: '2024-05-10',
    effectiveTo: null,
    source: WZ('三（五）第20条'),
    conditions: [WZ_REGION]
  },

  // ---- 武汉市 分型分类 (seed 004) ----
  {
    id: 'wh-survival',
    title: '生存型个体工商户帮扶：准入服务、降成本、包容监管',
    summary: {
      what: '优化市场准入服务、降低经营场所等成本、探索审慎包容监管。',
      who: '被判定为“生存型”的武汉个体工商户（每年7月1日集中判定，三季度复核）。',
      how: '按分型结果由相关部门提供，无需申请。',
      where: '市市场监管局等16部门'
    },
    department: '武汉市市场监督管理局等16部门',
    category: 'cost',
    effectiveFrom: '2024-09-02',
    effectiveTo: null,
    source: WH('二（二）'),
    conditions: [WH_REGION, { fact: 'type', op: 'in', value: ['survival'] }]
  },
  {
    id: 'wh-growth',
    title: '成长型个体工商户帮扶：招工、技能培训、社保、金融',
    summary: {
      what: '畅通招工用工渠道、提供职业技能培训信息、引导按规定参加社会保险、加大金融支持。',
      who: '被判定为“成长型”的武汉个体工商户。',
      how: '按分型结果由相关部门提供，无需申请。',
      where: '市市场监管局等16部门'
    },
    department: '武汉市市场监督管理局等16部门',
    category: 'employment',
    effectiveFrom: '2024-09-02',
    effectiveTo: null,
    source: WH('二（二）'),
    conditions: [WH_REGION, { fact: 'type', op: 'in', value: ['growth'] }]
  },
  {
    id: 'wh-development',
    title: '发展型个体工商户帮扶：合规管理、个转企、知识产权',
    summary: {
      what: '提升合规管理水平、支持引导转型升级为企业、提高知识产权创造运用保护能力。',
      who: '被判定为“发展型”的武汉个体工商户。',
      how: '按分型结果由相关部门提供，无需申请。',
      where: '市市场监管局等16部门'
    },
    department: '武汉市市场监督管理局等16部门',
    category: 'upgrade',
    effectiveFrom: '2024-09-02',
    effectiveTo: null,
    source: WH('二（二）'),
    conditions: [WH_REGION, { fact: 'type', op: 'in', value: ['development'] }]
  },
  {
    id: 'wh-famous',
    title: '“知名”类：宣传推介、品牌创建、知识产权保护',
    summary: {
      what: '加大宣传推介、深化品牌创建服务、加强知识产权保护；支持参与一刻钟便民生活圈建设。',
      who: '认定为“知名”类的武汉个体工商户。',
      how: ASK('市市场监管局'),
      where: '市市场监管局等16部门'
    },
    department: '武汉市市场监督管理局等16部门',
    category: 'upgrade',
    effectiveFrom: '2024-09-02',
    effectiveTo: null,
    source: WH('二（三）'),
    conditions: [WH_REGION, { fact: 'featured', op: 'in', value: ['famous'] }]
  },
  {
    id: 'wh-special',
    title: '“特色”类：研发设计、检验检测、质量追溯、营销推广支持',
    summary: {
      what: '在技术研发、产品设计、检验检测、质量追溯、营销推广等方面加大服务支持。',
      who: '认定为“特色”类的武汉个体工商户。',
      how: ASK('市市场监管局'),
      where: '市市场监管局等16部门'
    },
    department: '武汉市市场监督管理局等16部门',
    category: 'upgrade',
    effectiveFrom: '2024-09-02',
    effectiveTo: null,
    source: WH('二（三）'),
    conditions: [WH_REGION, { fact: 'featured', op: 'in', value: ['special'] }]
  },
  {
    id: 'wh-quality',
    title: '“优质”类：传承人培育、传统技艺挖掘宣传',
    summary: {
      what: '注重传承人培育，加强传统技艺挖掘整理和宣传报道。',
      who: '认定为“优质”类的武汉个体工商户。',
      how: ASK('市市场监管局'),
      where: '市市场监管局等16部门'
    },
    department: '武汉市市场监督管理局等16部门',
    category: 'upgrade',
    effectiveFrom: '2024-09-02',
    effectiveTo: null,
    source: WH('二（三）'),
    conditions: [WH_REGION, { fact: 'featured', op: 'in', value: ['quality'] }]
  },
  {
    id: 'wh-emerging',
    title: '“新兴”类：网上经营技能培训、平台合规指导',
    summary: {
      what: '引导参加网上经营技能培训，引导互联网平台企业提供合规指导等服务。',
      who: '认定为“新兴”类的武汉个体工商户。',
      how: ASK('市市场监管局'),
      where: '市市场监管局等16部门'
    },
    department: '武汉市市场监督管理局等16部门',
    category: 'training',
    effectiveFrom: '2024-09-02',
    effectiveTo: null,
    source: WH('二（三）'),
    conditions: [WH_REGION, { fact: 'featured', op: 'in', value: ['emerging'] }]
  },

  // ---- 某省 服务月 (seed 000) ----
  {
    id: 'sm-3-2-social-insurance-deferral',
    title: '社会保险费缓缴（有雇工的个体工商户参照企业）',
    summary: {
      what: '特困行业阶段性缓缴社会保险费及扩围延期政策；以单位形式参保、有雇工的个体工商户参照企业执行。属阶段性政策，以当地最新规定为准。',
      who: '以单位形式参保、有雇工的个体工商户。',
      how: ASK('当地社保经办机构'),
      where: '人力资源和社会保障部门'
    },
    department: '人力资源和社会保障部门',
    category: 'employment',
    effectiveFrom: '2023-09-01',
    effectiveTo: null,
    source: SM('附件 三（二）'),
    conditions: [{ fact: 'employees', op: 'gte', value: 1 }, { fact: 'socialInsurance', op: 'is', value: true }]
  },
  {
    id: 'sm-3-3-flexible-insurance',
    title: '灵活就业人员可在就业地参加养老保险',
    summary: {
      what: '放开灵活就业人员在就业地参加基本养老保险的户籍限制，可自主选择在就业地或户籍地参保。',
      who: '个体经营者等灵活就业人员。',
      how: '到就业地或户籍地社保经办机构办理参保登记。',
      where: '人力资源和社会保障部门'
    },
    department: '人力资源和社会保障部门',
    category: 'employment',
    effectiveFrom: '2023-09-01',
    effectiveTo: null,
    source: SM('附件 三（三）'),
    conditions: []
  },
  {
    id: 'sm-3-4-job-retention-refund',
    title: '失业保险稳岗返还',
    summary: {
      what: '依法参保、有雇工的个体工商户按规定落实失业保险稳岗返还；职工可享技能提升补贴等。',
      who: '依法参加失业保险、有雇工的个体工商户。',
      how: ASK('当地人社部门'),
      where: '人力资源和社会保障部门'
    },
    department: '人力资源和社会保障部门',
    category: 'employment',
    effectiveFrom: '2023-09-01',
    effectiveTo: null,
    source: SM('附件 三（四）'),
    conditions: [{ fact: 'employees', op: 'gte', value: 1 }, { fact: 'socialInsurance', op: 'is', value: true }]
  },
  {
    id: 'sm-8-3-payment-fees',
    title: '减免支付手续费：账户、转账、刷卡',
    summary: {
      what: '鼓励银行和支付机构为个体工商户减免银行账户服务、转账汇款、票据业务、银行卡刷卡等支付手续费，“应降尽降”。',
      who: '个体工商户。',
      how: '向开户银行或支付机构咨询适用的减免。',
      where: '人民银行分支机构、银行、支付机构'
    },
    department: '人民银行分支机构',
    category: 'cost',
    effectiveFrom: '2023-09-01',
    effectiveTo: null,
    source: SM('附件 八（三）'),
    conditions: []
  },
  {
    id: 'sm-9-4-bank-tax',
    title: '“银税互动”：按纳税信用获得贷款',
    summary: {
      what: '对符合条件的个体工商户实施“银税互动”信贷支持；A级纳税人享受办税绿色通道、发票按需领用等守信激励。',
      who: '依法纳税、纳税信用良好的个体工商户。',
      how: '在电子税务局或办税服务厅查询纳税信用，向合作银行申请银税产品。',
      where: '税务局、银行'
    },
    department: '省税务局、银保监部门',
    category: 'finance',
    effectiveFrom: '2023-09-01',
    effectiveTo: null,
    source: SM('附件 九（四）、十（一）'),
    conditions: [{ fact: 'taxPaid', op: 'is', value: true }]
  },
  {
    id: 'sm-7-veteran-support',
    title: '退役军人就业创业：政策汇编、贷款贴息指导',
    summary: {
      what: '为退役军人创办的个体工商户建档立卡、送政策册子，为创业扶持贷款、申请贴息等提供指导。',
      who: '退役军人创办的个体工商户。',
      how: ASK('当地退役军人事务部门'),
      where: '退役军人事务部门'
    },
    department: '退役军人事务部门',
    category: 'startup',
    effectiveFrom: '2023-09-01',
    effectiveTo: null,
    source: SM('附件 七（一）至（三）'),
    conditions: [{ fact: 'groups', op: 'hasAny', value: ['veteran'] }]
  },
  {
    id: 'sm-4-rural-entrepreneurship',
    title: '返乡入乡创业：农村创业创新扶持与大赛',
    summary: {
      what: '宣传促进农村创业创新的政策，鼓励领办合作社、家庭农场，组织农村创业创新大赛并提供金融对接。',
      who: '返乡入乡创业人员。',
      how: ASK('当地农业农村部门'),
      where: '农业农村部门'
    },
    department: '农业农村部门',
    category: 'startup',
    effectiveFrom: '2023-09-01',
    effectiveTo: null,
    source: SM('附件 四'),
    conditions: [{ fact: 'groups', op: 'hasAny', value: ['returnee'] }]
  }
]
