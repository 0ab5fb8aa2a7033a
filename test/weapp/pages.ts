import type { TestCloud } from '../helpers/cloud'

export const OWNER = 'demo-owner-1'
/** 小李水果店 opened in September: the course is recommended to it */
export const NEW_SHOP = 'demo-owner-2'
export const REGULATOR = 'demo-regulator'
export const BANK = 'demo-bank'

/** 个体码上贷: a policy every demo owner can open */
export const POLICY_ID = 'wz-04-code-loan'

/** A short questionnaire for the survey pages, open from the local clock's today for 30 days. */
export const SURVEY_FORM = (extra: Record<string, unknown> = {}) => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const end = new Date(Date.now() + 8 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10)
  return {
    title: '个体户经营状况调查',
    intro: '几分钟就能答完，结果用来改进市场服务。',
    organizer: '鹿城区市场监督管理局（演示）',
    anonymous: true,
    startOn: today,
    endOn: end,
    questions: [
      { kind: 'single', title: '今年生意比去年怎么样？', required: true, options: ['好一些', '差不多', '差一些'] },
      { kind: 'rating', title: '您对市场管理服务打几分？', required: true, options: [] },
      { kind: 'text', title: '还有什么想说的？', required: false, options: [] }
    ],
    conditions: [],
    ...extra
  }
}

/** The China date `days` after the test cloud's clock. */
function addDaysTo(cloud: TestCloud, days: number): string {
  const now = (cloud as unknown as { clock: { now(): Date } }).clock.now()
  return new Date(now.getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)
}

export interface PageCase {
  route: string
  /** who opens it */
  as: string
  query?: () => string
  /** text that person must see there */
  sees: string[]
}

/**
 * Each page of app.json, who opens it, and what they must see. Makes the documents the detail
 * pages need (a 诉求) in the given cloud.
 */
