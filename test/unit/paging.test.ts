import { decodeCursor, encodeCursor, pageAfter } from '../../cloudfunctions/common/paging'
import { RATE_LIMITS, rateMessage, rateWindow } from '../../src/core/common/rateLimit'
import { cursorSchema } from '../../src/core/common/paging'

describe('cursors', () => {
  test('opaque to the client, read back by the server, refused in words when not ours', () => {
    const c = encodeCursor('t', ['2026-11-20T02:00:00.000Z', 'SQ20261120K7M2QX'])
    expect(cursorSchema.safeParse(c).success).toBe(true)
    expect(c).not.toContain('SQ2026')
    expect(decodeCursor(c, 't', 2)).toEqual(['2026-11-20T02:00:00.000Z', 'SQ20261120K7M2QX'])
    // another list's kind, the wrong shape, not base64 JSON at all
    for (const bad of [encodeCursor('p', ['a']), encodeCursor('t', ['a']), 'eHl6', '']) expect(() => decodeCursor(bad, 't', 2)).toThrow('列表位置不对，请刷新后再试')
  })
})

describe('pageAfter: a list ordered in memory', () => {
  const rows = (ids: string[]) => ids.map((id) => ({ id }))
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)
  const never = async () => null

  test('pages follow one another exactly; the total is the whole list', async () => {
    const all = rows(['a', 'b', 'c', 'd', 'e'])
    const one = await pageAfter(all, byId, { limit: 2 }, never)
    const two = await pageAfter(all, byId, { limit: 2, cursor: one.nextCursor! }, never)
    const three = await pageAfter(all, byId, { limit: 2, cursor: two.nextCursor! }, never)
    expect([one, two, three].map((p) => p.items.map((r) => r.id))).toEqual([['a', 'b'], ['c', 'd'], ['e']])
    expect([one.total, three.nextCursor]).toEqual([5, null])
  })

  test('an entry gone since the last page: the next starts right after where it stood', async () => {
    const one = await pageAfter(rows(['a', 'b', 'c', 'd']), byId, { limit: 2 }, never)
    // 'b' (the last shown) was withdrawn and 'a1' was added before it: neither repeats nor skips
    const two = await pageAfter(rows(['a', 'a1', 'c', 'd']), byId, { limit: 2, cursor: one.nextCursor! }, async (id) => ({ id }))
    expect(two.items.map((r) => r.id)).toEqual(['c', 'd'])
    await expect(pageAfter(rows(['a']), byId, { limit: 2, cursor: one.nextCursor! }, never)).rejects.toThrow('列表已更新，请刷新后再试')
  })
})

describe('rate limit windows are China time', () => {
  test('a 10-minute window of the clock, and the China day (00:00 UTC+8)', () => {
    expect(rateWindow('10min', new Date('2026-11-20T02:03:17Z'))).toEqual({ start: new Date('2026-11-20T02:00:00Z'), end: new Date('2026-11-20T02:10:00Z') })
    // 07:30 UTC on 20 November is 15:30 in China: the day began at 16:00 UTC on the 19th
    expect(rateWindow('day', new Date('2026-11-20T07:30:00Z'))).toEqual({ start: new Date('2026-11-19T16:00:00Z'), end: new Date('2026-11-20T16:00:00Z') })
    // 17:00 UTC on the 20th is already the 21st in China
    expect(rateWindow('day', new Date('2026-11-20T17:00:00Z')).start).toEqual(new Date('2026-11-20T16:00:00Z'))
  })

  test('the message says when, in China wall-clock time', () => {
    const now = new Date('2026-11-20T02:03:00Z')
    expect(rateMessage(RATE_LIMITS.complaint, { per: '10min', limit: 5 }, new Date('2026-11-20T02:10:00Z'), now)).toBe('提交太频繁了，请在10:10以后再试')
    expect(rateMessage(RATE_LIMITS.complaint, { per: 'day', limit: 20 }, new Date('2026-11-20T16:00:00Z'), now)).toBe('今天已提交20条诉求，请在11月21日 00:00以后再试')
    expect(rateMessage(RATE_LIMITS.upload, { per: 'day', limit: 30 }, new Date('2026-11-20T16:00:00Z'), now)).toBe('今天已上传30张照片，请在11月21日 00:00以后再试')
    expect(rateMessage(RATE_LIMITS.loan, { per: '10min', limit: 3 }, new Date('2026-11-20T02:10:00Z'), now)).toBe('提交太频繁了，请在10:10以后再试')
  })
})
