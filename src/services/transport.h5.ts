import type { Transport } from './transport'
import { currentOpenid } from './identity'

export type { CallBody, Transport } from './transport'

/**
 * In the H5 build: HTTP to the local cloud on the same origin. The x-wx-openid header is the
 * local stand-in for WeChat's injected identity (the identity picker chooses it).
 */
export const transport: Transport = async (fn, body) => {
  const res = await fetch(`/api/functions/${encodeURIComponent(fn)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': currentOpenid() },
    body: JSON.stringify(body)
  })
  return res.json()
}
