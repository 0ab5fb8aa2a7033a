import { action, REGULATOR } from '../common/action'
import { cursorSchema, pageInput, pageOutput } from '../common/paging'
import { id, z } from '../zod'
import { REGISTER_STATUSES } from './rows'

/** A storage file id as the phone's upload returns it (cloud://… or local:…). */
const fileIdSchema = z.string().min(1, '请先选择文件').max(500, '文件编号格式不对')

const entrySchema = z.strictObject({
  creditCode: z.string(),
  name: z.string(),
  /** masked: staff views never show a whole personal name */
  operatorName: z.string(),
  address: z.string(),
  registeredOn: z.string().nullable(),
  status: z.enum(REGISTER_STATUSES),
  statusText: z.string(),
  region: z.string(),
  regionName: z.string(),
  marketName: z.string().nullable()
})

const errorSchema = z.strictObject({
  /** the row number as Excel shows it (the header row counts) */
  row: z.number().int(),
  column: z.string(),
  reason: z.string()
})

const errorsPageSchema = z.strictObject({ items: z.array(errorSchema), ...pageOutput })

const progressSchema = z.strictObject({
  /** rows written or checked so far, of `total` valid rows */
  done: z.number().int(),
  total: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  finished: z.boolean()
})

export const registerContract = {
  /**
   * Where the phone stores the file (its own folder in cloud storage): the function only reads a
   * file at a path it issued to the caller.
   */
  'register.import.prepare': action({
    input: z.strictObject({ ext: z.enum(['xlsx', 'csv']) }),
    output: z.strictObject({ cloudPath: z.string(), maxBytes: z.number().int() }),
    roles: REGULATOR
  }),
  /**
   * Reads the whole file, checks every row and keeps the good ones (in chunks) for `run`;
   * nothing in the register changes yet. The same file previewed again answers the same job.
   */
  'register.import.preview': action({
    input: z.strictObject({ fileId: fileIdSchema }),
    output: z.strictObject({
      jobId: z.string(),
      /** data rows in the file (blank rows not counted) */
      rows: z.number().int(),
      valid: z.number().int(),
      /** rows with a problem: they are not imported */
      errors: z.number().int(),
      willAdd: z.number().int(),
      willUpdate: z.number().int(),
      unchanged: z.number().int(),
      /** recognised columns (Chinese names) and headers that were not used */
      columns: z.array(z.string()),
      ignored: z.array(z.string()),
      sample: z.array(entrySchema),
      errorsPage: errorsPageSchema
    }),
    roles: REGULATOR
  }),
  'register.import.errors': action({
    input: z.strictObject({ jobId: id, cursor: cursorSchema.optional() }),
    output: errorsPageSchema,
    roles: REGULATOR
  }),
  /** Writes as many chunks as fit in its time; call again until `finished`. */
  'register.import.run': action({
    input: z.strictObject({ jobId: id }),
    output: progressSchema,
    roles: REGULATOR
  }),
  'register.list': action({
    input: z.strictObject({
      /** the start of a name, or of a credit code */
      q: z.string().trim().max(30, '最多 30 个字').optional(),
      marketId: id.optional(),
      ...pageInput()
    }),
    output: z.strictObject({ items: z.array(entrySchema), ...pageOutput }),
    roles: REGULATOR
  })
}
