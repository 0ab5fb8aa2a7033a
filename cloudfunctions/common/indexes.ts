/**
 * Every collection and its indexes: the one list `admin.setup`, the local store and the deploy
 * read. The local store creates the indexes at load. In the cloud, `admin.setup` creates the
 * collections (wx-server-sdk's `db.createCollection`), but neither wx-server-sdk nor any other
 * API a function can call creates an index or sets a collection's permission (the SDK's database
 * speaks only data operations plus `addCollection`); those are management operations of the
 * console, so `setupChecklist()` spells them out for the admin, see README.
 */
export interface IndexSpec {
  fields: string | string[]
  unique?: boolean
  sparse?: boolean
}

export const INDEXES: Record<string, IndexSpec[]> = {
  // 待核验 for the regulator pages newest first by region (#16, user/verify.ts); a credit code finds its owner
  owners: [{ fields: ['verification.state', 'profile.region', 'createdAt', '_id'], sparse: true }, { fields: 'profile.creditCode', sparse: true }, { fields: 'marketId', sparse: true }, { fields: 'stallId', sparse: true }, { fields: 'profile.region', sparse: true }, { fields: 'profile.openedOn', sparse: true }, { fields: 'classType', sparse: true }, { fields: ['classType', 'profile.region', '_id'], sparse: true }, { fields: 'erasing.nextAt', sparse: true },
    // 监测分析 (#17): a region's (or market's) owners who joined in a period or were active lately
    { fields: ['profile.region', 'createdAt', '_id'], sparse: true }, { fields: ['marketId', 'createdAt', '_id'], sparse: true }, { fields: ['profile.region', 'lastSeenOn'], sparse: true }],
  markets: [{ fields: 'region' }],
  // holder: an account deletion frees the stalls the owner holds (user/erasure.ts)
  stalls: [{ fields: 'code', unique: true }, { fields: ['marketId', 'number'], unique: true }, { fields: 'holder', sparse: true }],
  inbox: [{ fields: ['openid', 'createdAt'] }, { fields: 'pushNextAt' }],
  // broadcasts are read by _id only (the owner's list names them); their phone messages wait for retries by time
  pushes: [{ fields: 'pushNextAt' }, { fields: 'openid' }],
  // an owner's consent history: 个人信息 lists it, an account deletion erases it (user/erasure.ts)
  consents: [{ fields: 'openid' }],
  loanConsentLog: [{ fields: 'openid' }],
  // the due sweeps query nextDueAt <= now: the index makes their cost follow what is due
  // expiresOn / filedAt + openid: the 走访名单 reads the expired and the overdue in openid order (visit/list.ts);
  // 监测分析 counts a region's (or market's) permits by expiry and lists them newest first
  permits: [{ fields: 'nextDueAt' }, { fields: 'openid' }, { fields: ['expiresOn', 'openid'] }, { fields: ['region', 'expiresOn'], sparse: true }, { fields: ['marketId', 'expiresOn'], sparse: true }],
  obligations: [{ fields: 'nextDueAt' }, { fields: 'openid' }, { fields: ['filedAt', 'reportYear', 'openid'] }, { fields: ['region', 'filedAt'], sparse: true }, { fields: ['marketId', 'filedAt'], sparse: true }],
  outbox: [{ fields: 'at' }],
  // the staff list pages newest written first (common/paging.ts): (createdAt, _id), by status or all
  policies: [{ fields: 'status' }, { fields: 'nextDueAt' }, { fields: 'publishedAt', sparse: true }, { fields: ['status', 'createdAt', '_id'] }, { fields: ['createdAt', '_id'] }],
  // a region's reach of the policies pushed in a period (监测分析)
  policyMarks: [{ fields: 'openid' }, { fields: ['region', 'policyId'], sparse: true }, { fields: ['marketId', 'policyId'], sparse: true }],
  // staff list a region's offices by code prefix; owners' pages read them by _id
  officeContacts: [{ fields: 'region' }],
  loanConsents: [{ fields: 'openid' }],
  // lists page by (createdAt, _id) after their filter's equality fields (common/paging.ts)
  loanApplications: [{ fields: 'openid' }, { fields: ['snapshot.region', 'createdAt', '_id'] }, { fields: ['marketId', 'createdAt', '_id'], sparse: true }, { fields: ['bankId', 'createdAt', '_id'] }, { fields: ['bankId', 'status', 'createdAt', '_id'] }],
  // the owner's list by openid; the workbench by region (a prefix), or all for an admin; its
  // status and market filters (an officer's everyday views) have their own
  complaints: [
    { fields: ['openid', 'createdAt', '_id'] },
    { fields: ['region', 'createdAt', '_id'] },
    { fields: ['createdAt', '_id'] },
    { fields: ['status', 'createdAt', '_id'] },
    { fields: ['marketId', 'createdAt', '_id'] },
    { fields: 'overdueAt' },
    // 走访名单: a region's open cases in owner order (visit/list.ts)
    { fields: ['status', 'region', 'openid'] },
    // 监测分析: a region's overdue cases now
    { fields: ['region', 'overdue'] }
  ],
  complaintUploads: [{ fields: ['openid', 'createdAt'] }, { fields: ['complaintId', 'createdAt'] }],
  complaintAudit: [{ fields: 'complaintId' }],
  // the staff list pages oldest first by (createdAt, _id); a regulator's view narrows to role
  staff: [{ fields: 'supervisor', sparse: true }, { fields: 'role' }, { fields: ['createdAt', '_id'] }, { fields: ['role', 'createdAt', '_id'] }],
  // a code is looked up when someone opens it; the inviter's list pages newest first; an owner's open helper invitations
  invitations: [{ fields: 'code', unique: true }, { fields: ['createdBy', 'createdAt', '_id'] }, { fields: ['kind', 'createdAt', '_id'] }, { fields: ['ownerOpenid', 'status'], sparse: true }, { fields: 'usedBy', sparse: true }],
  // helpers are read by _id (their openid) on every call; an owner's list by ownerOpenid
  helpers: [{ fields: 'ownerOpenid' }],
  courseProgress: [{ fields: ['region', 'started'] }, { fields: ['marketId', 'started'] }, { fields: ['classType', 'started'] }],
  courseAttempts: [{ fields: ['openid', 'submittedAt'] }],
  courseCertificates: [{ fields: 'serial', unique: true }, { fields: 'code', unique: true, sparse: true }, { fields: 'year' }],
  requests: [{ fields: 'createdAt' }],
  // openKey is unique: one open request per owner and stall, decided by the database (user/stalls.ts)
  stallRequests: [{ fields: 'openKey', unique: true }, { fields: ['region', 'createdAt'] }, { fields: ['openid', 'createdAt'] }],
  // the register of 个体工商户 (_id = credit code): staff pages list a region (a prefix), a market, or
  // search a name or code prefix, ordered by _id; coverage counts by market or region, the visit
  // list in _id order
  register: [{ fields: ['region', '_id'] }, { fields: ['marketId', '_id'] }, { fields: ['name', '_id'] }, { fields: ['creditCode'] }, { fields: ['region', 'marketId', '_id'] }],
  // an import's chunks: a run's pending ones in order, its progress
  registerChunks: [{ fields: ['jobId', 'kind', 'state', 'index'] }],
  // one business, one account (_id = credit code); coverage counts by the register's market
  bindings: [{ fields: 'openid' }, { fields: ['marketId', 'inRegister', 'openid'] }, { fields: ['region', 'marketId', 'inRegister'] }],
  // transfer requests: one open per owner and business (unique openKey); the regulator's queue pages by (open, region)
  claimTransfers: [{ fields: 'openKey', unique: true }, { fields: ['open', 'region', 'createdAt', '_id'] }, { fields: ['open', 'createdAt', '_id'] }, { fields: ['openid', 'createdAt'] }, { fields: 'holder' }, { fields: 'previous', sparse: true }],
  // the audit log pages newest first; one target's history (verification, a transfer) by time
  audit: [{ fields: ['at', '_id'] }, { fields: ['target', 'at'] }, { fields: 'actor' }],
  // 走访 (#17, visit/): a household's visits newest first (by credit code, or a stall without one);
  // the dashboard counts a region's by month; an account deletion finds the owner's
  // 监测分析 counts and lists a region's (or market's) visits in a period
  visits: [{ fields: ['creditCode', 'visitedAt'] }, { fields: ['stallId', 'visitedAt'] }, { fields: ['region', 'month'] }, { fields: 'ownerOpenid', sparse: true }, { fields: ['region', 'visitedOn'] }, { fields: ['marketId', 'visitedOn'], sparse: true }, { fields: ['region', 'visitedAt', '_id'] }, { fields: ['marketId', 'visitedAt', '_id'], sparse: true }],
  // follow-ups page newest first by (createdAt, _id) after assignee or status+region; the reminder sweep by nextDueAt
  followups: [
    { fields: ['assignee', 'status', 'createdAt', '_id'] },
    { fields: ['status', 'region', 'createdAt', '_id'] },
    { fields: ['status', 'dueOn'] },
    { fields: 'nextDueAt' },
    { fields: 'ownerOpenid', sparse: true },
    // 监测分析: a region's (or market's) overdue follow-ups, and the list behind the figure
    { fields: ['region', 'status', 'dueOn'] },
    { fields: ['marketId', 'status', 'dueOn'], sparse: true },
    { fields: ['region', 'createdAt', '_id'] }
  ],
  // 问卷 (#17): staff list a region's newest first (all for an admin); the sweeps find pushes due and surveys past their end
  surveys: [{ fields: ['region', 'createdAt', '_id'] }, { fields: ['createdAt', '_id'] }, { fields: 'nextDueAt' }, { fields: ['status', 'closeAt'] }],
  // one question's text answers page by _id; a named survey's answers are found by openid on account deletion
  surveyAnswers: [{ fields: ['surveyId', '_id'] }, { fields: 'openid', sparse: true }],
  // read by _id (<openid>:<survey>); an account deletion finds them by that prefix
  surveyMarks: [],
  // 名特优新 (recognition/): one open application per owner and category (unique openKey); the
  // owner's list, the public 公示 list by status, the workbench by region / status / category /
  // market, newest first; the 公示-end sweep by publicEndsAt; 异议 by application; the lapse sweep
  recognitionApplications: [
    { fields: 'openKey', unique: true },
    { fields: ['openid', 'createdAt', '_id'] },
    { fields: ['region', 'createdAt', '_id'] },
    { fields: ['createdAt', '_id'] },
    { fields: ['status', 'createdAt', '_id'] },
    { fields: ['category', 'createdAt', '_id'] },
    { fields: ['marketId', 'createdAt', '_id'] },
    { fields: 'publicEndsAt', sparse: true }
  ],
  recognitionObjections: [{ fields: ['applicationId', 'at'] }, { fields: 'openid' }],
  recognitions: [{ fields: 'nextDueAt', sparse: true }],
  // staff exports: the cleanup takes the oldest first; an account's own on deletion
  exports: [{ fields: 'createdAt' }, { fields: 'openid' }],
  // #18 notices. Plans: the sweep by nextDueAt, staff list by region newest first
  inspectionPlans: [{ fields: 'nextDueAt', sparse: true }, { fields: ['region', 'createdAt', '_id'] }, { fields: ['createdAt', '_id'] }],
  // one household told of one plan (_id = <planId>:<openid>): the owner's list, a plan's count
  inspectionTargets: [{ fields: ['openid', 'createdAt'] }, { fields: 'planId' }],
  // the owner's hints newest first; the regulator's queue (待处理 / a status / all) by region, last changed first
  complianceHints: [
    { fields: ['openid', 'createdAt', '_id'] },
    { fields: ['region', 'todo', 'updatedAt', '_id'] },
    { fields: ['region', 'status', 'updatedAt', '_id'] },
    { fields: ['region', 'updatedAt', '_id'] },
    { fields: ['todo', 'updatedAt', '_id'] },
    { fields: ['status', 'updatedAt', '_id'] },
    { fields: ['updatedAt', '_id'] },
    { fields: 'overdueAt', sparse: true }
  ],
  // _id = credit code; the staff list by status and region; the reminder sweep by nextRemindAt
  creditRepairs: [{ fields: ['status', 'region', 'updatedAt', '_id'] }, { fields: ['status', 'updatedAt', '_id'] }, { fields: 'nextRemindAt', sparse: true }, { fields: 'openid', sparse: true }],
  // the yearly 分型 (#18, user/classification.ts): the re-decision's due ones; an account's own on deletion;
  // the regulator's 异议 queue pages newest first by (status, region)
  classificationDecisions: [{ fields: 'redecideAt', sparse: true }, { fields: 'openid' }],
  classificationObjections: [{ fields: ['status', 'region', 'createdAt', '_id'] }, { fields: ['status', 'createdAt', '_id'] }, { fields: 'openid' }],
  // 问一问 (#19): staff pages newest first by (createdAt, _id) after state / found and the region
  // (a prefix), or all for an admin; an account deletion finds the owner's
  questions: [
    { fields: ['state', 'region', 'createdAt', '_id'] },
    { fields: ['found', 'region', 'createdAt', '_id'] },
    { fields: ['region', 'createdAt', '_id'] },
    { fields: ['state', 'createdAt', '_id'] },
    { fields: ['found', 'createdAt', '_id'] },
    { fields: ['createdAt', '_id'] },
    { fields: 'openid' }
  ],
  // the published entries are read on every question (a few hundred at most)
  faq: [{ fields: ['status', 'createdAt'] }]
}


