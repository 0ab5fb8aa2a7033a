import { createHash, randomUUID } from 'node:crypto'
import type { Context } from './context'
import type { Doc, Ports } from './ports'

/**
 * The audit log: who (openid and role) did what to whom, when, and the state before and after.
 * One collection for every feature that changes who may do what (staff, invitations, helpers,
 * verification...). Entries are only ever added; nothing updates or deletes them.
 */
export interface AuditDoc extends Doc {
  at: string
  /** who really acted (a helper's delegated call records the helper, common/router.ts) */
  actor: string
  role: string
  /** ours, e.g. 'staff.update'; src/core/staff/audit.ts names it in Chinese */
  action: string
  /** what it was about: a staff openid, an invitation id... */
  target: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

export const auditLog = (ports: Ports) => ports.db.collection<AuditDoc>('audit')

export interface AuditEntry {
  action: string
  target: string
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

/**
 * Records one change. A creating request's entry takes an id bound to the request (once.ts), so
 * a retry after a crash does not log the change twice; other entries get a fresh id.
 */
export async function audit(ports: Ports, ctx: Context, entry: AuditEntry): Promise<void> {
  const _id = ctx.request ? hashId(ctx.request.key, entry.action, entry.target) : randomUUID().replace(/-/g, '')
  const doc = {
    at: ctx.now.toISOString(),
    actor: ctx.actor ?? ctx.openid,
    role: ctx.role,
    action: entry.action,
    target: entry.target,
    before: entry.before ?? null,
    after: entry.after ?? null
  }
  try {
    await auditLog(ports).add({ ...doc, _id })
  } catch (err) {
    // the same request's entry is already there (a retry): that is the one entry it should have
    if ((err as Error).name === 'DuplicateKeyError') return
    throw err
  }
}

const hashId = (key: string, action: string, target: string) =>
  createHash('sha256').update(`${key}\u0000audit\u0000${action}\u0000${target}`).digest('hex').slice(0, 32)
