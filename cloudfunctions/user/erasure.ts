import { randomBytes } from 'node:crypto'
import { KEPT, type KeptKey } from '../../src/core/rights/kept'
import type { Context } from '../common/context'
import { COLLECTIONS, LOCAL_ONLY_COLLECTIONS } from '../common/indexes'
import { cmd, type Db, type Doc, type Patch, type Ports, type Where } from '../common/ports'
import type { Sweep } from '../common/sweep'
import type { OwnerDoc } from './owners'

/**
 * Account deletion (个人信息保护法 Art. 47): what happens to an owner's data in EVERY collection.
 * The table is keyed by every collection the product has (COLLECTIONS + LOCAL_ONLY_COLLECTIONS),
 * so adding a collection does not compile (and test/unit/erasure.test.ts fails) until someone
 * decides here what deleting an account does to it.
 *
 * - erase: the owner's documents are removed.
 * - anonymise: kept because someone else must keep them (law or contract, see KEPT), with the
 *   person removed: the openid replaced by a random tombstone id, name, phone, ID number and
 *   business name cleared.
 * - unbind: a shared document (a stall) that names the owner; the reference is cleared.
 * - notPersonal: holds nothing about an owner (staff, content, configuration).
 */
export type Finder =
  /** `_id` is the openid */
  | { by: 'id' }
  /** `_id` starts with `<openid>:` (requests, slots, quotas, daily counters) */
  | { by: 'idPrefix' }
  /** a field holds the openid; an index on it keeps the page cheap (common/indexes.ts) */
  | { by: 'field'; field: string }

/** Documents elsewhere that exist only because of one of the owner's (e.g. staff told of their request). */
export type Related = (doc: Doc & Record<string, unknown>) => Array<{ collection: string; where: Where }>

export type ErasureRule =
  | { kind: 'erase'; find: Finder[]; what: string; files?: (doc: Doc & Record<string, unknown>) => string[]; related?: Related }
  | {
      kind: 'anonymise'
      find: Finder[]
      kept: KeptKey
      /** the patch that removes the person; `null`: this document goes entirely (e.g. a photo never filed) */
      scrub: (doc: Doc & Record<string, unknown>, tombstone: string) => Patch | null
      files?: (doc: Doc & Record<string, unknown>) => string[]
    }
  | { kind: 'unbind'; find: Finder[]; what: string; patch: Patch }
  | { kind: 'notPersonal'; why: string }

export type ErasableCollection = (typeof COLLECTIONS)[number] | (typeof LOCAL_ONLY_COLLECTIONS)[number]

const byOpenid: Finder[] = [{ by: 'field', field: 'openid' }]
/** a photo sent with a 名特优新 application or a 违规提示's correction: erased with that record, not kept with a 诉求 */
const isOwnRecordPhoto = (doc: Record<string, unknown>) =>
  typeof doc.complaintId === 'string' && (doc.complaintId.startsWith('recognition:') || doc.complaintId.startsWith('hint:'))

/**
 * In the order deletion runs: what schedules messages first (permits, obligations), so nothing new
 * lands in the inbox behind the eraser; the owner's own document last, because it carries the
 * erasure's state until the end.
 */