/** Collections the product uses in the cloud, in the order the console checklist lists them. */
export const COLLECTIONS = [
  'owners', 'staff', 'markets', 'stalls', 'consents', 'inbox', 'broadcasts', 'pushes', 'requests', 'permits', 'obligations',
  'quotas', 'pushCounts', 'policies', 'policyMarks', 'meta', 'loanConsents', 'loanConsentLog',
  'loanTurnover', 'loanApplications', 'complaints', 'complaintUploads', 'complaintAudit',
  'courseProgress', 'courseAttempts', 'courseCertificates', 'slots', 'stallRequests', 'officeContacts',
  'register', 'registerImports', 'registerChunks', 'bindings', 'claimTransfers', 'audit', 'invitations', 'helpers',
  'visits', 'followups',
  'surveys', 'surveyAnswers', 'surveyMarks',
  'exports', 'inspectionPlans', 'inspectionTargets', 'complianceHints', 'creditRepairs',
  'recognitionApplications', 'recognitionObjections', 'recognitions',
  'classificationDecisions', 'classificationObjections',
  'questions', 'faq'
] as const
export type CollectionName = (typeof COLLECTIONS)[number]

/** The local cloud's message outbox: what WeChat would have sent; never created in the cloud. */
export const LOCAL_ONLY_COLLECTIONS = ['outbox'] as const

/** Clients never touch the database (everything goes through functions), so no collection is client-readable. */
export const PERMISSION = '仅管理端可读写'

export interface ChecklistItem {
  collection: string
  permission: string
  indexes: Array<{ fields: string[]; unique: boolean }>
  /** one line for the admin, in the console's words */
  text: string
}

/**
 * What an admin does by hand in 云开发控制台 → 数据库 for each collection: its permission and its
 * indexes (all ascending; a compound index lists its fields in this order).
 */
export function setupChecklist(): ChecklistItem[] {
  return COLLECTIONS.map((collection) => {
    const indexes = (INDEXES[collection] ?? []).map((i) => ({ fields: Array.isArray(i.fields) ? i.fields : [i.fields], unique: i.unique ?? false }))
    const described = indexes.map((i) => `${i.fields.map((f) => `${f} 升序`).join(' + ')}（${i.unique ? '唯一' : '非唯一'}）`)
    const text = `集合 ${collection}：数据权限设为“${PERMISSION}”；` + (described.length ? `索引管理中添加 ${described.join('；')}` : '无需添加索引')
    return { collection, permission: PERMISSION, indexes, text }
  })
}
