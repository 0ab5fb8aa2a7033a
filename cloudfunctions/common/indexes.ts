/**
 * Indexes per collection. The local store creates them at load; in the cloud, create the same
 * ones in the console (云开发 → 数据库 → 索引管理), see README.
 */
export interface IndexSpec {
  fields: string | string[]
  unique?: boolean
  sparse?: boolean
}

export const INDEXES: Record<string, IndexSpec[]> = {
  owners: [{ fields: 'marketId', sparse: true }, { fields: 'profile.region', sparse: true }, { fields: 'profile.openedOn', sparse: true }, { fields: 'classType', sparse: true }],
  markets: [{ fields: 'region' }],
  stalls: [{ fields: 'code', unique: true }, { fields: ['marketId', 'number'], unique: true }],
  inbox: [{ fields: ['openid', 'createdAt'] }, { fields: 'pushNextAt' }],
  // the due sweeps query nextDueAt <= now: the index makes their cost follow what is due
  permits: [{ fields: 'nextDueAt' }, { fields: 'openid' }],
  obligations: [{ fields: 'nextDueAt' }, { fields: 'openid' }],
  outbox: [{ fields: 'at' }],
  policies: [{ fields: 'status' }, { fields: 'nextDueAt' }],
  policyMarks: [{ fields: 'openid' }],
  loanConsents: [{ fields: 'openid' }],
  loanApplications: [{ fields: 'openid' }, { fields: ['bankId', 'createdAt'] }],
  complaints: [{ fields: ['openid', 'createdAt'] }, { fields: ['region', 'createdAt'] }, { fields: 'overdueAt' }, { fields: ['openid', 'requestId'], sparse: true }],
  complaintUploads: [{ fields: ['openid', 'createdAt'] }, { fields: ['complaintId', 'createdAt'] }],
  complaintAudit: [{ fields: 'complaintId' }],
  staff: [{ fields: 'supervisor', sparse: true }, { fields: 'role' }],
  courseProgress: [{ fields: ['region', 'started'] }, { fields: ['marketId', 'started'] }, { fields: ['classType', 'started'] }],
  courseAttempts: [{ fields: ['openid', 'submittedAt'] }],
  courseCertificates: [{ fields: 'serial', unique: true }, { fields: 'year' }],
  requests: [{ fields: 'createdAt' }]
}