export const ERASURE: Record<ErasableCollection, ErasureRule> = {
  permits: { kind: 'erase', find: byOpenid, what: '证照和到期提醒' },
  obligations: { kind: 'erase', find: byOpenid, what: '年报提醒' },
  // #18 notices (they schedule messages, so early): the owner's own copies go; a business's 经营异常 record is the register's
  inspectionTargets: { kind: 'erase', find: byOpenid, what: '双随机抽查迎检提醒' },
  complianceHints: { kind: 'erase', find: byOpenid, what: '违规提示和您上传的整改照片', files: (d) => (Array.isArray(d.photos) ? (d.photos as string[]) : []) },
  creditRepairs: { kind: 'unbind', find: byOpenid, what: '信用修复提醒（经营异常记录来自登记名录，属于登记机关，不随账号删除）', patch: { openid: null, nextRemindAt: null, done: [] } },
  stallRequests: {
    kind: 'erase',
    find: byOpenid,
    what: '摊位绑定申请，以及工作人员收到的关于它的消息（消息里写着您的字号）',
    // the messages about a request are keyed `stall-request:<id>:...` (user/routes.ts, user/stalls.ts)
    related: (d) => {
      const about = cmd.prefix(`stall-request:${d._id}:`)
      const inInbox: Where = { _id: about }
      const inOutbox: Where = { key: about }
      return [
        { collection: 'inbox', where: inInbox },
        { collection: 'outbox', where: inOutbox }
      ]
    }
  },
  stalls: { kind: 'unbind', find: [{ by: 'field', field: 'holder' }], what: '摊位绑定（摊位空出，市场可以再分配）', patch: { holder: '', heldAt: null } },
  inbox: { kind: 'erase', find: byOpenid, what: '消息' },
  pushes: { kind: 'erase', find: byOpenid, what: '发到微信的通知记录' },
  quotas: { kind: 'erase', find: [{ by: 'idPrefix' }], what: '微信提醒的订阅次数' },
  pushCounts: { kind: 'erase', find: [{ by: 'idPrefix' }], what: '每天发送条数的计数' },
  slots: { kind: 'erase', find: [{ by: 'idPrefix' }], what: '次数限制的计数' },
  requests: { kind: 'erase', find: [{ by: 'idPrefix' }], what: '防止重复提交的记录' },
  consents: { kind: 'erase', find: byOpenid, what: '同意记录' },
  policyMarks: { kind: 'erase', find: byOpenid, what: '收藏和已读的政策' },
  courseProgress: { kind: 'erase', find: [{ by: 'id' }], what: '开业第一课的学习记录' },
  courseAttempts: { kind: 'erase', find: byOpenid, what: '开业第一课的测验记录' },
  courseCertificates: { kind: 'erase', find: [{ by: 'id' }], what: '结业证书（核验码随之失效）' },
  loanConsents: { kind: 'erase', find: byOpenid, what: '向银行提供信息的同意状态' },
  loanTurnover: { kind: 'erase', find: [{ by: 'id' }], what: '收款码流水' },
  loanConsentLog: {
    kind: 'anonymise',
    find: byOpenid,
    kept: 'loanConsentLog',
    scrub: (_doc, tombstone) => ({ openid: tombstone })
  },
  loanApplications: {
    kind: 'anonymise',
    find: byOpenid,
    kept: 'loanApplications',
    scrub: (_doc, tombstone) => ({ openid: tombstone, phone: '', idNumber: '', businessName: '', creditCode: '' })
  },
  complaints: {
    kind: 'anonymise',
    find: byOpenid,
    kept: 'complaints',
    scrub: (_doc, tombstone) => ({ openid: tombstone, phone: null, businessName: null, stallNumber: null })
  },
  complaintUploads: {
    kind: 'anonymise',
    find: byOpenid,
    kept: 'complaints',
    // a photo filed with a 诉求 is part of that record; one never filed, or sent with a 名特优新
    // application (`recognition:<id>`) or a 违规提示's correction (`hint:<id>`), goes with that record
    scrub: (doc, tombstone) => (doc.complaintId && !isOwnRecordPhoto(doc) ? { openid: tombstone } : null),
    files: (doc) => ((!doc.complaintId || isOwnRecordPhoto(doc)) && typeof doc.fileId === 'string' && doc.fileId ? [doc.fileId] : [])
  },
  outbox: { kind: 'erase', find: byOpenid, what: '本地演示环境的发信记录' },
  // #16: one business, one account. The binding goes, so the business can be bound again by a new account
  bindings: { kind: 'erase', find: byOpenid, what: '营业执照绑定（这个营业执照以后可以由新的微信号重新绑定）' },
  // the owner's own transfer requests, and those made against them (with the binding gone the
  // business is free: the other person saves it again and needs no transfer)
  claimTransfers: { kind: 'erase', find: [{ by: 'field', field: 'openid' }, { by: 'field', field: 'holder' }, { by: 'field', field: 'previous' }], what: '营业执照转移申请' },
  // helpers at the stall: those the owner invited (and their invitations), and the owner's own
  // place as someone else's helper
  helpers: { kind: 'erase', find: [{ by: 'id' }, { by: 'field', field: 'ownerOpenid' }], what: '店员/帮手（他们不再能看您的提醒）' },
  invitations: { kind: 'erase', find: [{ by: 'field', field: 'ownerOpenid' }, { by: 'field', field: 'usedBy' }], what: '您发出的帮手邀请' },
  audit: {
    kind: 'anonymise',
    find: [{ by: 'field', field: 'target' }, { by: 'field', field: 'actor' }],
    kept: 'audit',
    scrub: (doc, tombstone) => ({
      target: doc.target === undefined ? doc.target : tombstone,
      actor: tombstone,
      before: null,
      after: null
    })
  },
  // 走访 (#17): the officers' record of their visits and tasks, kept as their work record without the owner
  visits: {
    kind: 'anonymise',
    find: [{ by: 'field', field: 'ownerOpenid' }],
    kept: 'audit',
    scrub: (_doc, tombstone) => ({ ownerOpenid: tombstone, creditCode: null, needText: '', help: '' })
  },
  followups: {
    kind: 'anonymise',
    find: [{ by: 'field', field: 'ownerOpenid' }],
    kept: 'audit',
    scrub: (_doc, tombstone) => ({ ownerOpenid: tombstone, creditCode: null, businessName: null, title: '跟进事项（经营者已注销）', doneNote: null })
  },
  // 问卷 (#17): "answered" markers go; a named answer stays in the figures without the person
  // (an anonymous answer holds nothing about anyone, survey/store.ts)
  surveyMarks: { kind: 'erase', find: [{ by: 'idPrefix' }], what: '答过哪些问卷的记录' },
  surveyAnswers: {
    kind: 'anonymise',
    find: byOpenid,
    kept: 'surveyAnswers',
    scrub: () => ({ openid: null, name: null, answeredAt: null })
  },
  // staff exports (Excel): the files a staff member made; owners make none, and they go after a day anyway
  exports: { kind: 'erase', find: [{ by: 'field', field: 'openid' }], what: '您导出的表格', files: (d) => [String(d.fileId)] },
  inspectionPlans: { kind: 'notPersonal', why: '监管部门的抽查计划：抽查哪些市场、查什么、什么时间' },
  // 名特优新 (#18): the owner's applications go with the account (a 认定 in force ends with it);
  // 异议 the owner lodged against others stay with the office, without who lodged them
  recognitionApplications: { kind: 'erase', find: byOpenid, what: '名特优新申报（已认定的类别随之取消）' },
  recognitions: { kind: 'erase', find: [{ by: 'id' }], what: '名特优新认定和到期提醒' },
  recognitionObjections: {
    kind: 'anonymise',
    find: byOpenid,
    kept: 'recognitionObjections',
    scrub: (_doc, tombstone) => ({ openid: tombstone, contact: null, request: null })
  },
  // the yearly 分型 (#18): the app's record of the owner's decisions and 异议; the official mark is in the
  // register (个体工商户名录), not here, so nothing must be kept
  classificationDecisions: { kind: 'erase', find: byOpenid, what: '每年的分型判定结果' },
  classificationObjections: { kind: 'erase', find: byOpenid, what: '分型异议' },
  // 问一问 (#19): the owner's questions (and any reply to them) go; an FAQ entry is staff's own rewording
  questions: { kind: 'erase', find: byOpenid, what: '您在“问一问”提的问题和工作人员的回复' },
  faq: { kind: 'notPersonal', why: '常见问题：工作人员写的问答，不含提问人的信息' },
  register: { kind: 'notPersonal', why: '登记名录：登记机关的个体工商户登记信息，由监管人员从登记系统导入，不是您在小程序里留下的资料' },
  registerImports: { kind: 'notPersonal', why: '工作人员导入登记名录的记录' },
  registerChunks: { kind: 'notPersonal', why: '工作人员导入登记名录时的分批数据' },
  owners: { kind: 'erase', find: [{ by: 'id' }], what: '经营档案、设置和摊位绑定' },
  staff: { kind: 'notPersonal', why: '工作人员名单：个体户不能在这里注销，工作人员由管理员移除' },
  markets: { kind: 'notPersonal', why: '市场名录，由工作人员维护' },
  broadcasts: { kind: 'notPersonal', why: '发给许多人的同一条消息；谁收到了记在各自的档案和通知记录里，随之删除' },
  policies: { kind: 'notPersonal', why: '政策库：工作人员发布的政策内容' },
  meta: { kind: 'notPersonal', why: '政策库版本号等系统信息，不含个人的记录' },
  officeContacts: { kind: 'notPersonal', why: '办事部门的联系方式' },
  complaintAudit: { kind: 'notPersonal', why: '工作人员办理诉求的操作记录，只记工作人员' },
  surveys: { kind: 'notPersonal', why: '工作人员发布的问卷和它的汇总数字' }
}

