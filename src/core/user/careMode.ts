/**
 * When to offer 关怀模式 unasked. WeChat reports the font size the owner chose in
 * 我 → 设置 → 通用 → 字体大小 as `fontSizeSetting` (px): 16 on Android and 17 on iOS at the
 * standard size, larger when enlarged. One step up (18) is a mild preference; from 20 the owner
 * has clearly asked for large text, so that is where the offer starts. A platform judgment, not
 * a WeChat rule: change it here.
 */
export const LARGE_FONT_PX = 20

export interface CareOfferInput {
  /** fontSizeSetting, or null where the platform does not say (H5) */
  fontSize: number | null
  /** 关怀模式 is already on */
  careMode: boolean
  /** offered before on this phone (whatever the answer was) */
  offered: boolean
}

/** Offer once, only to someone with large system text who does not have it on already. */
export const shouldOfferCareMode = ({ fontSize, careMode, offered }: CareOfferInput): boolean =>
  !careMode && !offered && typeof fontSize === 'number' && Number.isFinite(fontSize) && fontSize >= LARGE_FONT_PX
