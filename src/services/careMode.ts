import Taro from '@tarojs/taro'
import { shouldOfferCareMode } from '../core/user/careMode'

/** Set when the offer was shown, so it is never asked again on this phone. */
export const CARE_OFFERED_KEY = 'care-mode-offered'

/** The phone's WeChat font size in px; null in H5 or where WeChat does not say. */
export function systemFontSize(): number | null {
  if (process.env.TARO_ENV !== 'weapp') return null
  try {
    // getAppBaseInfo replaces the deprecated getSystemInfoSync (base library 2.20.1+)
    const info = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()
    const size = (info as { fontSizeSetting?: unknown }).fontSizeSetting
    return typeof size === 'number' ? size : null
  } catch {
    return null
  }
}

/** Asks once whether to turn 关怀模式 on, when the phone's text is large (see LARGE_FONT_PX). */
export async function offerCareMode(careMode: boolean, enable: () => Promise<void>) {
  if (!shouldOfferCareMode({ fontSize: systemFontSize(), careMode, offered: Boolean(Taro.getStorageSync(CARE_OFFERED_KEY)) })) return
  // remembered before asking: closing the app on the dialog does not bring it back
  Taro.setStorageSync(CARE_OFFERED_KEY, true)
  const r = await Taro.showModal({
    title: '开启关怀模式？',
    content: '您手机上的字调得比较大。开启关怀模式后，这里的字更大、按钮更大、颜色更清楚。以后也可以在“我的 → 设置”里随时开关。',
    confirmText: '开启',
    cancelText: '暂不'
  })
  if (!r.confirm) return
  try {
    await enable()
  } catch {
    Taro.showToast({ title: '没有开启成功，可在“我的”里再试', icon: 'none' })
  }
}
