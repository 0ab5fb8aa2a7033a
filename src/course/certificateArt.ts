import qrcode from 'qrcode-generator'
import type { Output } from '../core/common/action'
import type { Contracts } from '../core/contracts'
import { certificateQrText, formatCode } from '../core/course/certificateCode'

/**
 * The certificate as a picture, drawn on any 2D canvas: WeChat's Canvas 2D node (saved to the
 * album) or a browser canvas (downloaded as a PNG). Only the calls both have are used, so the
 * one drawing serves both platforms.
 */
export type Certificate = Output<Contracts['course.certificate.get']>

/** The part of CanvasRenderingContext2D this drawing uses (WeChat's Canvas 2D context has all of it). */
export interface Ctx2D {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: unknown
  textBaseline: unknown
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
}

/**
 * The QR code's modules (true = dark) for `text`, by qrcode-generator (pure JavaScript, no DOM:
 * it runs in the mini-program). The text is QR alphanumeric, so version 1 or 2 is enough; level M
 * survives a scuffed print or a cracked screen.
 */
export function qrModules(text: string): boolean[][] {
  const qr = qrcode(0, 'M')
  qr.addData(text, /^[0-9A-Z $%*+\-./:]*$/.test(text) ? 'Alphanumeric' : 'Byte')
  qr.make()
  const n = qr.getModuleCount()
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)))
}

/**
 * Draws a QR code in the square (x, y, size), with the 4-module quiet zone scanners need. Modules
 * are whole drawing units (so whole device pixels at any integer scale): fractional ones leave
 * anti-aliased hairlines between rows that a scanner can trip on.
 */
export function drawQr(ctx: Ctx2D, modules: boolean[][], x0: number, y0: number, size: number) {
  const n = modules.length
  const cell = Math.max(1, Math.floor(size / (n + 8)))
  const pad = Math.floor((size - cell * (n + 8)) / 2)
  const x = Math.round(x0) + pad
  const y = Math.round(y0) + pad
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(x0, y0, size, size)
  ctx.fillStyle = '#000000'
  for (let r = 0; r < n; r++) {
    // one rectangle per run of dark modules: fewer calls, no hairlines between neighbours
    for (let c = 0; c < n; ) {
      if (!modules[r][c]) {
        c++
        continue
      }
      let end = c
      while (end < n && modules[r][end]) end++
      ctx.fillRect(x + (4 + c) * cell, y + (4 + r) * cell, (end - c) * cell, cell)
      c = end
    }
  }
}

/** The saved picture's size in drawing units (drawn at 2× for a sharp image). */
export const IMAGE_WIDTH = 600
export const IMAGE_HEIGHT = 900
export const IMAGE_SCALE = 2

/** Splits text into lines no wider than `max` at the current font (Chinese breaks anywhere). */
function wrap(ctx: Ctx2D, text: string, max: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of text) {
    if (line && ctx.measureText(line + ch).width > max) {
      lines.push(line)
      line = ''
    }
    line += ch
  }
  if (line) lines.push(line)
  return lines
}

/** What the certificate says about who issued it: the configured issuer, or the plain truth. */
export const issuerLine = (c: Certificate) => (c.issuer ? `主办单位：${c.issuer}` : '由本小程序根据学习和测验记录出具')

export const issuedOnText = (issuedOn: string) => {
  const [y, m, d] = issuedOn.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** The whole certificate, as the page shows it, with its QR code: what an owner saves or prints. */
export function drawCertificate(ctx: Ctx2D, c: Certificate) {
  const W = IMAGE_WIDTH
  const H = IMAGE_HEIGHT
  const mid = W / 2
  ctx.fillStyle = '#fffdf6'
  ctx.fillRect(0, 0, W, H)
  ctx.strokeStyle = '#c8a45a'
  ctx.lineWidth = 6
  ctx.strokeRect(18, 18, W - 36, H - 36)
  ctx.lineWidth = 2
  ctx.strokeRect(32, 32, W - 64, H - 64)

  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillStyle = '#8a5a00'
  ctx.font = 'bold 48px sans-serif'
  ctx.fillText('结 业 证 书', mid, 110)

  // the business name: as large as fits on one line
  ctx.fillStyle = '#1a1a1a'
  let size = 36
  ctx.font = `bold ${size}px sans-serif`
  while (size > 22 && ctx.measureText(c.businessName).width > W - 120) {
    size -= 2
    ctx.font = `bold ${size}px sans-serif`
  }
  ctx.fillText(c.businessName, mid, 200)

  ctx.font = '24px sans-serif'
  ctx.fillText(`参加“${c.courseTitle}”学习，学完全部课程，`, mid, 262)
  ctx.fillText(`结业测验成绩 ${c.percent} 分，准予结业。`, mid, 302)

  const qr = 210
  drawQr(ctx, qrModules(certificateQrText(c.code)), mid - qr / 2, 350, qr)

  ctx.fillStyle = '#1a1a1a'
  ctx.font = 'bold 30px sans-serif'
  ctx.fillText(`核验码 ${formatCode(c.code)}`, mid, 600)
  ctx.font = '22px sans-serif'
  ctx.fillText(`证书编号 ${c.serial}`, mid, 644)
  let y = 700
  for (const line of wrap(ctx, issuerLine(c), W - 120)) {
    ctx.fillText(line, mid, y)
    y += 34
  }
  ctx.fillText(issuedOnText(c.issuedOn), mid, y + 6)

  ctx.fillStyle = '#666666'
  ctx.font = '18px sans-serif'
  ctx.fillText('市场监管工作人员扫二维码或输入核验码，即可核对真伪', mid, H - 70)
}
