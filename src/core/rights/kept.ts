/**
 * What an account deletion keeps, and why, in the owner's words. Only what our sources state is
 * stated; where ../shared/REFERENCE.md says nothing about keeping a record, the text says it is
 * our reading (我们的理解), not a rule we can quote.
 */
export const KEPT = {
  complaints: {
    title: '您提交的诉求',
    what: '诉求的内容、照片和办理经过保留；您的微信身份、手机号、字号名称和摊位号删除，换成一个随机编号。',
    why:
      '诉求是市场监管部门按《市场监督管理投诉举报处理暂行办法》办理的案件，办理部门要能说明每一件是怎么处理的。该办法规定了受理、答复的时限，并要求为举报人保密；它对保存期限怎么规定，我们没有核实——“办理部门须保留记录”是我们的理解。'
  },
  loanApplications: {
    title: '您提交的贷款申请',
    what: '申请的产品、金额、状态和申请时的经营信息快照保留；您的微信身份、手机号、身份证号、字号名称和信用代码删除，换成一个随机编号。',
    why:
      '申请已经在您单独同意后交给了银行（《个人信息保护法》第二十三条：向其他方提供个人信息须取得单独同意）。银行按合同和信贷记录的规定保存它，这是我们的理解；要银行删除它那边的资料，请直接联系该银行。'
  },
  audit: {
    title: '工作人员为您办理的操作记录',
    what: '工作人员什么时间做了什么（例如现场核验、营业执照转移的决定）保留，不再带您的身份和资料内容。',
    why: '这是工作人员履职的记录，用来说明每一次改动是谁在什么时候做的，这是我们的理解。'
  },
  surveyAnswers: {
    title: '您在实名问卷里的回答',
    what: '回答的内容保留在问卷的汇总里；您的微信身份、字号名称和作答时间删除，这份回答变成匿名的。',
    why: '问卷的汇总数字里已经算上了这份回答，删掉内容会让发起单位的统计对不上；去掉身份后它不再指向您。这是我们的做法，不是法规的规定。'
  },
  recognitionObjections: {
    title: '您对名特优新公示提出的异议',
    what: '异议的内容和工作人员的答复保留；您的微信身份和留下的联系方式删除，换成一个随机编号。',
    why: '异议是市场监管部门决定是否认定时逐条答复过的材料（武市监〔2024〕39号：“做好信息公示和异议处理工作”），办理部门要能说明认定是怎么作出的，这是我们的理解。'
  },
  loanConsentLog: {
    title: '向银行提供信息的同意记录',
    what: '您在什么时间、同意了哪一版、向哪家银行提供信息的记录保留，不再带您的身份。',
    why: '这是银行收到的申请“经过您同意”的凭据，随上面的贷款申请一起保留，这是我们的理解。'
  }
} as const
export type KeptKey = keyof typeof KEPT

/** What deleting an account erases, in the owner's words (the page lists it before the first confirmation). */
export const ERASED_SUMMARY = [
  '经营档案、设置和摊位绑定（摊位空出来，市场可以再分配）',
  '证照、年报提醒和订阅次数',
  '消息（包括群发消息的已读记录和发到微信的通知记录）',
  '开业第一课的学习记录、测验记录和结业证书（证书核验码随之失效）',
  '收藏的政策、摊位绑定申请、收款码流水',
  '同意记录（向银行提供信息的同意记录除外，见下）',
  '您上传但没有提交的诉求照片',
  '答过哪些问卷的记录（匿名问卷的回答本来就不带您的身份）'
] as const

/** The second confirmation: typed, so a slip of the finger cannot delete an account. */
export const DELETE_PHRASE = '确认注销'

/** Deleting (个人信息保护法 Art. 47, as ../shared/REFERENCE.md lists it: "deletion on request"). */
export const DELETE_BASIS = '依据《个人信息保护法》第四十七条，您可以要求删除个人信息。'
