import { z } from '../zod'
import { MAX_PAGE } from './pageSize'

export { MAX_PAGE }

/**
 * Lists that can grow page with a cursor, never an offset: an offset shifts when something is
 * added above it, so a page would repeat or skip an entry. The cursor is opaque to the client
 * (the server makes and reads it, cloudfunctions/common/paging.ts); the client only hands back
 * the `nextCursor` it was given.
 */
export const cursorSchema = z.string().max(300, '列表位置不对，请刷新后再试').regex(/^[A-Za-z0-9_-]+$/, '列表位置不对，请刷新后再试')

/** The input of a paged list: where to go on from (absent: the top) and how many. */
export const pageInput = (defaultLimit = 20, maxLimit = MAX_PAGE) => ({
  cursor: cursorSchema.optional(),
  limit: z.number().int().min(1).max(maxLimit).default(defaultLimit)
})

/** The output's paging fields: how many there are in all now (a count query), and where to go on. */
export const pageOutput = {
  /** how many entries the list has now, whatever page this is */
  total: z.number().int(),
  /** null on the last page */
  nextCursor: z.string().nullable()
}
