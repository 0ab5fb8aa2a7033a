/**
 * The part of wx-server-sdk the cloud adapters use, typed structurally (the package ships no
 * types). Tests pass a recording fake of this shape; the real SDK is never called offline.
 */
export interface CloudCommand {
  eq(v: unknown): unknown
  neq(v: unknown): unknown
  gt(v: unknown): unknown
  gte(v: unknown): unknown
  lt(v: unknown): unknown
  lte(v: unknown): unknown
  in(v: unknown[]): unknown
  nin(v: unknown[]): unknown
  exists(v: boolean): unknown
  inc(n: number): unknown
  remove(): unknown
  /** `_.addToSet({$each: [...]})`: each value once (wx-server-sdk's command, as in the docs) */
  addToSet(v: unknown): unknown
  /** aggregation operators (`db.command.aggregate`): `$.sum(1)` counts, `$.sum('$field')` sums */
  aggregate: { sum(v: unknown): unknown }
}

/** `collection.aggregate()`: stages chained, `end()` runs them in one request (answers `{list}`). */
export interface CloudAggregate {
  match(w: Record<string, unknown>): CloudAggregate
  unwind(field: string): CloudAggregate
  group(g: Record<string, unknown>): CloudAggregate
  count(field: string): CloudAggregate
  limit(n: number): CloudAggregate
  end(): Promise<{ list: Record<string, unknown>[] }>
}

export interface CloudQuery {
  where(w: Record<string, unknown>): CloudQuery
  orderBy(field: string, dir: 'asc' | 'desc'): CloudQuery
  skip(n: number): CloudQuery
  limit(n: number): CloudQuery
  /** projection: `{field: true}` for each field wanted */
  field(f: Record<string, boolean>): CloudQuery
  get(): Promise<{ data: Record<string, unknown>[] }>
  count(): Promise<{ total: number }>
  update(o: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
}

export interface CloudCollection extends CloudQuery {
  aggregate(): CloudAggregate
  /**
   * One document answers `{_id}`; an array (wx-server-sdk 3) is sent as ONE database.insertDocument
   * request and answers `{_ids}`; on failure only the error comes back (see Collection.addMany).
   */
  add(o: { data: Record<string, unknown> | Record<string, unknown>[] }): Promise<{ _id?: string; _ids?: string[] }>
  doc(id: string): {
    set(o: { data: Record<string, unknown> }): Promise<unknown>
    update(o: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
    remove(): Promise<{ stats: { removed: number } }>
  }
}

export interface CloudDatabase {
  command: CloudCommand
  collection(name: string): CloudCollection
  RegExp(o: { regexp: string; options: string }): unknown
  createCollection(name: string): Promise<unknown>
}

export interface WxCloud {
  DYNAMIC_CURRENT_ENV: unknown
  init(o: { env: unknown }): void
  getWXContext(): { OPENID?: string; APPID?: string; UNIONID?: string; ENV?: string }
  database(): CloudDatabase
  /** invokes a cloud function of the same environment and resolves with its result once it has run */
  callFunction(o: { name: string; data: Record<string, unknown> }): Promise<{ result?: unknown }>
  uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  downloadFile(o: { fileID: string }): Promise<{ fileContent: Buffer }>
  getTempFileURL(o: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; status: number }> }>
  deleteFile(o: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number; errMsg: string }> }>
  openapi: {
    subscribeMessage: { send(o: Record<string, unknown>): Promise<{ errCode?: number }> }
    wxacode: { getUnlimited(o: Record<string, unknown>): Promise<{ buffer: Buffer; errCode?: number }> }
    security: { msgSecCheck(o: Record<string, unknown>): Promise<{ result?: { suggest?: string } }> }
  }
  /**
   * 云开发's model service (wx-server-sdk 3.0.5-beta.1 / 4.0.1 and later: `cloud.ai()`); absent on
   * older SDKs. Used only by 问一问's optional model (adapters/cloud/model.ts).
   */
  ai?: () => { createModel(name: string): { generateText(o: { model: string; messages: Array<{ role: 'system' | 'user'; content: string }> }): Promise<{ text?: string }> } }
}
