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
