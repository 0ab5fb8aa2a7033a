import { PRIVACY_VERSION } from '../src/core/user/privacy'
import { demoCreditCode } from './local-cloud/demo'

/** Calls an action on a local cloud as `openid`; throws on an error envelope (a bench must not time failures). */
export const poster = (url: string) => async (openid: string, action: string, payload: unknown) => {
  const res = await fetch(`${url}/api/functions/${action.split('.')[0]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ action, payload })
  })
  const body = (await res.json()) as { ok: boolean }
  if (!body.ok) throw new Error(`${action}: ${JSON.stringify(body)}`)
}

/** `n` owners who accepted the notice and saved a profile; `vary` adjusts each one's profile. */
export async function onboardOwners(post: ReturnType<typeof poster>, prefix: string, n: number, vary: (i: number) => Record<string, unknown> = () => ({})) {
  const owners = Array.from({ length: n }, (_, i) => `${prefix}-${i}`)
  for (const [i, openid] of owners.entries()) {
    await post(openid, 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true })
    await post(openid, 'user.profile.save', {
      businessName: `压测第${i}号摊`,
      creditCode: demoCreditCode('330302', `MA${String(i).padStart(7, '0')}`),
      industry: 'retail',
      region: '330302',
      openedOn: '2023-05-01',
      employees: i % 5,
      revenueBand: '10w_50w',
      taxPaid: i % 2 === 0,
      socialInsurance: false,
      groups: [],
      ...vary(i)
    })
  }
  return owners
}

/** `requests` calls spread over one worker per owner (so `owners.length` concurrent callers); sorted latencies in ms. */
export async function concurrently(owners: string[], requests: number, call: (openid: string) => Promise<void>) {
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    owners.map(async (openid) => {
      while (next < requests) {
        next++
        const t = performance.now()
        await call(openid)
        latencies.push(performance.now() - t)
      }
    })
  )
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 }
}

export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
