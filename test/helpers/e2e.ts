import { existsSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { hasChromium, launch, screenshotTo } from './browser'
import { testCloud, type TestCloud } from './cloud'

export const ARTIFACTS = resolve('test-artifacts/e2e')

/**
 * One browser test file's world: a local cloud serving dist/h5 with demo data, and Chromium.
 * Call at the top of the file; read `env.cloud` / `env.browser` inside tests.
 */
export function e2eEnvironment() {
  const env = {} as { cloud: TestCloud; browser: Browser; close: () => Promise<void> }
  jest.setTimeout(180_000)
  beforeAll(async () => {
    if (!hasChromium()) throw new Error('Chromium not found at /usr/bin/chromium: apt-get install -y chromium')
    if (!existsSync(resolve('dist/h5/index.html'))) throw new Error('dist/h5 is missing: run npm run build:h5')
    mkdirSync(ARTIFACTS, { recursive: true })
    env.cloud = await testCloud({ staticDir: resolve('dist/h5') })
    const b = await launch()
    env.browser = b.browser
    env.close = b.close
  })
  afterAll(async () => {
    await env.close?.()
    await env.cloud?.stop()
  })
  return env
}

export const shot = (page: Page, name: string) => screenshotTo(page, `${ARTIFACTS}/${name}.png`)
/** Taro H5 keeps earlier pages in the DOM (hidden): look only at what is on screen. */
export const visible = (page: Page, selector: string, hasText?: string) => page.locator(selector, hasText ? { hasText } : {}).filter({ visible: true })
