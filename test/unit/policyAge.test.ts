import { policyAge } from '../../src/core/policy/age'

describe('policies age with the clock', () => {
  const sm = { effectiveFrom: '2023-09-01', effectiveTo: null, period: { text: '活动时间2023年9月', to: '2023-09-30' } }
  const gz = { effectiveFrom: '2024-01-01', effectiveTo: null, period: { text: '2024年度', to: '2024-12-31' } }
  const wz = { effectiveFrom: '2024-05-10', effectiveTo: null, period: null }

  test('an activity month and a year that are past make a policy 已过期, saying when it ended', () => {
    expect(policyAge(sm, '2023-09-15').state).toBe('current')
    expect(policyAge(sm, '2023-10-01')).toEqual({ state: 'expired', endsOn: '2023-09-30', note: '已过期：文件写明的执行期（活动时间2023年9月）已于2023-09-30结束，仅供查阅，请勿据此申请。' })
    expect(policyAge(gz, '2024-12-31').state).toBe('current')
    expect(policyAge(gz, '2025-01-01').state).toBe('expired')
  })

  test('no stated end: fine for 12 months after publication, then 请确认 until a staff member reviews it', () => {
    expect(policyAge(wz, '2025-05-10').state).toBe('current')
    const old = policyAge(wz, '2025-05-11')
    expect(old.state).toBe('unconfirmed')
    expect(old.note).toBe('发布于2024-05-10，文件未写明截止日期，请向主管部门确认是否仍在执行。')
    // a review on 1 Nov 2026 keeps it current for another 12 months
    expect(policyAge({ ...wz, reviewedAt: '2026-11-01T02:00:00.000Z' }, '2026-11-21').state).toBe('current')
    expect(policyAge({ ...wz, reviewedAt: '2026-11-01T02:00:00.000Z' }, '2027-11-02').state).toBe('unconfirmed')
  })

  test('an explicit effectiveTo wins over a later period end', () => {
    expect(policyAge({ effectiveFrom: '2024-01-01', effectiveTo: '2024-06-30', period: { text: '2024年度', to: '2024-12-31' } }, '2024-07-01')).toMatchObject({ state: 'expired', endsOn: '2024-06-30' })
  })
})
