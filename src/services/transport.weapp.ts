import Taro from '@tarojs/taro'
import { ApiError } from './api'
import { NO_CLOUD_MESSAGE } from './deploy'
import type { Transport } from './transport'

export type { CallBody, Transport } from './transport'

/**
 * WeChat's answers when the mini-program has no usable cloud environment (none enabled, or the
 * configured id is wrong): errCode -501000 "Environment not found" / "env check invalid".
 */
const NO_ENVIRONMENT = /-501000|-501005|Environment (not found|invalid)|env check invalid|cloud\.init/i

/** In WeChat: the cloud function gets the caller's identity from WeChat itself. */
export const transport: Transport = async (fn, body) => {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: body as unknown as Record<string, unknown> })
    return res.result
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? err)
    if (NO_ENVIRONMENT.test(msg)) throw new ApiError({ code: 'INTERNAL', message: NO_CLOUD_MESSAGE })
    throw err
  }
}
