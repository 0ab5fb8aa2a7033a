/**
 * The ports every handler works through. Each has a cloud adapter (wx-server-sdk) and a local
 * adapter (embedded store, outbox, files on disk) side by side in ./adapters.
 */
import type { Clock } from '../../src/core/common/time'

// ---- Db: a small subset of the cloud database, with its command vocabulary ----

export type Scalar = string | number | boolean | null
export type CmdOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists' | 'prefix' | 'range'
export interface Cond {
  $op: CmdOp
  value: unknown
}
/** Field → literal or command. Literals are scalars only, so user text can never become an operator. */
export type Where = Record<string, Scalar | Cond>

/** Mirrors `db.command` (`_.gte(x)`, `_.in([...])`, ...) so handlers read like cloud code. */
export const cmd = {
  eq: (value: Scalar): Cond => ({ $op: 'eq', value }),
  neq: (value: Scalar): Cond => ({ $op: 'neq', value }),
  gt: (value: string | number): Cond => ({ $op: 'gt', value }),
  gte: (value: string | number): Cond => ({ $op: 'gte', value }),
  lt: (value: string | number): Cond => ({ $op: 'lt', value }),
  lte: (value: string | number): Cond => ({ $op: 'lte', value }),
  in: (value: Scalar[]): Cond => ({ $op: 'in', value }),
  nin: (value: Scalar[]): Cond => ({ $op: 'nin', value }),
  exists: (value: boolean): Cond => ({ $op: 'exists', value }),
  /** string starts with `value` (taken literally: regex characters are escaped by the adapters) */
  prefix: (value: string): Cond => ({ $op: 'prefix', value }),
  /** from <= field < to (a period: `_.gte(from).and(_.lt(to))` in the cloud) */
  range: (from: string | number, to: string | number): Cond => ({ $op: 'range', value: [from, to] })
}

/** Escapes text for use inside a regular expression, so user text is only ever literal. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export interface PatchOp {
  $patch: 'inc' | 'remove' | 'addToSet'
  value?: number | Scalar[]
}
export const patch = {
  inc: (value: number): PatchOp => ({ $patch: 'inc', value }),
  remove: (): PatchOp => ({ $patch: 'remove' }),
  /** adds each value to an array field unless it is there already (the field is made if missing) */
  addToSet: (values: Scalar[]): PatchOp => ({ $patch: 'addToSet', value: values })
}
/** Top-level or dotted field → new value, or an inc/remove operation. */
export type Patch = Record<string, unknown>

export interface Doc {
  _id: string
}

export interface FindOptions {
  orderBy?: Array<[string, 'asc' | 'desc']>
  /** at most 1000, as in the cloud; default 100 */
  limit?: number
  skip?: number
  /** only these top-level fields (and _id) come back: a batch of 1,000 owners reads what it needs */
  fields?: string[]
}

export interface Collection<T extends Doc = Doc> {
  get(id: string): Promise<T | null>
  /** Inserts; throws DuplicateKeyError if `_id` or a unique index is taken. Returns the _id. */
  add(data: Omit<T, '_id'> & { _id?: string }): Promise<string>
  /**
   * Inserts up to 1,000 documents in one round trip (wx-server-sdk 3: `add({data: [...]})`) and
   * returns their ids. A taken `_id` or unique key anywhere in the batch throws DuplicateKeyError,
   * and then ANY of the documents before it may have been written (the SDK reports only the
   * error, not what it wrote): callers find out what is theirs by reading back (common/bulk.ts).
   */
  addMany(docs: Array<Omit<T, '_id'> & { _id?: string }>): Promise<string[]>
  /** Creates or replaces the whole document. */
  set(id: string, data: Omit<T, '_id'>): Promise<void>
  /** Partial update of one document; false if it does not exist. */
  update(id: string, data: Patch): Promise<boolean>
  /** Partial update of every match, atomically per document; returns how many changed. */
  updateWhere(where: Where, data: Patch): Promise<number>
  remove(id: string): Promise<boolean>
  find(where: Where, options?: FindOptions): Promise<T[]>
  count(where: Where): Promise<number>
  /**
   * Group-count in ONE round trip (the cloud's `collection.aggregate()`: match, optional unwind,
   * group): how many documents of `where` share each combination of the `by` fields, and the
   * sum of each `sum` field per group. The database does the work; no document comes back.
   * At most 1,000 groups (a dashboard groups by a handful of labels, never by owner).
   */
  countGroups(where: Where, spec: GroupSpec): Promise<GroupRow[]>
  /** How many distinct combinations of `fields` the documents of `where` hold (one round trip). */
  countDistinct(where: Where, fields: string[]): Promise<number>
}

/** What a group-count groups by (see Collection.countGroups). */
export interface GroupSpec {
  /** fields (dotted paths allowed) whose values make a group; a missing field groups as null */
  by: string[]
  /**
   * an array field to unwind first: each element becomes its own row, with the element as the
   * field's value (a document with an empty or missing array adds no row), e.g. needs by kind
   */
  unwind?: string
  /** numeric fields summed per group (a missing or non-number value adds nothing) */
  sum?: string[]
}
export interface GroupRow {
  /** the group's value for each `by` field */
  key: Record<string, Scalar>
  count: number
  /** per `sum` field */
  sums: Record<string, number>
}
/** Groups a group-count returns at most. */
export const MAX_GROUPS = 1000

export interface Db {
  collection<T extends Doc = Doc>(name: string): Collection<T>
  /**
   * Creates an empty collection; false when it already exists (so a setup can run any number of
   * times). The cloud database refuses reads and writes on a collection nobody created.
   */
  createCollection(name: string): Promise<boolean>
}

