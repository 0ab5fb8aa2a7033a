import Taro from '@tarojs/taro'
import type { Transport } from './transport'

export type { CallBody, Transport } from './transport'

/** In WeChat: the cloud function gets the caller's identity from WeChat itself. */
export const transport: Transport = async (fn, body) => {
  const res = await Taro.cloud.callFunction({ name: fn, data: body as unknown as Record<string, unknown> })
  return res.result
}
