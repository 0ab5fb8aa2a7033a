import { createHash } from 'node:crypto'
import type { RegisterRow } from '../../src/core/register/rows'
import type { Db } from '../common/ports'

/**
 * The register of 个体工商户: one document per business, `_id` = its 统一社会信用代码. Other
 * features read it (verification); only an import writes it.
 */
export interface RegisterDoc extends Omit<RegisterRow, 'marketId'> {
  _id: string
  marketId: string | null
  /** the import that last wrote it, and when */
  importId: string
  importedAt: string
  /** when its content last changed */
  updatedAt: string
}

/** One import: what the preview found, then the run's progress. */
export interface ImportDoc {
  _id: string
  /** the importer's openid: only they (or an admin) see and run it */
  by: string
  scope: string | null
  fileId: string
  state: 'previewed' | 'finished'
  rows: number
  valid: number
  errors: number
  willAdd: number
  willUpdate: number
  unchanged: number
  columns: string[]
  ignored: string[]
  /** the first rows, for the preview */
  sample: RegisterRow[]
  rowChunks: number
  errorChunks: number
  /** one run at a time: a run holds the job until this instant (ISO; '' when free) */
  leaseUntil: string
  createdAt: string
  finishedAt: string | null
  result: { added: number; updated: number; unchanged: number } | null
}

export interface RowError {
  row: number
  column: string
  reason: string
}

/** Up to CHUNK valid rows (kind rows) or error entries (kind errors) of one import. */
export interface ChunkDoc {
  _id: string
  jobId: string
  kind: 'rows' | 'errors'
  index: number
  size: number
  rows?: RegisterRow[]
  errors?: RowError[]
  state: 'pending' | 'done'
  /** a run's classification, written before its writes, so a run after a crash counts the same */
  planned?: { added: number; updated: number; unchanged: number } | null
  added?: number
  updated?: number
  unchanged?: number
}

/** Rows per chunk: one `in` query and one bulk add each (the cloud database's 1,000). */
export const CHUNK = 1000

export const register = (db: Db) => db.collection<RegisterDoc>('register')
export const imports = (db: Db) => db.collection<ImportDoc>('registerImports')
export const chunks = (db: Db) => db.collection<ChunkDoc>('registerChunks')

export const chunkId = (jobId: string, kind: 'rows' | 'errors', index: number) => `${jobId}-${kind === 'rows' ? 'r' : 'e'}${index}`

/** The storage folder a staff member's register files go to (the phone may write only there). */
export const registerFolder = (openid: string) => `register-uploads/${createHash('sha256').update(`register:${openid}`).digest('hex').slice(0, 24)}`

/** The same file previewed again (a retry) is the same job. */
export const jobIdOf = (openid: string, fileId: string) => createHash('sha256').update(`${openid}\u0000${fileId}`).digest('hex').slice(0, 32)
