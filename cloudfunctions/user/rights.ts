import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, type ComplaintCategory, type ComplaintStatus } from '../../src/core/complaint/labels'
import { chinaFormat, showDate, showDateTime } from '../../src/core/common/time'
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../src/core/loan/contract'
import { BANKS, LOAN_CONSENT_VERSION, LOAN_PRODUCTS, bankName } from '../../src/core/loan/products'
import { regionName } from '../../src/core/region/names'
import type { HeldGroup, Withdrawable } from '../../src/core/rights/contract'
import { KEPT } from '../../src/core/rights/kept'
import { CONSENT_KINDS } from '../../src/core/user/contract'
import { BUSINESS_TYPES, INDUSTRIES, OWNER_GROUPS, REVENUE_BANDS } from '../../src/core/user/options'
import { PRIVACY_VERSION, UNCONFIGURED_OPERATOR, type PrivacyOperator } from '../../src/core/user/privacy'
import type { Context } from '../common/context'
import { notFound, precondition } from '../common/errors'
import { cmd, type Doc } from '../common/ports'
import { loanConsents, setLoanConsent } from '../loan/consents'
import { ERASURE, ERASURE_ORDER, type ErasingState } from './erasure'
import { consentLog, owners, type OwnerDoc } from './owners'

type Row = Doc & Record<string, unknown>

/** The deployment's operator as the notice names it (configuration; the demo's is marked). */
export function operatorOf(ctx: Pick<Context, 'ports'>): PrivacyOperator {
  const o = ctx.ports.config.privacyOperator
  return o ? { name: o.name, contact: o.contact, configured: true, demo: !!o.demo } : UNCONFIGURED_OPERATOR
}

/** How many of a list the page shows; the export holds them all (up to EXPORT_MAX). */
const SHOWN = 20
/** The most messages one export carries: the function's reply must stay within WeChat's size limit. */
export const EXPORT_MAX = 2000

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const yes = (b: unknown) => (b ? '是' : '否')

/** Every record held about the owner, per collection of the erasure table (everything it would erase or anonymise). */
async function recordsOf(ctx: Context, limit: number): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {}
  await Promise.all(
    ERASURE_ORDER.map(async (name) => {
      const rule = ERASURE[name]
      if (rule.kind === 'notPersonal' || name === 'outbox') return
      const coll = ctx.db.collection<Row>(name)
      const rows: Row[] = []
      for (const f of rule.find) {
        const where = f.by === 'id' ? { _id: ctx.openid } : f.by === 'field' ? { [f.field]: ctx.openid } : { _id: cmd.prefix(`${ctx.openid}:`) }
        rows.push(...(await coll.find(where, { limit: Math.min(limit, 1000) })))
      }
      out[name] = rows
    })
  )
  return out
}

const byNewest = (a: Row, b: Row) => str(b.createdAt ?? b.at).localeCompare(str(a.createdAt ?? a.at))

function group(key: string, title: string, items: HeldGroup['items'], empty: string, total = items.length): HeldGroup {
  const shown = items.slice(0, SHOWN)
  return { key, title, total, items: shown, empty, note: total > shown.length ? `共${total}条，这里显示最近${shown.length}条；导出的文件里有全部。` : null }
}