// ---- the other ports ----

/** One WeChat subscribe message (fields already fitted to WeChat's limits). */
export interface PushMessage {
  openid: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
  /** the notification's exactly-once key, for logs and the local outbox */
  key: string
}
export type PushResult = { ok: true } | { ok: false; errCode: number }

/** What the outbox records locally for every notification (inbox-only ones too). */
export interface Observed {
  key: string
  openid: string
  topic: string
  title: string
  body: string
  page: string | null
  push: string
  templateId: string | null
  data: Record<string, { value: string }> | null
}

/**
 * Sends subscribe messages: subscribeMessage.send in the cloud, the outbox locally. The inbox,
 * topics, quota and the daily cap are common logic (common/notify.ts), not the adapter's.
 */
export interface Push {
  send(msg: PushMessage): Promise<PushResult>
  /** local only: sees every notification, so the outbox shows what the owner would get */
  observe?(n: Observed): Promise<void>
}

export interface Storage {
  /** Stores bytes at a path; returns a file id (cloud fileID or a local one). */
  put(path: string, bytes: Uint8Array, contentType: string): Promise<string>
  /** URLs the client can load the files from, in the same order (one round trip for many). */
  urls(fileIds: string[]): Promise<string[]>
  /** Deletes files; returns the ids that are gone (a file already missing counts as gone). */
  remove(fileIds: string[]): Promise<string[]>
  /**
   * The stored bytes of a file, or null when there is no such file. Used to check what a phone
   * stored directly (wx.cloud.uploadFile) before anything links it.
   */
  download(fileId: string): Promise<Uint8Array | null>
  /** The storage path a file id names (cloud://<env>.<bucket>/<path> or local:<path>); null if not one of ours. */
  pathOf(fileId: string): string | null
}

export interface QrCode {
  /** A PNG that opens `page` with `scene` (WeChat 小程序码 in the cloud, a URL QR locally). */
  png(scene: string, page: string): Promise<{ bytes: Uint8Array; target: string }>
}

export type ContentVerdict = 'pass' | 'review' | 'risky'
export interface ContentCheck {
  check(text: string, openid: string): Promise<ContentVerdict>
}

/**
 * 电子营业执照 authorization (#16). The owner authorizes in the official 电子营业执照 mini-program,
 * which hands back an authorization code; the service answers whether the licence behind that
 * code has this credit code and this name. Cloud: an HTTP endpoint and credentials from the
 * function's configuration (README "Deploying"); local: the demo register and a demo code.
 */
export interface LicenseAuth {
  /** how the client starts it: the official mini-program (its appId), the local demo, or not at all */
  readonly mode: 'official' | 'demo' | 'off'
  readonly appId: string | null
  /** the page of the official mini-program to open (null: its home page) */
  readonly path: string | null
  /** true only when the service says the licence has exactly this code and this name */
  verify(q: { authCode: string; creditCode: string; name: string; openid: string }): Promise<{ match: boolean; invalidCode?: boolean }>
}

/**
 * 问一问's optional language model (#19). Present only where the deployment configured a model AND
 * said its privacy notice covers sending questions to it (adapters/cloud/model.ts); absent locally
 * and in tests, so answers are extractive and deterministic there and no test calls a model.
 */
export interface AnswerModel {
  generate(prompt: { system: string; user: string }): Promise<string>
}

export interface Logger {
  error(message: string, err?: unknown): void
  info(message: string, fields?: Record<string, unknown>): void
}

/** Deployment configuration the handlers need (ids set per environment, never in source). */
export interface FunctionConfig {
  /** subscribe-message template ids; null where not configured (then inbox only) */
  templates: { reminder: string | null; policy: string | null }
  /** working days from 受理 to 答复 (absent: DEFAULT_REPLY_WORKING_DAYS) */
  complaintReplyWorkingDays?: number
  /**
   * who runs 开业第一课, named on its certificates (function env COURSE_ISSUER, e.g. the district's
   * 市场监督管理局); absent: the certificate names no issuer and says the mini-program issued it
   */
  courseIssuer?: string | null
  /** how long one register.import.run call writes before answering (absent: 40 s); tests set it shorter */
  registerRunBudgetMs?: number
  /**
   * the one-time code that makes the first admin of a new environment (function env
   * ADMIN_SETUP_CODE on `admin`); used once, then void for ever (meta `admin-setup-code`).
   * null: not configured, no setup code works
   */
  adminSetupCode?: string | null
  /**
   * who runs this deployment and how to reach them about personal data, named in the privacy
   * notice (function env PRIVACY_OPERATOR / PRIVACY_CONTACT on `user`); absent: the notice says
   * it is not filled in yet. `demo`: the local build's stand-in, marked 演示 wherever shown
   */
  privacyOperator?: { name: string; contact: string; demo?: boolean } | null
}

export interface Ports {
  config: FunctionConfig
  /**
   * Starts the named function's timer handler again at once, without waiting for it (the
   * scheduler continues itself while work is left): callFunction in the cloud, the local
   * cloud's trigger locally. Absent where nothing can (a test's bare ports): the timer does it.
   */
  relaunch?: (fn: string) => Promise<void>
  db: Db
  push: Push
  storage: Storage
  qr: QrCode
  contentCheck: ContentCheck
  /** 电子营业执照 authorization; absent: not configured (the owner is told it is unavailable) */
  license?: LicenseAuth
  /** 问一问's language model; absent: extractive answers only */
  answerModel?: AnswerModel
  clock: Clock
  log: Logger
}