/** Documents of one finder page: never more than `limit`, read through an index. */
function whereOf(f: Finder, openid: string): Where {
  if (f.by === 'id') return { _id: openid }
  if (f.by === 'idPrefix') return { _id: cmd.prefix(`${openid}:`) }
  return { [f.field]: openid }
}

/** What an erasure in progress keeps on the owner's document until the end. */
export interface ErasingState {
  /** the random id that replaces the openid in what is kept (never derived from the openid) */
  tombstone: string
  startedAt: string
  /** picked up again by the scheduler from this instant if the call that started it stopped */
  nextAt: string
  /** collections finished, in ERASURE order */
  done: string[]
}

export const ERASURE_ORDER = Object.keys(ERASURE) as ErasableCollection[]
/** Documents per page: the cloud returns at most 1,000 a query; 100 keeps each page short. */
export const ERASE_PAGE = 100
/** How long the scheduler waits before taking over an erasure a call left unfinished. */
const TAKEOVER_MS = 60_000

export const newTombstone = () => `deleted-${randomBytes(12).toString('hex')}`

/**
 * Runs an erasure until it is finished or `budgetMs` is spent (the user function's timeout is
 * 10 s; the scheduler gives it a turn of its run). Every step can run again: a page removes or
 * rewrites what it found, so a rerun finds only what is left. Returns whether all is done.
 */
