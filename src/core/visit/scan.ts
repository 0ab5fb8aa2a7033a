/** A stall code: what the stall QR's scene carries (user/contract stallCodeSchema). */
const STALL_CODE = /^[2-9A-HJ-NP-Z]{6,10}$/

/**
 * The stall code in what a scan read: the 小程序码's page path (`pages/onboard/index?scene=…`, its
 * scene URL-encoded), the local build's link (`…#/pages/onboard/index?scene=…`), or the bare code.
 * Null when it is none of these (another QR code).
 */
export function stallCodeFrom(...texts: Array<string | null | undefined>): string | null {
  for (const raw of texts) {
    const text = (raw ?? '').trim()
    if (!text) continue
    const m = /[?&]scene=([^&#]+)/.exec(text)
    let code = m ? m[1] : text
    try {
      code = decodeURIComponent(code)
    } catch {
      // left as read
    }
    code = code.trim().toUpperCase()
    if (STALL_CODE.test(code) && (m || text.length === code.length)) return code
  }
  return null
}
