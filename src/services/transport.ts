/**
 * How a call reaches a cloud function. Taro picks transport.weapp.ts (wx.cloud.callFunction) or
 * transport.h5.ts (HTTP to the local cloud) by platform; this file is what other targets and
 * the type checker see.
 */
export interface CallBody {
  action: string
  payload: unknown
  requestId?: string
}
export type Transport = (fn: string, body: CallBody) => Promise<unknown>

export const transport: Transport = async () => {
  throw new Error(`no transport for platform ${process.env.TARO_ENV}`)
}
