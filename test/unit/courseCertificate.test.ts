import fc from 'fast-check'
import jsQR from 'jsqr'
import { formatDuration, secondsLeft } from '../../src/core/common/countdown'
import { CODE_ALPHABET, CODE_LENGTH, certificateQrText, checkCertificateCode, checkCharacter, formatCode, makeCertificateCode, maskName } from '../../src/core/course/certificateCode'
import { modulesFor } from '../../src/core/course/content'
import { examGate, RETRY_WAIT_MINUTES, submitWaitSeconds } from '../../src/core/course/exam'
import { drawCertificate, drawQr, IMAGE_HEIGHT, IMAGE_WIDTH, qrModules, type Certificate, type Ctx2D } from '../../src/course/certificateArt'

const NOW = new Date('2026-11-21T02:00:00Z')
const IDS = modulesFor('catering').flatMap((m) => m.lessons.map((l) => l.id))
const readAll = Object.fromEntries(IDS.map((id) => [id, '2026-11-20T02:00:00Z']))

describe('the test opens only after every lesson of the track', () => {
  test('one lesson read of twelve: closed, with the eleven left named in course order', () => {
    const g = examGate({ lessonIds: IDS, read: { [IDS[0]]: 'x' }, passed: false, lastFailedAt: null, now: NOW })
    expect(IDS).toHaveLength(12)
    expect(g).toMatchObject({ canStart: false, retryAt: null, waitSeconds: 0 })
    expect(g.lessonsLeft).toEqual(IDS.slice(1))
  })

  test('every lesson read: open; a read lesson of another track does not count', () => {
    expect(examGate({ lessonIds: IDS, read: readAll, passed: false, lastFailedAt: null, now: NOW })).toEqual({ canStart: true, lessonsLeft: [], retryAt: null, waitSeconds: 0 })
    // eleven of the track plus a lesson of another track is still one short
    const { [IDS[11]]: _last, ...eleven } = readAll
    const g = examGate({ lessonIds: IDS, read: { ...eleven, 'some-other-track-lesson': 'x' }, passed: false, lastFailedAt: null, now: NOW })
    expect(g).toMatchObject({ canStart: false, lessonsLeft: [IDS[11]] })
  })

  test('after a fail: closed for the wait, with the seconds left; a pass has no wait', () => {
    const failedAt = new Date(NOW.getTime() - 61_000).toISOString()
    const g = examGate({ lessonIds: IDS, read: readAll, passed: false, lastFailedAt: failedAt, now: NOW })
    expect(g.canStart).toBe(false)
    expect(g.waitSeconds).toBe(RETRY_WAIT_MINUTES * 60 - 61)
    expect(g.retryAt?.toISOString()).toBe(new Date(Date.parse(failedAt) + RETRY_WAIT_MINUTES * 60_000).toISOString())
    expect(examGate({ lessonIds: IDS, read: readAll, passed: true, lastFailedAt: failedAt, now: NOW }).canStart).toBe(true)
    const later = new Date(Date.parse(failedAt) + RETRY_WAIT_MINUTES * 60_000)
    expect(examGate({ lessonIds: IDS, read: readAll, passed: false, lastFailedAt: failedAt, now: later })).toMatchObject({ canStart: true, waitSeconds: 0 })
  })

  test('too fast: the seconds still to wait, rounded up, and 0 from 3 s a question on', () => {
    expect(submitWaitSeconds(NOW, new Date(NOW.getTime() + 2_000), 10)).toBe(28)
    expect(submitWaitSeconds(NOW, new Date(NOW.getTime() + 29_001), 10)).toBe(1)
    expect(submitWaitSeconds(NOW, new Date(NOW.getTime() + 30_000), 10)).toBe(0)
    expect(submitWaitSeconds(NOW, new Date(NOW.getTime() + 600_000), 10)).toBe(0)
  })
})

describe('countdowns read as what is left, never as a clock time', () => {
  test('formatDuration', () => {
    expect(formatDuration(279)).toBe('4分39秒')
    expect(formatDuration(3599)).toBe('59分59秒')
    expect(formatDuration(605)).toBe('10分05秒')
    expect(formatDuration(39)).toBe('39秒')
    expect(formatDuration(0.2)).toBe('1秒')
    expect(formatDuration(-5)).toBe('0秒')
    expect(formatDuration(3600)).toBe('1小时00分')
  })
  test('seconds left count from the server’s number on the phone’s own ms clock', () => {
    expect(secondsLeft(279, 1_000, 1_000)).toBe(279)
    expect(secondsLeft(279, 1_000, 1_999)).toBe(279)
    expect(secondsLeft(279, 1_000, 2_000)).toBe(278)
    expect(secondsLeft(5, 0, 60_000)).toBe(0)
  })
})

