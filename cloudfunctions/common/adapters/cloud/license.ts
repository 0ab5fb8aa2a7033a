import type { LicenseAuth, Logger } from '../../ports'

/**
 * 电子营业执照 authorization in the cloud (#16). The owner authorizes in the official 电子营业执照
 * mini-program (appId LICENSE_APP_ID, page LICENSE_APP_PATH), which hands back an authorization
 * code; this adapter asks the authorization service (LICENSE_AUTH_URL, with LICENSE_AUTH_KEY as a
 * bearer credential) whether the licence behind that code has this credit code and this name:
 *   POST {authCode, creditCode, name} → {match: boolean} (or {error: 'invalid_code'})
 * The exact request of the provider's service is agreed with it when the deployment is set up;
 * this is the one place that speaks it. Without URL and key the port says 'off' and the app
 * explains that the licence check is unavailable (the in-person check still works).
 */
export function cloudLicense(env: Record<string, string | undefined>, log: Logger, fetchImpl: typeof fetch = fetch): LicenseAuth {
  const url = env.LICENSE_AUTH_URL?.trim() || null
  const key = env.LICENSE_AUTH_KEY?.trim() || null
  const appId = env.LICENSE_APP_ID?.trim() || null
  const configured = !!(url && key && appId)
  return {
    mode: configured ? 'official' : 'off',
    appId: configured ? appId : null,
    path: configured ? env.LICENSE_APP_PATH?.trim() || null : null,
    async verify({ authCode, creditCode, name }) {
      if (!configured) throw new Error('license authorization is not configured')
      const res = await fetchImpl(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ authCode, creditCode, name }),
        signal: AbortSignal.timeout(5000)
      })
      const body = (await res.json().catch(() => null)) as { match?: unknown; error?: unknown } | null
      if (body?.error === 'invalid_code') return { match: false, invalidCode: true }
      if (!res.ok || typeof body?.match !== 'boolean') {
        log.error('[license] unexpected answer', `${res.status}`)
        throw new Error(`license service answered ${res.status}`)
      }
      // only an explicit true counts
      return { match: body.match === true }
    }
  }
}