/** The groups of 个人信息, in plain Chinese. */
function groupsOf(owner: OwnerDoc | null, r: Record<string, Row[]>, inboxTotal: number): HeldGroup[] {
  const p = owner?.profile
  const profile: HeldGroup['items'] = p
    ? [
        {
          title: p.businessName,
          lines: [
            `统一社会信用代码：${p.creditCode}`,
            `行业：${INDUSTRIES[p.industry]}`,
            `所在地区：${regionName(p.region)}`,
            `开业日期：${p.openedOn}`,
            `雇员人数：${p.employees}人`,
            `年营业额：${REVENUE_BANDS[p.revenueBand]}`,
            `已依法纳税：${yes(p.taxPaid)}；已参加社保：${yes(p.socialInsurance)}`,
            ...(p.groups.length ? [`人员类别：${p.groups.map((g) => OWNER_GROUPS[g]).join('、')}`] : []),
            ...(p.graduationYear ? [`毕业年份：${p.graduationYear}`] : []),
            ...(owner?.classType ? [owner.decided ? `经营类型（${owner.decided.year}年判定）：${BUSINESS_TYPES[owner.decided.type]}` : `经营类型（我们的估算）：${BUSINESS_TYPES[owner.classType]}`] : []),
            `最后修改：${showDateTime(p.updatedAt)}`
          ]
        }
      ]
    : []
  if (owner) {
    profile.push({
      title: '设置',
      lines: [`关怀模式：${owner.settings.careMode ? '开' : '关'}`, `个性化推荐：${owner.settings.personalized ? '开' : '关'}`, `账号建立：${showDateTime(owner.createdAt)}`]
    })
  }
  if (owner?.stallId) profile.push({ title: '摊位绑定', lines: [owner.stallShared ? '作为另一户绑定在一个摊位上' : '绑定了一个摊位'] })

  const consentItems = [...(r.consents ?? []), ...(r.loanConsentLog ?? []).map((c): Row => ({ ...c, bank: true }))]
    .sort(byNewest)
    .map((c) => ({
      title: c.bank ? `向${bankName(str(c.bankId)) ?? '银行'}提供信息` : CONSENT_KINDS[c.kind as keyof typeof CONSENT_KINDS] ?? '同意',
      lines: [`${c.granted ? '同意' : '不同意或撤回'} · ${str(c.version)}版 · ${showDateTime(str(c.at))}`]
    }))

  const permits = (r.permits ?? []).map((x) => ({ title: str(x.name), lines: [`编号：${str(x.number)}`, `发证机关：${str(x.authority)}`, `有效期：${str(x.issuedOn)} 至 ${str(x.expiresOn)}`] }))
  for (const o of r.obligations ?? []) permits.push({ title: `${o.reportYear}年度年报`, lines: [o.filedAt ? `已报送（${showDate(str(o.filedAt))}记录）` : '没有记录已报送'] })

  const complaints = (r.complaints ?? []).sort(byNewest).map((c) => ({
    title: `${COMPLAINT_CATEGORIES[c.category as ComplaintCategory] ?? '诉求'} · ${COMPLAINT_STATUSES[c.status as ComplaintStatus] ?? ''}`,
    lines: [`编号：${c._id}`, `提交：${showDateTime(str(c.createdAt))}`, `反映对象：${str(c.party)}`, ...(c.phone ? [`联系电话：${str(c.phone)}`] : [])]
  }))

  const loans = (r.loanApplications ?? []).sort(byNewest).map((a) => ({
    title: `${bankName(str(a.bankId)) ?? ''} · ${LOAN_PRODUCTS.find((x) => x.id === a.productId)?.name ?? ''}`,
    lines: [`${APPLICATION_STATUSES[a.status as ApplicationStatus] ?? ''} · 申请${a.amount}元，${a.termMonths}个月`, `提交：${showDateTime(str(a.createdAt))}`, `提供给银行的手机号、身份证号：已保存（银行看到的是遮掩后的号码）`]
  }))
  const turnover = r.loanTurnover?.[0]
  if (turnover) loans.push({ title: '收款码流水', lines: [`${(turnover.months as unknown[]).length}个月的收入合计，${showDateTime(str(turnover.updatedAt))}保存`] })

  const course: HeldGroup['items'] = []
  const prog = r.courseProgress?.[0]
  if (prog) course.push({ title: '开业第一课', lines: [`已学${Object.keys((prog.lessons as object) ?? {}).length}课`, prog.passed ? '测验已通过' : '测验未通过或未参加'] })
  if (r.courseAttempts?.length) course.push({ title: '测验', lines: [`参加过${r.courseAttempts.length}次`] })
  const cert = r.courseCertificates?.[0]
  if (cert) course.push({ title: '结业证书', lines: [`编号：${str(cert.serial)}`, `颁发：${showDateTime(str(cert.issuedAt))}`] })

  const messages = (r.inbox ?? []).sort(byNewest).map((m) => ({ title: str(m.title), lines: [`${showDateTime(str(m.createdAt))} · ${m.read ? '已读' : '未读'}`] }))
  const broadcasts = owner?.broadcasts?.length ?? 0

  const verification = (owner as (OwnerDoc & { verification?: { state?: string; via?: string | null; at?: string | null } }) | null)?.verification
  const VIA: Record<string, string> = { register: '与登记信息一致', license: '电子营业执照', inPerson: '到市场监管所现场核验' }
  const verified: HeldGroup['items'] = verification
    ? [{ title: verification.state === 'verified' ? '已核验' : '待核验', lines: [...(verification.via ? [`方式：${VIA[verification.via] ?? verification.via}`] : []), ...(verification.at ? [`时间：${showDateTime(verification.at)}`] : [])] }]
    : []

  const other: HeldGroup['items'] = []
  const marks = r.policyMarks ?? []
  if (marks.length) other.push({ title: '政策', lines: [`收藏${marks.filter((m) => m.favorite).length}条，看过${marks.length}条`] })
  if (r.stallRequests?.length) other.push({ title: '摊位绑定申请', lines: [`${r.stallRequests.length}条`] })
  const quota = (r.quotas ?? []).reduce((n, q) => n + (Number(q.count) || 0), 0)
  if (r.quotas?.length) other.push({ title: '微信提醒', lines: [`还可以发${quota}条（您每次点“允许”加一条）`] })
  // #18 notices
  if (r.complianceHints?.length) other.push({ title: '违规提示', lines: [`${r.complianceHints.length}条（含您上传的整改照片）`] })
  if (r.inspectionTargets?.length) other.push({ title: '双随机抽查迎检提醒', lines: [`${r.inspectionTargets.length}条`] })
  if (r.creditRepairs?.length) other.push({ title: '信用修复', lines: [`您勾选的修复步骤；经营异常记录来自登记名录`] })
  const uploads = (r.complaintUploads ?? []).filter((u) => !u.complaintId).length
  if (uploads) other.push({ title: '上传了但没有提交的诉求照片', lines: [`${uploads}张，两天后自动删除`] })

  return [
    group('profile', '资料', profile, '还没有建档'),
    group('consents', '同意记录', consentItems, '还没有同意记录'),
    group('permits', '证照', permits, '还没有添加证照'),
    group('complaints', '诉求', complaints, '没有提交过诉求'),
    group('loans', '贷款申请', loans, '没有申请过贷款'),
    group('course', '学习记录', course, '还没有学习记录'),
    group('messages', '消息', messages, broadcasts ? '' : '没有消息', Math.max(inboxTotal, messages.length)),
    ...(broadcasts ? [group('broadcasts', '群发消息', [{ title: '收到的群发消息', lines: [`${broadcasts}条（年报提醒、政策推送等，内容对所有收到的人相同）`] }], '')] : []),
    ...(verification ? [group('verification', '核验状态', verified, '')] : []),
    group('other', '其他', other, '没有其他记录')
  ]
}

