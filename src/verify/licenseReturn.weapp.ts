import Taro from '@tarojs/taro'

/**
 * The official 电子营业执照 mini-program, opened with navigateToMiniProgram (its appId comes from
 * the server's configuration, LICENSE_APP_ID). When the owner has authorized, it returns to us
 * and WeChat hands its `extraData` to the app's onShow (referrerInfo): the authorization code
 * the server then checks with the service. The field name is the provider's; `authCode` here.
 */
export const canOpenLicenseApp = true
export async function openLicenseApp(appId: string, path: string | null): Promise<void> {
  await Taro.navigateToMiniProgram({ appId, ...(path ? { path } : {}), extraData: { purpose: 'verify' } })
}
export function onLicenseReturn(cb: (authCode: string) => void): () => void {
  if (typeof Taro.onAppShow !== 'function') return () => undefined
  const listener = (res: { referrerInfo?: { extraData?: Record<string, unknown> } }) => {
    const code = res.referrerInfo?.extraData?.authCode
    if (typeof code === 'string' && code) cb(code)
  }
  Taro.onAppShow(listener as never)
  return () => {
    if (typeof Taro.offAppShow === 'function') Taro.offAppShow(listener as never)
  }
}