export async function runErasure(ports: Pick<Ports, 'db' | 'storage' | 'clock' | 'log'>, openid: string, budgetMs: number): Promise<{ finished: boolean; done: number; total: number }> {
  const db = ports.db
  const started = ports.clock.now().getTime()
  const owners = db.collection<OwnerDoc & { erasing?: ErasingState }>('owners')
  const owner = await owners.get(openid)
  const total = ERASURE_ORDER.length
  if (!owner?.erasing) return { finished: !owner, done: owner ? 0 : total, total }
  const state = owner.erasing
  const done = new Set(state.done)
  const left = () => ports.clock.now().getTime() - started < budgetMs
  for (const name of ERASURE_ORDER) {
    if (done.has(name)) continue
    if (!left()) break
    const rule = ERASURE[name]
    if (rule.kind !== 'notPersonal' && name !== 'owners') {
      const complete = await erasePages(db, ports, name, rule, openid, state.tombstone, left)
      if (!complete) break
    }
    if (name === 'owners') {
      // last: the owner's own document, and with it the erasure's state
      await owners.remove(openid)
      return { finished: true, done: total, total }
    }
    done.add(name)
    await owners.update(openid, { 'erasing.done': [...done], 'erasing.nextAt': new Date(ports.clock.now().getTime() + TAKEOVER_MS).toISOString() })
  }
  return { finished: false, done: done.size, total }
}

async function erasePages(
  db: Db,
  ports: Pick<Ports, 'storage' | 'log'>,
  name: string,
  rule: Exclude<ErasureRule, { kind: 'notPersonal' }>,
  openid: string,
  tombstone: string,
  left: () => boolean
): Promise<boolean> {
  const coll = db.collection<Doc & Record<string, unknown>>(name)
  for (const finder of rule.find) {
    const where = whereOf(finder, openid)
    for (;;) {
      if (!left()) return false
      const page = await coll.find(where, { limit: ERASE_PAGE })
      if (!page.length) break
      const files = page.flatMap((d) => ('files' in rule && rule.files ? rule.files(d) : []))
      if (files.length) await ports.storage.remove(files)
      if (rule.kind === 'erase') {
        for (const d of page) {
          for (const r of rule.related?.(d) ?? []) {
            const other = db.collection(r.collection)
            for (const x of await other.find(r.where, { limit: 1000 })) await other.remove(x._id)
          }
          await coll.remove(d._id)
        }
      } else if (rule.kind === 'unbind') {
        await coll.updateWhere({ _id: cmd.in(page.map((d) => d._id)), ...where }, rule.patch)
      } else {
        for (const d of page) {
          const p = rule.scrub(d, tombstone)
          if (p === null) await coll.remove(d._id)
          else await coll.update(d._id, p)
        }
      }
      // a page shorter than asked for was the last
      if (page.length < ERASE_PAGE) break
    }
  }
  return true
}

/** Starts (or finds) the erasure of `ctx.openid`'s account; the tombstone is made once. */
export async function startErasure(ctx: Context): Promise<ErasingState> {
  const owners = ctx.db.collection<OwnerDoc & { erasing?: ErasingState }>('owners')
  const at = ctx.now.toISOString()
  const state: ErasingState = { tombstone: newTombstone(), startedAt: at, nextAt: new Date(ctx.now.getTime() + TAKEOVER_MS).toISOString(), done: [] }
  // conditional: two taps at once start one erasure with one tombstone
  await owners.updateWhere({ _id: ctx.openid, erasing: cmd.exists(false) }, { erasing: state })
  return (await owners.get(ctx.openid))?.erasing ?? state
}

/**
 * The scheduler finishes erasures a call left unfinished (the owner closed the app, a timeout):
 * owners whose `erasing.nextAt` has passed, a few at a time, each within the run's turn.
 */
export const accountErasureSweep: Sweep = {
  name: 'account-erasure',
  async page(ports, now) {
    const owners = ports.db.collection<OwnerDoc & { erasing?: ErasingState }>('owners')
    const due = await owners.find({ 'erasing.nextAt': cmd.lte(now.toISOString()) }, { limit: 10 })
    let handled = 0
    for (const o of due) {
      const r = await runErasure(ports, o._id, 4_000)
      if (r.finished) handled++
      else break
    }
    return { handled, more: due.length === 10 || handled < due.length }
  }
}

export { KEPT }