/** The consents the owner can withdraw, each with what withdrawing does. */
async function withdrawables(ctx: Context, owner: OwnerDoc | null): Promise<Withdrawable[]> {
  const [banks, applications] = await Promise.all([
    loanConsents(ctx).find({ openid: ctx.openid }, { limit: 50 }),
    ctx.db.collection<Row>('loanApplications').find({ openid: ctx.openid }, { limit: 100, fields: ['bankId'] })
  ])
  const privacy = owner?.consents.privacy
  const personal = owner?.consents.personalized
  const out: Withdrawable[] = [
    {
      id: 'privacy',
      title: '个人信息保护告知书',
      granted: !!privacy?.granted && privacy.version === PRIVACY_VERSION,
      version: privacy?.version ?? null,
      at: privacy?.at ?? null,
      effect:
        '撤回后不能再修改经营档案，政策改为按发布时间排列、不再按档案推荐。已经保存的信息还在，您仍能查看和导出；要删除它们，请用下面的“注销账号”。以后想再用，重新同意即可。'
    },
    {
      id: 'personalized',
      title: '个性化推荐',
      granted: owner?.settings.personalized ?? true,
      version: personal?.version ?? null,
      at: personal?.at ?? null,
      effect: '撤回后政策按发布时间排列，不再用您的档案挑选和排序；政策推送仍按您在“消息”里的设置发送。随时可以在“我的 → 设置”里重新打开。'
    }
  ]
  for (const b of BANKS) {
    const c = banks.find((x) => x.bankId === b.id)
    if (!c) continue
    const sent = applications.filter((a) => a.bankId === b.id).length
    out.push({
      id: `bank:${b.id}`,
      title: `向${b.name}提供信息`,
      granted: c.granted && c.version === LOAN_CONSENT_VERSION,
      version: c.version,
      at: c.at,
      effect: `撤回后不再向${b.name}提供新的信息，也不能再向它提交贷款申请。${
        sent ? `它已经收到您的${sent}份申请（含申请时的经营信息、手机号和身份证号），由银行按合同和信贷记录的规定保存；要银行删除，请直接联系${b.name}。` : '它还没有收到过您的申请。'
      }`
    })
  }
  return out
}

