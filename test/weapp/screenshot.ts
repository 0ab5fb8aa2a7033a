import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { hasChromium, launch, screenshotTo } from '../helpers/browser'
import type { VNode } from './render'
import type { WeappSim } from './sim'

/**
 * A picture of what the simulated WeChat would draw, for a person to look at (weapp-only screens
 * such as the privacy dialog have no H5 counterpart). The element tree comes from wcc, as in the
 * tests; the drawing is Chromium's with the package's own WXSS, rpx turned into px for a 390 px
 * wide phone. It is an approximation of WeChat's view layer (native components such as picker
 * and input are drawn as plain HTML), good for reading text and layout, not for pixel checks.
 */
export const WEAPP_ARTIFACTS = resolve('test-artifacts/weapp')
const WIDTH = 390

const TAGS: Record<string, string> = { 'wx-text': 'span', 'wx-button': 'button', 'wx-image': 'img', 'wx-input': 'input', 'wx-textarea': 'textarea' }
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A canvas's drawing as a data URL (the Canvas 2D node the page drew on), if it drew. */
type CanvasSrc = (id: string) => string | null

function html(n: VNode | string, canvasSrc: CanvasSrc): string {
  if (typeof n === 'string') return esc(n)
  const a = n.attr
  // a canvas is shown as what the page drew on it
  const drawn = n.tag === 'wx-canvas' && a.id ? canvasSrc(String(a.id)) : null
  if (drawn) return `<img class="${esc(String(a.class ?? ''))}" style="${esc(String(a.style ?? ''))}" src="${drawn}">`
  const tag = TAGS[n.tag] ?? 'div'
  const attrs = [
    a.class ? `class="${esc(String(a.class))}"` : '',
    a.style || a.hidden === true ? `style="${esc(String(a.style ?? ''))}${a.hidden === true ? ';display:none' : ''}"` : '',
    tag === 'img' && a.src ? `src="${esc(String(a.src))}"` : '',
    tag === 'input' ? `value="${esc(String(a.value ?? ''))}" placeholder="${esc(String(a.placeholder ?? ''))}"` : '',
    tag === 'textarea' ? `placeholder="${esc(String(a.placeholder ?? ''))}"` : ''
  ].filter(Boolean)
  const inner = tag === 'textarea' ? esc(String(a.value ?? '')) : n.children.map((c) => html(c, canvasSrc)).join('')
  return tag === 'img' || tag === 'input' ? `<${tag} ${attrs.join(' ')}>` : `<${tag} ${attrs.join(' ')}>${inner}</${tag}>`
}

/** WXSS → CSS for the picture: rpx at this phone's width; `page` is the body. */
function css(root: string, route: string, withTabBar = false): string {
  const files = ['app.wxss', `${route}.wxss`, ...(withTabBar ? ['custom-tab-bar/index.wxss'] : [])].map((f) => join(root, f)).filter(existsSync)
  // WeChat follows a page's @import (a sub-package's shared styles land in sub-vendors.wxss), once each
  const seen = new Set<string>()
  const load = (f: string): string => {
    if (seen.has(f) || !existsSync(f)) return ''
    seen.add(f)
    return readFileSync(f, 'utf8').replace(/@import\s*["']([^"']+)["']\s*;/g, (_m, rel: string) => load(join(dirname(f), rel)))
  }
  return files
    .map(load)
    .join('\n')
    .replace(/(-?\d*\.?\d+)rpx/g, (_m, v: string) => `${((Number(v) * WIDTH) / 750).toFixed(2)}px`)
}

/** Saves test-artifacts/weapp/<name>.png of the current page (and any dialog on it). */
export async function weappShot(sim: WeappSim, name: string): Promise<string | null> {
  if (!hasChromium()) return null
  mkdirSync(WEAPP_ARTIFACTS, { recursive: true })
  const tree = sim.render()
  const canvasSrc: CanvasSrc = (id) => {
    const c = sim.canvas(id)
    return c ? `data:image/png;base64,${c.png().toString('base64')}` : null
  }
  // a tab page's own tab bar (custom-tab-bar/), drawn where WeChat puts it: fixed at the bottom
  const bar = sim.renderTabBar()
  const body = [...tree.children, ...(bar ? bar.children : [])].map((c) => html(c, canvasSrc)).join('')
  const page = `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#ededed}button{display:block;width:100%;font:inherit}${css(sim.opts.root, sim.page.route, Boolean(bar))}</style></head><body>${body}</body></html>`
  const b = await launch()
  try {
    const p = await b.browser.newPage({ viewport: { width: WIDTH, height: 844 }, deviceScaleFactor: 2 })
    await p.setContent(page)
    const file = join(WEAPP_ARTIFACTS, `${name}.png`)
    await screenshotTo(p, file)
    return file
  } finally {
    await b.close()
  }
}