export async function pageCases(cloud: TestCloud): Promise<PageCase[]> {
  const policyId = POLICY_ID
  const complaintId = (
    await cloud.ok(
      'complaint',
      'complaint.submit',
      { category: 'fee', party: '东门农贸市场管理处', what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。', happenedOn: '2026-11-02', place: '东门农贸市场', photos: [], disclose: false },
      OWNER,
      `pages-setup-${Date.now()}`
    )
  ).id
  // a 名特优新 application for the workbench's detail page (one open per category: reused when there)
  const mine = await cloud.ok('recognition', 'recognition.mine', {}, OWNER)
  const recognitionId: string =
    mine.applications.find((a: { category: string; status: string }) => a.category === 'famous' && ['submitted', 'returned', 'publicizing', 'decision'].includes(a.status))?.id ??
    (await cloud.ok('recognition', 'recognition.apply', { category: 'famous', what: '本店1998年开业，手工拉面坚持传统做法二十多年，街坊都知道。' }, OWNER, `pages-recog-${Date.now()}`)).id
  // an open invitation for the join page (the code a QR or a link carries)
  const invite = await cloud.ok('admin', 'admin.invite.create', { role: 'regulator', name: '周科员', region: '330302' }, 'demo-admin', `pages-invite-${Date.now()}`)
  // a survey sent to the demo owner's 消息 (#17)
  const survey = await cloud.ok('survey', 'survey.admin.save', SURVEY_FORM(), REGULATOR, `pages-survey-${Date.now()}`)
  await cloud.ok('survey', 'survey.admin.publish', { id: survey.id }, REGULATOR)
  await cloud.post('/api/local/trigger/scheduler', '')
  // #18 notices: a 违规提示 to the owner, an inspection they were told of (its target written as the
  // sweep would), and a 经营异常 mark on the other demo owner (the first one's policies stay as they are)
  const stamp = Date.now()
  const codeOf = async (openid: string) => ((await cloud.ports.db.collection('owners').get(openid)) as unknown as { profile: { creditCode: string } }).profile.creditCode
  const hint = await cloud.ok('notice', 'notice.hint.send', { creditCode: await codeOf(OWNER), rule: '《明码标价和禁止价格欺诈规定》', what: '摊位商品没有标价签，请补上', dueDate: addDaysTo(cloud, 7), firstMinor: true }, REGULATOR, `pages-hint-${stamp}`)
  const plan = await cloud.ok('notice', 'notice.plan.create', { title: '食品安全双随机抽查', audience: { kind: 'markets', marketIds: ['demo-market-1'] }, checklist: [{ item: '营业执照放在显眼位置', rule: '《个体工商户登记管理办法》' }], windowStart: addDaysTo(cloud, 10), windowEnd: addDaysTo(cloud, 20), hideDay: true }, REGULATOR, `pages-plan-${stamp}`)
  await cloud.ports.db.collection('inspectionTargets').set(`${plan.id}:${OWNER}`, { planId: plan.id, openid: OWNER, createdAt: new Date().toISOString() } as never)
  await cloud.ok('notice', 'notice.abnormal.mark', { creditCode: await codeOf(NEW_SHOP), cause: 'annualReport', causeText: '' }, REGULATOR)
  return [
  { route: 'notice/pages/index/index', as: OWNER, sees: ['双随机抽查迎检', '食品安全双随机抽查', '违规提示（1条）', '摊位商品没有标价签，请补上', '整改提示，不是处罚'] },
  { route: 'notice/pages/hint/index', as: OWNER, query: () => `id=${hint.id}`, sees: ['这是整改提示，不是罚单', '初次违法且危害后果轻微并及时改正的', '我已整改', '提交整改'] },
  { route: 'notice/pages/inspection/index', as: OWNER, query: () => `id=${plan.id}`, sees: ['食品安全双随机抽查', '不提前告知具体哪天', '营业执照放在显眼位置', '《个体工商户登记管理办法》'] },
  { route: 'notice/pages/repair/index', as: NEW_SHOP, sees: ['经营异常', '未按规定报送年度报告', '修复步骤', '国家企业信用信息公示系统'] },
  { route: 'staff/pages/inspections/index', as: REGULATOR, sees: ['新建抽查计划', '食品安全双随机抽查', '待提醒'] },
  { route: 'staff/pages/hints/index', as: REGULATOR, sees: ['发送违规提示', '提示列表'] },
  { route: 'staff/pages/hint/index', as: REGULATOR, query: () => `id=${hint.id}`, sees: ['鹿城区张记面馆', '摊位商品没有标价签，请补上', '待整改'] },
  { route: 'staff/pages/abnormal/index', as: REGULATOR, sees: ['标记经营异常', '鹿城区小李水果店', '监管部门标记'] },
  { route: 'staff/pages/surveys/index', as: REGULATOR, sees: ['新建问卷', '个体户经营状况调查', '进行中'] },
  { route: 'staff/pages/survey/index', as: REGULATOR, query: () => `id=${survey.id}`, sees: ['个体户经营状况调查', '进行中', '结果', '已回答', '结束问卷'] },
  { route: 'survey/pages/answer/index', as: OWNER, query: () => `id=${survey.id}`, sees: ['个体户经营状况调查', '发起单位：鹿城区市场监督管理局（演示）', '匿名问卷', '今年生意比去年怎么样？', '提交'] },
  { route: 'pages/join/index', as: 'weapp-invitee', query: () => `code=${invite.code.replace('-', '')}`, sees: ['系统管理员邀请您加入', '监管人员', '周科员', '接受'] },
  { route: 'staff/pages/people/index', as: 'demo-admin', sees: ['邀请工作人员', '王科员', '监管负责人', '邀请记录', '周科员'] },
  { route: 'staff/pages/audit/index', as: 'demo-admin', sees: ['发出邀请', '周科员（监管人员）', '系统管理员'] },
  { route: 'staff/pages/monitor/index', as: 'demo-regulator', sees: ['监测分析', '已加入', '新加入的个体户（按月）', '诉求', '导出月报', '服务月报告'] },
  { route: 'staff/pages/monitor/list', as: 'demo-regulator', query: () => 'figure=households', sees: ['已加入的个体户', '导出Excel'] },
  { route: 'helper/pages/index/index', as: OWNER, sees: ['我的帮手', '还没有帮手', '邀请帮手', '生成邀请码'] },
  { route: 'pages/index/index', as: OWNER, sees: ['鹿城区张记面馆', '东门农贸市场', '证照提醒'] },
  { route: 'pages/policy/index', as: OWNER, sees: ['为您推荐', '个体码上贷'] },
  { route: 'pages/services/index', as: OWNER, sees: ['问一问', '开业第一课', '我要诉求', '证照提醒'] },
  { route: 'assistant/pages/index/index', as: OWNER, sees: ['问一问', '您的问题', '大家常问', '年报不报会怎样'] },
  { route: 'staff/pages/questions/index', as: REGULATOR, sees: ['待回复', '没找到答案', '全部', '看不到提问人的姓名和微信'] },
  { route: 'pages/me/index', as: OWNER, sees: ['经营档案', '鹿城区张记面馆', '关怀模式'] },
  { route: 'pages/onboard/index', as: 'weapp-new-owner', query: () => 'scene=DMA2K7', sees: ['东门农贸市场', '摊位 A-01', '个人信息保护告知书'] },
  { route: 'loan/pages/index/index', as: OWNER, sees: ['码上贷', '温州示范农商银行'] },
  { route: 'loan/pages/consent/index', as: OWNER, query: () => 'bankId=wz-rcb', sees: ['向温州示范农商银行提供信息的单独同意'] },
  { route: 'loan/pages/assess/index', as: OWNER, sees: ['近12个月收款码流水'] },
  { route: 'policy/pages/detail/index', as: OWNER, query: () => `id=${policyId}`, sees: ['政策出处', '收藏', '去码上贷', '鹿城区示例市场监管所（演示数据）'] },
  { route: 'course/pages/index/index', as: NEW_SHOP, sees: ['开业第一课', '营业执照：亮照、变更、歇业和注销'] },
  { route: 'course/pages/lesson/index', as: NEW_SHOP, query: () => 'id=basics-licence', sees: ['营业执照要放在店里', '学完'] },
  // 小李水果店 has read no lesson: the test is closed and says so, with a way back
  { route: 'course/pages/exam/index', as: NEW_SHOP, sees: ['课没学完', '回到课程目录'] },
  { route: 'course/pages/certificate/index', as: NEW_SHOP, sees: ['还没有结业证书'] },
  { route: 'complaint/pages/index/index', as: OWNER, sees: ['我要反映问题', '违规收费'] },
  { route: 'complaint/pages/new/index', as: OWNER, sees: ['反映什么问题', '+ 加照片', '提交'] },
  { route: 'complaint/pages/detail/index', as: OWNER, query: () => `id=${complaintId}`, sees: ['东门农贸市场管理处'] },
  { route: 'reminder/pages/permits/index', as: OWNER, sees: ['年度年报', '我的证照', '开启微信提醒'] },
  { route: 'reminder/pages/permit/index', as: OWNER, sees: ['证照编号', '到期日期', '保存'] },
  { route: 'reminder/pages/inbox/index', as: OWNER, sees: ['提醒设置'] },
  { route: 'reminder/pages/annual/index', as: OWNER, sees: ['年度年报', '报送时间', '提醒安排', '复制网址', '谨防诈骗'] },
  { route: 'rights/pages/index/index', as: OWNER, sees: ['资料', '鹿城区张记面馆', '同意记录', '导出我的信息', '撤回同意', '注销账号'] },
  { route: 'rights/pages/delete/index', as: OWNER, sees: ['会删除', '会去掉您的身份后保留', '您提交的诉求', '注销账号'] },
  { route: 'staff/pages/home/index', as: REGULATOR, sees: ['王科员', '诉求工作台'] },
  { route: 'staff/pages/markets/index', as: REGULATOR, sees: ['东门农贸市场', '新建市场'] },
  { route: 'staff/pages/qrsheet/index', as: REGULATOR, query: () => 'marketId=demo-market-1', sees: ['东门农贸市场', '摊位 A-01', 'DMA2K7'] },
  { route: 'staff/pages/policies/index', as: REGULATOR, sees: ['新建政策', '个体码上贷'] },
  { route: 'staff/pages/policy/index', as: REGULATOR, query: () => `id=${policyId}`, sees: ['政策内容', '个体码上贷', '找哪个部门问'] },
  { route: 'staff/pages/contacts/index', as: REGULATOR, sees: ['鹿城区示例市场监管所（演示数据）', '上级维护', '添加联系方式'] },
  { route: 'staff/pages/register/index', as: REGULATOR, sees: ['导入登记名录', '选择文件（Excel 或 CSV）', '名称或代码', '鹿城区张记面馆', '文件里没有的户不会从名录中删除'] },
  { route: 'staff/pages/complaints/index', as: REGULATOR, sees: ['东门农贸市场管理处'] },
  { route: 'staff/pages/complaint/index', as: REGULATOR, query: () => `id=${complaintId}`, sees: ['东门农贸市场管理处', '受理'] },
  { route: 'staff/pages/course/index', as: REGULATOR, sees: ['核验结业证书', '东门农贸市场'] },
  { route: 'staff/pages/loans/index', as: BANK, sees: ['还没有申请'] },
  { route: 'staff/pages/stallrequests/index', as: REGULATOR, sees: ['待审核', '已处理'] },
  { route: 'verify/pages/index/index', as: OWNER, sees: ['营业执照', '已核验（登记信息一致）', '鹿城区张记面馆'] },
  { route: 'staff/pages/verify/index', as: REGULATOR, sees: ['已核验', '待核验'] },
  { route: 'staff/pages/claims/index', as: REGULATOR, sees: ['待审核', '已处理'] },
  { route: 'recog/pages/index/index', as: OWNER, sees: ['我的名特优新', '申报记录', '“知名”类', '依据和期限'] },
  { route: 'recog/pages/public/index', as: NEW_SHOP, sees: ['现予公示', '异议'] },
  { route: 'staff/pages/recognitions/index', as: REGULATOR, sees: ['筛选', '“知名”类'] },
  { route: 'staff/pages/recognition/index', as: REGULATOR, query: () => `id=${recognitionId}`, sees: ['鹿城区张记面馆', '申报理由', '退回补充', '推荐（进入公示）'] },
  { route: 'staff/pages/visits/index', as: REGULATOR, sees: ['东门农贸市场', '登记5户', '按市场'] },
  { route: 'staff/pages/visitlist/index', as: REGULATOR, sees: ['走访问需', '扫码走访', '走访名单', '登记在册、从未加入'] },
  { route: 'staff/pages/visit/index', as: REGULATOR, query: () => 'scene=DMA2K7', sees: ['东门农贸市场', '鹿城区张记面馆', '听到的需求', '保存走访记录'] },
  { route: 'staff/pages/followups/index', as: REGULATOR, sees: ['我的', '已超期', '跟进事项来自走访记录'] },
  // the demo owner is in 温州, where no yearly decision runs: the estimate, said so
  { route: 'classification/pages/index/index', as: OWNER, sees: ['估算：按您现在的档案', '没有每年集中判定分型的安排'] },
  { route: 'staff/pages/classification/index', as: REGULATOR, sees: ['待复核', '已处理', '没有待复核的异议'] }
]
}

