import type { Page } from 'playwright-core'
import type { InboxDoc } from '../../cloudfunctions/common/inbox'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'
import { PROFILE, profileOf } from '../helpers/fixtures'

const env = e2eEnvironment()
const WHO = 'inbox-e2e-owner'
const OTHER = 'inbox-e2e-other'
const care = (on: boolean) => env.cloud.ok('user', 'user.settings.save', { careMode: on }, WHO)
const heading = (page: Page) => visible(page, '.section__title', '共').first()

/**
 * 消息 with a broadcast among personal messages: the annual report's window opening is one
 * document for every owner, merged into this owner's list; more than a page of messages is paged
 * by a cursor, with the total and unread counts above.
 */
test('消息 pages through more than 20 messages, merges the annual broadcast, and reads it for this owner only', async () => {
  env.cloud.clock.set(new Date('2026-12-31T02:00:00Z'))
  await env.cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, WHO)
  await env.cloud.ok('user', 'user.profile.save', PROFILE, WHO)
  await env.cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, OTHER)
  await env.cloud.ok('user', 'user.profile.save', { ...profileOf(OTHER), businessName: '鹿城区阿明面馆' }, OTHER)
  // 22 older personal messages (e.g. 诉求 progress), a minute apart
  const inbox = env.cloud.ports.db.collection<InboxDoc>('inbox')
  for (let i = 0; i < 22; i++) {
    const at = new Date(Date.parse('2026-12-20T02:00:00Z') + i * 60_000).toISOString()
    await inbox.add({ _id: `e2e-${i}`, openid: WHO, topic: 'complaint', title: `诉求进度${i + 1}`, body: `第${i + 1}条进度：市场管理处已回复。`, page: null, read: false, createdAt: at, pushState: 'none', pushTemplateId: null, pushData: null, pushAttempts: 0, pushNextAt: '', pushError: null, pushSkipReason: null })
  }
  // 1 January, 09:00 China time: the annual report's window opens for every owner at once
  env.cloud.clock.set(new Date('2027-01-01T01:30:00Z'))
  expect((await env.cloud.post('/api/local/trigger/scheduler', '')).status).toBe(200)

  const page = await phonePage(env.browser, WHO)
  await page.goto(`${env.cloud.url}/#/reminder/pages/inbox/index`)
  // 22 + welcome + the 开业第一课 invitation + the annual broadcast
  await heading(page).waitFor()
  expect(await heading(page).innerText()).toBe('共25条，25条未读')
  expect(await visible(page, '.inbox-item').first().innerText()).toContain('年报开始填报')
  expect(await visible(page, '.inbox-item').count()).toBe(20)
  expect(await visible(page, '.load-more__count').innerText()).toBe('已显示20条，共25条')
  const more = visible(page, '.load-more .btn', '加载更多')
  await shot(page, '60-inbox-first-page')
  await more.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-artifacts/e2e/60-inbox-first-page-end.png' })
  await more.click()
  await visible(page, '.inbox-item', '第1条进度').waitFor()
  expect(await visible(page, '.inbox-item').count()).toBe(25)
  expect(await visible(page, '.load-more .btn').count()).toBe(0)
  expect(await visible(page, '.load-more__count').innerText()).toBe('已全部显示，共25条')
  const titles = await visible(page, '.inbox-item .notice-text__heading').allInnerTexts()
  expect(new Set(titles).size).toBe(25)

  // the broadcast opens the annual page and is read for this owner; another owner still has it unread
  await visible(page, '.inbox-item', '年报开始填报').click()
  await page.waitForURL(/reminder\/pages\/annual\/index/)
  await page.goto(`${env.cloud.url}/#/reminder/pages/inbox/index`)
  await page.reload()
  await heading(page).waitFor()
  expect(await heading(page).innerText()).toBe('共25条，24条未读')
  const other = await env.cloud.ok('reminder', 'reminder.inbox.list', { limit: 5 }, OTHER)
  expect(other.messages.find((m: { title: string }) => m.title === '年报开始填报')).toMatchObject({ read: false })

  // care mode: the same list, larger, nothing sticking out of the phone
  await care(true)
  await page.reload()
  await page.locator('.page.care').first().waitFor()
  await heading(page).waitFor()
  const wide = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.page *'))
      .filter((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => (e.textContent ?? '').slice(0, 20))
  )
  expect(wide).toEqual([])
  await shot(page, '61-inbox-care')
  await visible(page, '.inbox-item').last().scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-artifacts/e2e/61-inbox-care-end.png' })
  await care(false)
  env.cloud.clock.set(null)
})