async function inboxCount(ctx: Context) {
  return ctx.db.collection('inbox').count({ openid: ctx.openid })
}

export async function rightsView(ctx: Context) {
  const owner = await owners(ctx).get(ctx.openid)
  const [records, total] = await Promise.all([recordsOf(ctx, 200), inboxCount(ctx)])
  return { groups: groupsOf(owner, records, total), consents: await withdrawables(ctx, owner), generatedAt: ctx.now.toISOString() }
}

/** Internal bookkeeping that means nothing to the owner (claims, leases). */
const INTERNAL = new Set(['claim', 'claimedAt', 'lease', 'leaseUntil'])
const clean = (row: Row) => Object.fromEntries(Object.entries(row).filter(([k]) => !INTERNAL.has(k)))

export async function rightsExport(ctx: Context) {
  const owner = await owners(ctx).get(ctx.openid)
  const [records, total] = await Promise.all([recordsOf(ctx, EXPORT_MAX), inboxCount(ctx)])
  const groups = groupsOf(owner, records, total)
  const at = ctx.now
  const operator = operatorOf(ctx)
  const data: Record<string, unknown[]> = {}
  for (const [name, rows] of Object.entries(records)) if (rows.length) data[name] = rows.map(clean)
  const json = JSON.stringify(
    {
      说明: '本文件是个体工商户服务小程序保存的关于您的全部记录（按数据库集合分组，字段名为英文）。同样内容的中文版见同名的文本文件。',
      导出时间: showDateTime(at),
      运营单位: operator.demo ? `${operator.name}（演示）` : operator.name,
      联系方式: operator.contact,
      ...(total > EXPORT_MAX ? { 提示: `消息共${total}条，本文件含最近${EXPORT_MAX}条` } : {}),
      记录: data
    },
    null,
    2
  )
  const lines: string[] = [`个人信息导出（${showDateTime(at)}）`, `运营单位：${operator.demo ? `${operator.name}（演示）` : operator.name}；联系方式：${operator.contact}`, '']
  for (const g of groups) {
    lines.push(`【${g.title}】${g.total ? `共${g.total}条` : ''}`)
    if (!g.total) lines.push(g.empty)
    // the text file lists everything the JSON has, not only what the page shows
    const all = g.key === 'messages' ? (records.inbox ?? []).sort(byNewest).map((m) => ({ title: str(m.title), lines: [`${showDateTime(str(m.createdAt))} · ${str(m.body)}`] })) : g.items
    for (const item of all) {
      lines.push(`· ${item.title}`)
      for (const l of item.lines) lines.push(`  ${l}`)
    }
    lines.push('')
  }
  return { fileBase: `个人信息-${chinaFormat(at, 'YYYYMMDD-HHmm')}`, json, text: lines.join('\n'), generatedAt: at.toISOString() }
}

export async function rightsWithdraw(ctx: Context, id: string) {
  const owner = await owners(ctx).get(ctx.openid)
  if (!owner) throw notFound('没有找到您的账号')
  const at = ctx.now.toISOString()
  const record = async (kind: 'privacy' | 'personalized', version: string) => {
    const consent = { kind, version, granted: false, at }
    await consentLog(ctx).add({ openid: ctx.openid, ...consent })
    return consent
  }
  if (id === 'privacy' || id === 'personalized') {
    // withdrawing the notice also stops personalised use: the profile is no longer ours to use
    const privacy = id === 'privacy' ? await record('privacy', PRIVACY_VERSION) : null
    const personalized = await record('personalized', PRIVACY_VERSION)
    await owners(ctx).update(ctx.openid, {
      ...(privacy ? { 'consents.privacy': privacy } : {}),
      'consents.personalized': personalized,
      'settings.personalized': false,
      updatedAt: at
    })
  } else {
    const bankId = id.slice('bank:'.length)
    if (!bankName(bankId)) throw notFound('没有这家银行')
    await setLoanConsent(ctx, bankId, false, LOAN_CONSENT_VERSION)
  }
  const consents = await withdrawables(ctx, await owners(ctx).get(ctx.openid))
  return { consents, effect: consents.find((c) => c.id === id)?.effect ?? '' }
}

/** Refuses what an owner whose account is being deleted may no longer do. */
export function assertNotErasing(doc: (OwnerDoc & { erasing?: ErasingState }) | null) {
  if (doc?.erasing) throw precondition('您的账号正在注销，不能再办理业务')
}

export { KEPT }
