import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const hasChromium = () => existsSync(CHROMIUM)

/**
 * Debian's Chromium, headless, with the flags this machine needs (no network beyond loopback).
 * Playwright gives every launch a fresh, empty profile of its own (it refuses --user-data-dir).
 */
export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  return {
    browser,
    async close() {
      await browser.close()
    }
  }
}

/** A phone-sized page that acts as `openid` (the H5 build reads it from localStorage). */
export async function phonePage(browser: Browser, openid: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' })
  await context.addInitScript((id) => {
    // Taro's H5 storage wraps values as {data: ...}
    if (!localStorage.getItem('local-openid')) localStorage.setItem('local-openid', JSON.stringify({ data: id }))
  }, openid)
  return context.newPage()
}

/**
 * Chooses in an open Taro H5 picker: drags column `column` by `steps` items (positive = further
 * down the list), as a finger would, then taps 确定.
 */
export async function pickInOpenPicker(page: Page, moves: Array<{ column: number; steps: number }>) {
  // every Picker keeps its overlay in the DOM; only the open one is visible
  const picker = page.locator('.weui-picker').filter({ visible: true })
  await picker.waitFor()
  // let the slide-up animation finish, or the first drag lands on moving columns
  await page.waitForTimeout(600)
  for (const { column, steps } of moves) {
    // A drag only counts while the pointer stays over the column (about 3 items each way from
    // its centre), so longer moves are made of several drags.
    for (let left = steps; left !== 0; ) {
      const chunk = Math.max(-3, Math.min(3, left))
      await dragColumn(page, picker, column, chunk)
      left -= chunk
    }
  }
  await picker.getByText('确定').click()
  await page.waitForTimeout(300)
}

async function dragColumn(page: Page, picker: ReturnType<Page['locator']>, column: number, steps: number) {
  const group = picker.locator('.weui-picker__group').nth(column)
  const box = (await group.boundingBox())!
  const item = (await group.locator('.weui-picker__item').first().boundingBox())!
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  // a slow drag in small, paced steps: a fast one is taken as a fling and overshoots
  const dy = -steps * item.height
  const n = Math.max(10, Math.abs(steps) * 6)
  for (let i = 1; i <= n; i++) {
    await page.mouse.move(x, y + (dy * i) / n)
    await page.waitForTimeout(16)
  }
  await page.waitForTimeout(150)
  await page.mouse.up()
  await page.waitForTimeout(400)
}

/**
 * A full-page screenshot to `path`. Chromium sometimes answers "Unable to capture screenshot" on a
 * loaded machine; the picture is an artifact, not an assertion, so it is tried up to three times
 * (any other error throws at once).
 */
export async function screenshotTo(page: Page, path: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.screenshot({ path, fullPage: true })
    } catch (err) {
      if (attempt >= 3 || !/Unable to capture screenshot/.test(String(err))) throw err
      await page.waitForTimeout(200 * attempt)
    }
  }
}
