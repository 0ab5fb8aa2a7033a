import { deflateSync } from 'node:zlib'

/**
 * WeChat's Canvas 2D node (what `SelectorQuery.fields({ node: true })` hands over for
 * `<canvas type="2d">`), for the simulated WeChat. It rasterises what a certificate or a QR code
 * needs — filled and stroked rectangles under scale/translate — into real pixels, so a test can
 * decode the QR code the app drew; text cannot be rasterised here, so it is recorded instead.
 * Anything else a 2D context offers is accepted and ignored, as drawing it changes no test.
 */
export class FakeCanvas {
  private w = 300
  private h = 150
  pixels = new Uint8Array(this.w * this.h * 4)
  /** every fillText/strokeText since the size was last set, in order */
  texts: Array<{ text: string; x: number; y: number; font: string }> = []
  private ctx: FakeContext | null = null

  get width() {
    return this.w
  }
  set width(v: number) {
    this.w = Math.max(1, Math.floor(v))
    this.reset()
  }
  get height() {
    return this.h
  }
  set height(v: number) {
    this.h = Math.max(1, Math.floor(v))
    this.reset()
  }

  /** As in a browser, setting a size clears the canvas and the context's state. */
  private reset() {
    this.pixels = new Uint8Array(this.w * this.h * 4)
    this.texts = []
    this.ctx?.resetState()
  }

  getContext(type: string) {
    if (type !== '2d') return null
    this.ctx ??= new FakeContext(this)
    return this.ctx
  }

  createImage() {
    return { src: '', width: 0, height: 0, onload: null, onerror: null }
  }
  requestAnimationFrame(fn: () => void) {
    return setTimeout(fn, 16)
  }
  cancelAnimationFrame(id: ReturnType<typeof setTimeout>) {
    clearTimeout(id)
  }

  /**
   * The canvas as a PNG (what wx.canvasToTempFilePath writes): 8-bit RGBA, no row filter, one
   * zlib stream. Written here rather than by pngjs, whose pure-JS row loop takes a minute on a
   * 1200×1800 picture under jest.
   */
  png(): Buffer {
    const stride = this.w * 4
    const raw = Buffer.alloc((stride + 1) * this.h)
    for (let y = 0; y < this.h; y++) raw.set(this.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
    const header = Buffer.alloc(13)
    header.writeUInt32BE(this.w, 0)
    header.writeUInt32BE(this.h, 4)
    header.set([8, 6, 0, 0, 0], 8)
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
  }

  /** Paints device pixels whose centres fall inside the rectangle. */
  paint(x0: number, y0: number, x1: number, y1: number, rgba: [number, number, number, number]) {
    const xa = Math.max(0, Math.round(Math.min(x0, x1)))
    const xb = Math.min(this.w, Math.round(Math.max(x0, x1)))
    const ya = Math.max(0, Math.round(Math.min(y0, y1)))
    const yb = Math.min(this.h, Math.round(Math.max(y0, y1)))
    if (xa >= xb || ya >= yb) return
    // one 32-bit word per pixel, in memory order r, g, b, a
    const word = new Uint32Array(new Uint8Array(rgba).buffer)[0]
    const words = new Uint32Array(this.pixels.buffer, this.pixels.byteOffset, this.w * this.h)
    for (let y = ya; y < yb; y++) words.fill(word, y * this.w + xa, y * this.w + xb)
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

type Rgba = [number, number, number, number]

function parseColor(c: unknown): Rgba {
  const s = String(c).trim().toLowerCase()
  let m = /^#([0-9a-f]{3})$/.exec(s)
  if (m) return [...[...m[1]].map((d) => parseInt(d + d, 16)), 255] as Rgba
  m = /^#([0-9a-f]{6})$/.exec(s)
  if (m) {
    const n = parseInt(m[1], 16)
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255]
  }
  m = /^rgba?\(([^)]+)\)$/.exec(s)
  if (m) {
    const [r, g, b, a = '1'] = m[1].split(',').map((p) => p.trim())
    return [Number(r), Number(g), Number(b), Math.round(Number(a) * 255)]
  }
  if (s === 'white') return [255, 255, 255, 255]
  return [0, 0, 0, 255]
}

interface State {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
  globalAlpha: number
  /** scale and translation only (what drawing code uses to map units to device pixels) */
  sx: number
  sy: number
  tx: number
  ty: number
}

const initial = (): State => ({ fillStyle: '#000000', strokeStyle: '#000000', lineWidth: 1, font: '10px sans-serif', textAlign: 'start', textBaseline: 'alphabetic', globalAlpha: 1, sx: 1, sy: 1, tx: 0, ty: 0 })

class FakeContext {
  private s: State = initial()
  private stack: State[] = []
  constructor(readonly canvas: FakeCanvas) {}

