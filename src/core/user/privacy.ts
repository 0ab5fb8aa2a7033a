/**
 * The privacy notice (个人信息保护法 Art. 17: who, why, what, how long, rights, contact).
 * Changing the text means a new version: owners are shown it again (首页 and 建档) and accept it
 * again before saving a profile. 2026-12-01: names the operator and a contact, offers 不同意 and
 * the rights of 我的 → 个人信息 (view, export, withdraw, delete).
 */
export const PRIVACY_VERSION = '2026-12-01'

/** Who runs this deployment and how to reach them: deployment configuration (README, 部署). */
export interface PrivacyOperator {
  name: string
  contact: string
  /** false: the deployment has not set it yet; the notice says so plainly */
  configured: boolean
  /** the local/demo build: not a real operator */
  demo: boolean
}

/** Shown where a deployment has not named its operator: plain words, never a setting's name. */
export const UNCONFIGURED_OPERATOR: PrivacyOperator = {
  name: '运营单位尚未填写（部署方须在配置中填写后才能正式上线）',
  contact: '联系方式尚未填写',
  configured: false,
  demo: false
}

export interface NoticeSection {
  heading: string
  body: string
}

const SECTIONS: NoticeSection[] = [
  {
    heading: '收集哪些信息、为什么',
    body: '字号名称、统一社会信用代码、行业、所在地区、开业日期、雇员人数、营业额区间、纳税和社保情况，以及您自愿勾选的人员类别（如退役军人）。这些信息只用于判断哪些扶持政策适合您、计算经营类型（分型）和提醒您办事。我们不收集身份证号和手机号；以后需要时会单独告诉您并征得同意。'
  },
  {
    heading: '不会做什么',
    body: '未经您另行单独同意，不会把您的信息提供给银行或其他机构。您可以在“我的”里关闭个性化推荐，关闭后看到的是按时间排列的全部政策。'
  },
  {
    heading: '保存多久、您的权利',
    body: '在您使用本服务期间保存。您可以在“我的 → 个人信息”里查看和导出我们保存的全部信息、逐项撤回同意、注销账号并删除信息；依法须由办理部门或银行保存的诉求和贷款申请，会去掉您的身份后保存，页面上会写明是哪些、为什么。'
  },
  {
    heading: '不同意会怎样',
    body: '不同意也可以浏览政策、阅读开业第一课。只是不能建立经营档案，也就用不了按档案推荐政策、到期提醒、诉求和码上贷。以后想用时，再同意即可。'
  }
]

/** The notice as shown: the operator and contact first, from the deployment's configuration. */
export function privacyNotice(operator: PrivacyOperator) {
  const who = operator.demo ? `${operator.name}（演示，不是真实的运营单位）` : operator.name
  return {
    title: '个人信息保护告知书',
    version: PRIVACY_VERSION,
    sections: [
      {
        heading: '谁在处理您的信息、怎么联系',
        body: `本小程序由${who}运营，用于为个体工商户推送政策、提供培训、办理诉求和到期提醒。对个人信息有疑问或要行使权利，可以联系：${operator.contact}。`
      },
      ...SECTIONS
    ]
  }
}

/** The notice with a placeholder operator, for places that have not yet heard from the server. */
export const PRIVACY_NOTICE = privacyNotice(UNCONFIGURED_OPERATOR)
