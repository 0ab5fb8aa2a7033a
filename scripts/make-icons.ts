import { writeFileSync } from 'node:fs'
import { PNG } from 'pngjs'

/**
 * Draws the four tab-bar icons (81×81 PNG, WeChat's recommended size) from simple shapes, so
 * the repo holds their source, not just binaries. Run: npx tsx scripts/make-icons.ts
 */
type Shape = (x: number, y: number) => boolean
const S = 81
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const ring = (cx: number, cy: number, r: number, w: number): Shape => (x, y) => {
  const d = Math.hypot(x - cx, y - cy)
  return d <= r && d >= r - w
}
const tri = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape => (x, y) => {
  const s = (px: number, py: number, qx: number, qy: number) => (x - qx) * (py - qy) - (px - qx) * (y - qy)
  const d1 = s(ax, ay, bx, by), d2 = s(bx, by, cx, cy), d3 = s(cx, cy, ax, ay)
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
}
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((f) => f(x, y))
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y)

const ICONS: Record<string, Shape> = {
  home: minus(union(tri(40.5, 10, 8, 40, 73, 40), rect(16, 38, 65, 70)), rect(33, 48, 48, 70)),
  policy: minus(rect(16, 8, 65, 73), union(rect(24, 20, 57, 25), rect(24, 33, 57, 38), rect(24, 46, 47, 51))),
  services: union(rect(12, 12, 36, 36), rect(45, 12, 69, 36), rect(12, 45, 36, 69), rect(45, 45, 69, 69)),
  me: union(circle(40.5, 26, 15), minus(circle(40.5, 80, 34), rect(0, 0, 81, 50)), ring(40.5, 26, 15, 1))
}

function draw(shape: Shape, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width: S, height: S })
  const n = 4 // supersampling for smooth edges
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      let hit = 0
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (shape(x + (i + 0.5) / n, y + (j + 0.5) / n)) hit++
      const k = (y * S + x) * 4
      png.data[k] = rgb[0]
      png.data[k + 1] = rgb[1]
      png.data[k + 2] = rgb[2]
      png.data[k + 3] = Math.round((255 * hit) / (n * n))
    }
  }
  return PNG.sync.write(png)
}

for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(`src/assets/tab/${name}.png`, draw(shape, [127, 127, 127]))
  writeFileSync(`src/assets/tab/${name}-on.png`, draw(shape, [7, 193, 96]))
}
console.log('icons written to src/assets/tab')
