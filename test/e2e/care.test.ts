import type { Page } from 'playwright-core'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot } from '../helpers/e2e'
import { pageCases } from '../weapp/pages'

const env = e2eEnvironment()

/**
 * 关怀模式 on every page of app.json, as its user opens it, on a 390×844 phone: nothing a person
 * reads or taps may be smaller than care-mode text, run off the screen, be cut by its box, or (for
 * codes such as the 统一社会信用代码 or a 诉求 number) break across lines.
 *
 * Care-mode body text is 32 design px = 16.6 CSS px at 390 wide; 16 CSS px leaves room for
 * rounding and is still WeChat's own large-text step.
 */
const MIN_CARE_PX = 16

interface Problem {
  kind: 'small' | 'offscreen' | 'clipped' | 'code-wrapped'
  text: string
  detail: string
}

/** Runs in the page: every visible element that shows text, checked against the rules above. */
function findProblems(minPx: number): Problem[] {
  const out: Problem[] = []
  const vw = document.documentElement.clientWidth
  const seen = new Set<string>()
  const push = (p: Problem) => {
    const key = `${p.kind}|${p.text}`
    if (!seen.has(key)) out.push(p), seen.add(key)
  }
  const isVisible = (el: Element) => {
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0) return false
    for (let e: Element | null = el; e; e = e.parentElement) {
      const s = getComputedStyle(e)
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false
    }
    return true
  }
  // Taro H5 keeps earlier pages in the DOM, hidden; only the shown page and the tab bar count
  const roots = [...document.querySelectorAll('.taro_page, .taro-tabbar__tabbar')].filter(isVisible)
  for (const root of roots) {
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      if (!isVisible(el)) continue
      const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent!.trim()).map((n) => n.textContent!.trim()).join('')
      // a checkbox's value ("on") is not text anyone reads
      const isField = (el.tagName === 'INPUT' && !['checkbox', 'radio', 'hidden'].includes((el as HTMLInputElement).type)) || el.tagName === 'TEXTAREA'
      if (el.tagName === 'INPUT' && !isField) continue
      if (!own && !isField) continue
      const text = (own || (el as HTMLInputElement).placeholder || (el as HTMLInputElement).value || el.tagName).slice(0, 40)
      const s = getComputedStyle(el)
      const size = parseFloat(s.fontSize)
      if (size < minPx) push({ kind: 'small', text, detail: `${size.toFixed(1)}px` })
      if (isField && (el as HTMLInputElement).placeholder) {
        const ph = parseFloat(getComputedStyle(el, '::placeholder').fontSize)
        if (ph < minPx) push({ kind: 'small', text: `占位：${text}`, detail: `${ph.toFixed(1)}px` })
      }
      const r = el.getBoundingClientRect()
      // the tab bar is fixed to the bottom: text below the screen's edge is never seen
      if (el.closest('.taro-tabbar__tabbar') && r.bottom > innerHeight + 1) push({ kind: 'offscreen', text, detail: `bottom ${Math.round(r.bottom)} of ${innerHeight}` })
      if (r.right > vw + 1 || r.left < -1) push({ kind: 'offscreen', text, detail: `${Math.round(r.left)}..${Math.round(r.right)} of ${vw}` })
      // a box that hides overflow and has more text than room: the reader loses the end of it
      const hides = (v: string) => v === 'hidden' || v === 'clip'
      // .teaser previews what a tap opens in full (app.css): the one place a cut is by design
      const teaser = el.closest('.teaser') !== null
      if (!isField && !teaser && (hides(s.overflowX) || s.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1) push({ kind: 'clipped', text, detail: `${el.scrollWidth} > ${el.clientWidth}` })
      if (!isField && !teaser && hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1) push({ kind: 'clipped', text, detail: `height ${el.scrollHeight} > ${el.clientHeight}` })
      // a code (letters and digits, no spaces) is read and copied as one piece: never split
      if (/^[0-9A-Z]{6,24}$/.test(own)) {
        const range = document.createRange()
        range.selectNodeContents(el)
        const lines = new Set([...range.getClientRects()].map((q) => Math.round(q.top)))
        if (lines.size > 1) push({ kind: 'code-wrapped', text, detail: `${lines.size} lines` })
      }
    }
  }
  return out
}

async function problemsOn(page: Page) {
  // fonts and late renders settle first
  await page.waitForTimeout(300)
  return page.evaluate(findProblems, MIN_CARE_PX)
}

test.each([
  ['关怀模式', true],
  ['normal type', false]
])('every page in %s at 390×844: nothing cut, off-screen or split (and in care mode nothing small)', async (_name, care) => {
  const cases = await pageCases(env.cloud)
  const report: string[] = []
  const set = new Set<string>()
  for (const c of cases) {
    if (!set.has(c.as)) {
      // a new owner has no profile yet; the setting is theirs all the same
      await env.cloud.ok('user', 'user.login', {}, c.as)
      await env.cloud.ok('user', 'user.settings.save', { careMode: care }, c.as)
      set.add(c.as)
    }
    const page = await phonePage(env.browser, c.as)
    await page.goto(`${env.cloud.url}/#/${c.route}${c.query ? `?${c.query()}` : ''}`)
    // the first named text proves the page loaded (others may sit below a fold or in a tab)
    await page.getByText(c.sees[0], { exact: false }).filter({ visible: true }).first().waitFor()
    if (care) await page.locator('.page.care').filter({ visible: true }).first().waitFor()
    // normal type may be small (WeUI's own sizes); it must still fit
    const problems = (await problemsOn(page)).filter((p) => care || p.kind !== 'small')
    await shot(page, `${care ? 'care' : 'page'}-${c.route.replace(/\/index$/, '').replace(/\//g, '-')}`)
    for (const p of problems) report.push(`${c.route}: ${p.kind} “${p.text}” (${p.detail})`)
    await page.context().close()
  }
  expect(report).toEqual([])
})

test('a picker opened in 关怀模式 (it opens outside the page) reads at care size', async () => {
  await env.cloud.ok('user', 'user.settings.save', { careMode: true }, 'demo-owner-1')
  const page = await phonePage(env.browser, 'demo-owner-1')
  await page.goto(`${env.cloud.url}/#/pages/onboard/index`)
  await page.locator('.picker-value').filter({ visible: true, hasText: '餐饮服务' }).first().click()
  const items = page.locator('.weui-picker__item, .weui-picker__action').filter({ visible: true })
  await items.first().waitFor()
  const sizes = await items.evaluateAll((els) => els.slice(0, 6).map((e) => [e.textContent, parseFloat(getComputedStyle(e).fontSize)] as const))
  expect(sizes.length).toBeGreaterThan(2)
  for (const [text, size] of sizes) expect([text, size >= MIN_CARE_PX]).toEqual([text, true])
  await shot(page, 'care-picker-open')
  await page.context().close()
})
