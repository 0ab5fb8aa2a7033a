import { holdingFor } from '../../cloudfunctions/user/stalls'
import type { OwnerDoc, StallDoc } from '../../cloudfunctions/user/owners'
import { rangeProblem, stallNumbers } from '../../src/core/admin/stallRange'
import { shareAllowed, STALL_REQUEST_STATUSES } from '../../src/core/user/stall'

describe('binding beside a stall’s holder', () => {
  test('off unless a regulator turned it on; a stall’s own setting wins over its market’s', () => {
    expect(shareAllowed({}, {})).toBe(false)
    expect(shareAllowed({ allowShared: null }, { allowShared: true })).toBe(true)
    expect(shareAllowed({ allowShared: false }, { allowShared: true })).toBe(false)
    expect(shareAllowed({ allowShared: true }, { allowShared: false })).toBe(true)
    expect(shareAllowed({ allowShared: undefined }, {})).toBe(false)
  })

  test('what a scan says: mine, beside the holder, held by someone, or free (never who)', () => {
    const stall = { _id: 's1' } as StallDoc
    const me = (o: Partial<OwnerDoc>) => ({ _id: 'me', stallId: null, ...o }) as OwnerDoc
    expect(holdingFor('me', 'me', me({ stallId: 's1' }), stall)).toBe('mine')
    expect(holdingFor('me', 'other', me({ stallId: 's1', stallShared: true }), stall)).toBe('mineShared')
    expect(holdingFor('me', 'other', me({ stallId: 's2', stallShared: true }), stall)).toBe('held')
    expect(holdingFor('me', 'other', null, stall)).toBe('held')
    expect(holdingFor('me', null, null, stall)).toBe('free')
  })

  test('a request waiting for its final step reads as waiting to the owner', () => {
    expect(STALL_REQUEST_STATUSES.approving).toBe(STALL_REQUEST_STATUSES.pending)
  })
})

describe('a run of stall numbers on the staff markets page', () => {
  test('numbers are padded to the run’s width', () => {
    expect(stallNumbers('A-', 1, 3)).toEqual(['A-01', 'A-02', 'A-03'])
    expect(stallNumbers('', 98, 101)).toEqual(['098', '099', '100', '101'])
    expect(stallNumbers('B', 1, 500)).toHaveLength(200)
  })

  test.each([
    ['A-', '1', '10', null],
    ['A-', '5', '2', '结束编号不能小于开始编号'],
    ['A-', '0', '2', '编号从1开始'],
    ['A-', '', '2', '请填写起止编号（数字）'],
    ['A-', '1.5', '2', '请填写起止编号（数字）'],
    ['A-', '1', '300', '一次最多添加200个摊位'],
    ['A 区', '1', '2', '编号前缀只能含字母、数字、汉字和“-”，最多8个字']
  ])('prefix %p from %p to %p → %p', (prefix, from, to, problem) => {
    expect(rangeProblem(prefix, from, to)).toBe(problem)
  })
})
