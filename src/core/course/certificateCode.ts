// A certificate's verification code (核验码): what an officer types or scans to check that a
// certificate an owner shows was issued here. Pure: no I/O; the server draws the random part.

/**
 * Digits and capitals without the look-alikes a person misreads on a phone or on paper: no 0 or O
 * (D and Q stay), no 1, I or L, no U (V stays), no Z (2 stays). 29 characters, a prime, so the
 * check character below catches every single wrong character and every swap of two neighbours.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXY'
/** 7 random characters (29^7 ≈ 1.7 × 10^10) and 1 check character. */
export const CODE_LENGTH = 8
/** What the certificate's QR code carries: a marker (so a scan can tell it from a stall code) and the code. */
export const QR_PREFIX = 'DYKCERT:'

const N = CODE_ALPHABET.length
const value = (ch: string) => CODE_ALPHABET.indexOf(ch)

/** Weighted sum with weights 1..8: a valid code sums to 0 mod 29. */
const weighted = (chars: string) => [...chars].reduce((s, ch, i) => s + (i + 1) * value(ch), 0)

/** The character that makes `body` (7 characters) a valid code: 8·c ≡ −sum (mod 29); 11 is 8⁻¹ mod 29. */
export function checkCharacter(body: string): string {
  const s = weighted(body) % N
  return CODE_ALPHABET[(((N - s) % N) * 11) % N]
}

/** A new code from a uniform random source in [0, 1). */
export function makeCertificateCode(rng: () => number): string {
  let body = ''
  for (let i = 0; i < CODE_LENGTH - 1; i++) body += CODE_ALPHABET[Math.min(N - 1, Math.floor(rng() * N))]
  return body + checkCharacter(body)
}

/** Shown in two groups of four, as on the certificate: K7QM-X3P9. */
export const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`

export const certificateQrText = (code: string) => `${QR_PREFIX}${code}`

export type CodeCheck = { ok: true; code: string } | { ok: false; message: string }

/**
 * Reads what an officer typed or scanned: spaces, dashes and lower case are fine, and the QR's
 * text is accepted as it is. Every refusal says what to do in plain words.
 */
export function checkCertificateCode(input: string): CodeCheck {
  const raw = input.trim().toUpperCase()
  const text = raw.startsWith(QR_PREFIX) ? raw.slice(QR_PREFIX.length) : raw
  const code = text.replace(/[\s\-－—_·.]/g, '')
  if (!code) return { ok: false, message: '请输入证书上的核验码' }
  if (/^DYK\d+$/.test(code)) return { ok: false, message: '这是证书编号。请输入证书上的8位核验码，或扫证书上的二维码' }
  const bad = [...code].findIndex((ch) => value(ch) < 0)
  if (bad >= 0) {
    const ch = code[bad]
    const hint = /[0O]/.test(ch) ? '（核验码里没有0和O，圆的是字母D或Q）' : /[1IL]/.test(ch) ? '（核验码里没有1、I、L）' : ''
    return { ok: false, message: `第${bad + 1}位“${ch}”不是核验码里的字${hint}，请对照证书再输入` }
  }
  if (code.length !== CODE_LENGTH) return { ok: false, message: `核验码是${CODE_LENGTH}位（如 K7QM-X3P9），现在是${code.length}位` }
  if (weighted(code) % N !== 0) return { ok: false, message: '核验码有一位不对，请对照证书再输入' }
  return { ok: true, code }
}

/**
 * A holder's name as an officer's check shows it: enough to compare with the certificate in front
 * of them, not enough to learn a business's name from a code alone (个人信息保护法 Art. 51).
 */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  const head = Math.ceil(chars.length / 3)
  const tail = Math.max(1, Math.floor(chars.length / 4))
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('')
}
