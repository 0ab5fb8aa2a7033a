/**
 * The privacy notice (个人信息保护法 Art. 17: who, why, what, how long, rights, contact).
 * Changing the text means a new version: owners accept it again before saving a profile.
 */
export const PRIVACY_VERSION = '2026-11-01'

export const PRIVACY_NOTICE = {
  title: '个人信息保护告知书',
  version: PRIVACY_VERSION,
  sections: [
    {
      heading: '谁在处理您的信息',
      body: '本小程序由当地市场监督管理部门提供，用于为个体工商户推送政策、提供培训、办理诉求和到期提醒。'
    },
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
      body: '在您使用本服务期间保存；您可以随时查看、更正信息，撤回同意，或申请删除档案。'
    }
  ]
} as const