describe('verification codes', () => {
  /** a seeded generator (mulberry32) */
  const seeded = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  test('short, from characters nobody confuses, and always valid', () => {
    expect(CODE_ALPHABET).not.toMatch(/[01ILOUZ]/)
    expect(CODE_ALPHABET.length).toBe(29)
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const code = makeCertificateCode(seeded(seed))
        expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`))
        expect(checkCertificateCode(code)).toEqual({ ok: true, code })
      }),
      { numRuns: 500 }
    )
  })

  test('typed loosely (lower case, spaces, a dash) or scanned from the QR, it still reads', () => {
    const code = makeCertificateCode(seeded(7))
    expect(formatCode(code)).toBe(`${code.slice(0, 4)}-${code.slice(4)}`)
    expect(checkCertificateCode(` ${formatCode(code).toLowerCase()} `)).toEqual({ ok: true, code })
    expect(checkCertificateCode(`${code.slice(0, 3)} ${code.slice(3)}`)).toEqual({ ok: true, code })
    expect(checkCertificateCode(certificateQrText(code))).toEqual({ ok: true, code })
  })

  test('every single wrong character and every swap of neighbours is caught, with a plain message', () => {
    const code = makeCertificateCode(seeded(11))
    for (let i = 0; i < CODE_LENGTH; i++) {
      for (const ch of CODE_ALPHABET) {
        if (ch === code[i]) continue
        const typo = code.slice(0, i) + ch + code.slice(i + 1)
        expect(checkCertificateCode(typo)).toEqual({ ok: false, message: '核验码有一位不对，请对照证书再输入' })
      }
      if (i < CODE_LENGTH - 1 && code[i] !== code[i + 1]) {
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2)
        expect(checkCertificateCode(swapped).ok).toBe(false)
      }
    }
  })

  test('what a person gets wrong is named: empty, too short, a letter not used, the serial instead', () => {
    expect(checkCertificateCode('  ')).toEqual({ ok: false, message: '请输入证书上的核验码' })
    expect(checkCertificateCode('K7QM')).toEqual({ ok: false, message: '核验码是8位（如 K7QM-X3P9），现在是4位' })
    expect(checkCertificateCode('K7QO-X3P9')).toEqual({ ok: false, message: '第4位“O”不是核验码里的字（核验码里没有0和O，圆的是字母D或Q），请对照证书再输入' })
    expect(checkCertificateCode('K1QM-X3P9')).toMatchObject({ ok: false, message: expect.stringContaining('没有1、I、L') })
    expect(checkCertificateCode('DYK2026000001')).toEqual({ ok: false, message: '这是证书编号。请输入证书上的8位核验码，或扫证书上的二维码' })
    expect(checkCharacter('K7QMX3P')).toHaveLength(1)
  })

  test('a holder’s name is masked but still recognisable', () => {
    expect(maskName('鹿城区阿强水果摊')).toBe('鹿城区***果摊')
    expect(maskName('小李水果店')).toBe('小李**店')
    expect(maskName('张记')).toBe('张*')
    expect(maskName('面')).toBe('*')
  })
})

/** A canvas that records fills into a pixel grid (1 unit = 1 pixel) and keeps the text drawn. */
function pixelCanvas(w: number, h: number) {
  const px = new Uint8ClampedArray(w * h * 4).fill(255)
  const texts: string[] = []
  const rgb = (c: unknown) => {
    const m = /^#([0-9a-f]{6})$/i.exec(String(c))
    const n = m ? parseInt(m[1], 16) : 0
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
  }
  const ctx: Ctx2D = {
    fillStyle: '#000000',
    strokeStyle: '#000000',
    lineWidth: 1,
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    fillRect(x, y, rw, rh) {
      const [r, g, b] = rgb(this.fillStyle)
      for (let yy = Math.max(0, Math.round(y)); yy < Math.min(h, Math.round(y + rh)); yy++)
        for (let xx = Math.max(0, Math.round(x)); xx < Math.min(w, Math.round(x + rw)); xx++) px.set([r, g, b, 255], (yy * w + xx) * 4)
    },
    strokeRect() {},
    fillText(text) {
      texts.push(text)
    },
    measureText(text) {
      return { width: [...text].length * Number(/(\d+)px/.exec(this.font)?.[1] ?? 10) }
    }
  }
  return { ctx, px, texts }
}

describe('the certificate picture', () => {
  const cert: Certificate = { serial: 'DYK2026000001', code: makeCertificateCode(() => 0.5), issuer: '某区市场监督管理局（演示）', businessName: '鹿城区阿强水果摊', issuedOn: '2026-11-21', percent: 90, courseTitle: '开业第一课' }

  test('the QR a phone draws decodes to the certificate’s code', () => {
    const modules = qrModules(certificateQrText(cert.code))
    expect(modules.length).toBeLessThanOrEqual(25) // version 1 or 2: large modules, easy to scan
    const { ctx, px } = pixelCanvas(232, 232)
    drawQr(ctx, modules, 0, 0, 232)
    expect(jsQR(px, 232, 232)?.data).toBe(certificateQrText(cert.code))
  })

  test('the saved picture carries the name, score, code, serial, issuer and date, and its QR decodes', () => {
    const { ctx, px, texts } = pixelCanvas(IMAGE_WIDTH, IMAGE_HEIGHT)
    drawCertificate(ctx, cert)
    const all = texts.join('\n')
    for (const s of ['鹿城区阿强水果摊', '90 分', `核验码 ${formatCode(cert.code)}`, '证书编号 DYK2026000001', '主办单位：某区市场监督管理局（演示）', '2026年11月21日']) expect(all).toContain(s)
    expect(jsQR(px, IMAGE_WIDTH, IMAGE_HEIGHT)?.data).toBe(certificateQrText(cert.code))
  })

  test('with no issuer configured the picture says plainly who issued it, and invents no authority', () => {
    const { ctx, texts } = pixelCanvas(IMAGE_WIDTH, IMAGE_HEIGHT)
    drawCertificate(ctx, { ...cert, issuer: null })
    expect(texts.join('\n')).toContain('由本小程序根据学习和测验记录出具')
    expect(texts.join('\n')).not.toMatch(/主办单位|市场监督管理局/)
  })
})
