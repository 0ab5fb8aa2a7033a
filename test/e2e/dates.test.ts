import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

const env = e2eEnvironment()

/**
 * One date rule for display: what happens between 00:00 and 08:00 China time is still UTC's
 * previous day, and the browser here runs in UTC. Filed at 00:30 and at 07:59 on 22 Nov (China),
 * the list and the inbox must say 22 Nov, as the tracking number does.
 */
test('a 诉求 filed at 00:30 and one at 07:59 China time show 22 Nov in the list and in 消息', async () => {
  const filing = { category: 'fee', party: '东门农贸市场管理处', what: '夜里收摊时被要求另交卫生费50元，没有收据。', happenedOn: '2026-11-21', place: '东门农贸市场', photos: [], disclose: false }
  const ids: string[] = []
  for (const [i, at] of ['2026-11-21T16:30:00Z', '2026-11-21T23:59:00Z'].entries()) {
    env.cloud.clock.set(new Date(at))
    ids.push((await env.cloud.ok('complaint', 'complaint.submit', { ...filing, party: `东门农贸市场管理处${i + 1}` }, 'demo-owner-2', `dates-e2e-${i}-000`)).id)
  }
  expect(ids.every((id) => id.startsWith('SQ20261122'))).toBe(true)

  const page = await phonePage(env.browser, 'demo-owner-2')
  await page.goto(`${env.cloud.url}/#/complaint/pages/index/index`)
  for (const id of ids) {
    const row = visible(page, '.complaint-row', id)
    await row.waitFor()
    expect(await row.innerText()).toContain('2026-11-22')
    expect(await row.innerText()).not.toContain('2026-11-21')
  }
  await shot(page, '45-complaint-list-dates')

  await page.goto(`${env.cloud.url}/#/reminder/pages/inbox/index`)
  await visible(page, '.inbox-item', '诉求已提交').first().waitFor()
  const times = await visible(page, '.inbox-item').allInnerTexts()
  expect(times.join('\n')).toContain('11月22日 00:30')
  expect(times.join('\n')).toContain('11月22日 07:59')
  env.cloud.clock.set(null)
})
