import { cloudPorts } from './adapters/cloud/ports'
import type { WxCloud } from './adapters/cloud/sdk'
import { dispatch, isTimerEvent, type CloudFunction } from './router'

/**
 * The WeChat entry of a function: identity from getWXContext (never from the payload), ports
 * bound to wx-server-sdk, timer events to the function's timer handler.
 */
export function cloudMain(fn: CloudFunction) {
  // Loaded here, not at module top, so bundling/testing the routes never loads the SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as WxCloud
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const ports = cloudPorts(cloud)
  return async (event: unknown) => {
    const { OPENID } = cloud.getWXContext()
    // Only WeChat's timer has no OPENID: a client posting {Type:'Timer'} is just a bad request.
    if (isTimerEvent(event) && !OPENID) {
      if (!fn.onTimer) return { ok: false, error: { code: 'NOT_FOUND', message: '没有定时任务' } }
      return { ok: true, data: await fn.onTimer(ports, event) }
    }
    return dispatch(fn, event, { openid: OPENID }, ports)
  }
}