  resetState() {
    this.s = initial()
    this.stack = []
  }

  get fillStyle() { return this.s.fillStyle }
  set fillStyle(v: unknown) { this.s.fillStyle = v }
  get strokeStyle() { return this.s.strokeStyle }
  set strokeStyle(v: unknown) { this.s.strokeStyle = v }
  get lineWidth() { return this.s.lineWidth }
  set lineWidth(v: number) { this.s.lineWidth = v }
  get font() { return this.s.font }
  set font(v: string) { this.s.font = v }
  get textAlign() { return this.s.textAlign }
  set textAlign(v: string) { this.s.textAlign = v }
  get textBaseline() { return this.s.textBaseline }
  set textBaseline(v: string) { this.s.textBaseline = v }
  get globalAlpha() { return this.s.globalAlpha }
  set globalAlpha(v: number) { this.s.globalAlpha = v }

  save() { this.stack.push({ ...this.s }) }
  restore() { this.s = this.stack.pop() ?? this.s }
  scale(x: number, y: number) {
    this.s.sx *= x
    this.s.sy *= y
  }
  translate(x: number, y: number) {
    this.s.tx += x * this.s.sx
    this.s.ty += y * this.s.sy
  }
  setTransform(a: number, _b: number, _c: number, d: number, e: number, f: number) {
    Object.assign(this.s, { sx: a, sy: d, tx: e, ty: f })
  }
  resetTransform() { this.setTransform(1, 0, 0, 1, 0, 0) }

  private area(x: number, y: number, w: number, h: number, rgba: Rgba) {
    const { sx, sy, tx, ty } = this.s
    this.canvas.paint(tx + x * sx, ty + y * sy, tx + (x + w) * sx, ty + (y + h) * sy, rgba)
  }
  fillRect(x: number, y: number, w: number, h: number) { this.area(x, y, w, h, parseColor(this.s.fillStyle)) }
  clearRect(x: number, y: number, w: number, h: number) { this.area(x, y, w, h, [0, 0, 0, 0]) }
  strokeRect(x: number, y: number, w: number, h: number) {
    const c = parseColor(this.s.strokeStyle)
    const lw = this.s.lineWidth
    this.area(x - lw / 2, y - lw / 2, w + lw, lw, c)
    this.area(x - lw / 2, y + h - lw / 2, w + lw, lw, c)
    this.area(x - lw / 2, y - lw / 2, lw, h + lw, c)
    this.area(x + w - lw / 2, y - lw / 2, lw, h + lw, c)
  }
  fillText(text: string, x: number, y: number) { this.canvas.texts.push({ text: String(text), x, y, font: this.s.font }) }
  strokeText(text: string, x: number, y: number) { this.fillText(text, x, y) }
  measureText(text: string) {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(this.s.font)?.[1] ?? 10)
    // CJK characters are about a font size wide, Latin about half
    const width = [...String(text)].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? size : size * 0.55), 0)
    return { width }
  }
  // Paths: rectangles (a chart's bars) are filled and straight level or upright lines (its axes
  // and grid) are stroked, so a chart shows in a screenshot; curves, arcs (a pie) and images are
  // accepted, not drawn.
  private rects: Array<[number, number, number, number]> = []
  private segments: Array<[number, number, number, number]> = []
  private at: [number, number] | null = null
  beginPath() {
    this.rects = []
    this.segments = []
    this.at = null
  }
  closePath() {}
  moveTo(x: number, y: number) { this.at = [x, y] }
  lineTo(x: number, y: number) {
    if (this.at) this.segments.push([this.at[0], this.at[1], x, y])
    this.at = [x, y]
  }
  arc() {}
  arcTo() {}
  rect(x: number, y: number, w: number, h: number) { this.rects.push([x, y, w, h]) }
  quadraticCurveTo() {}
  bezierCurveTo() {}
  fill() {
    const c = parseColor(this.s.fillStyle)
    for (const [x, y, w, h] of this.rects) this.area(Math.min(x, x + w), Math.min(y, y + h), Math.abs(w), Math.abs(h), c)
  }
  stroke() {
    const c = parseColor(this.s.strokeStyle)
    const lw = Math.max(this.s.lineWidth, 1 / Math.max(this.s.sx, 1e-9))
    for (const [x1, y1, x2, y2] of this.segments) {
      if (y1 === y2) this.area(Math.min(x1, x2), y1 - lw / 2, Math.abs(x2 - x1), lw, c)
      else if (x1 === x2) this.area(x1 - lw / 2, Math.min(y1, y2), lw, Math.abs(y2 - y1), c)
    }
  }
  setLineDash() {}
  getLineDash() { return [] }
  clip() {}
  drawImage() {}
  createLinearGradient() { return { addColorStop() {} } }
  createRadialGradient() { return { addColorStop() {} } }
}
