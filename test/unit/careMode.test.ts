import { LARGE_FONT_PX, shouldOfferCareMode } from '../../src/core/user/careMode'

describe('offering 关怀模式 from the phone’s font size', () => {
  const base = { careMode: false, offered: false }
  test('standard sizes (16 Android, 17 iOS) and one step up are not asked', () => {
    for (const fontSize of [12, 14, 16, 17, 18, 19]) expect(shouldOfferCareMode({ ...base, fontSize })).toBe(false)
  })
  test('large system text is offered, from the threshold up', () => {
    expect(LARGE_FONT_PX).toBe(20)
    for (const fontSize of [20, 22, 24, 28, 32]) expect(shouldOfferCareMode({ ...base, fontSize })).toBe(true)
  })
  test('never twice, never when already on, never without a reading', () => {
    expect(shouldOfferCareMode({ fontSize: 24, careMode: false, offered: true })).toBe(false)
    expect(shouldOfferCareMode({ fontSize: 24, careMode: true, offered: false })).toBe(false)
    expect(shouldOfferCareMode({ ...base, fontSize: null })).toBe(false)
    expect(shouldOfferCareMode({ ...base, fontSize: Number.NaN })).toBe(false)
  })
})
