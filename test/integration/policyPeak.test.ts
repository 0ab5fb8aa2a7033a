import type { LocalDb } from '../../cloudfunctions/common/adapters/local/db'
import type { LocalPush } from '../../cloudfunctions/common/adapters/local/ports'
import type { PushDoc } from '../../cloudfunctions/common/inbox'
import type { Ports } from '../../cloudfunctions/common/ports'
import type { OwnerDoc } from '../../cloudfunctions/user/owners'
import { LOCAL_POLICY_TEMPLATE_ID } from '../../src/core/notify/template'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE } from '../helpers/fixtures'
import { all, chain, instrumented } from '../helpers/instrumented'

/**
 * A policy published to a few thousand matching owners (the second peak of issue #15): one
 * broadcast, delivered a page of 1,000 owners at a time, phone messages to those holding quota.
 */
const OWNERS = 2_500
const draft = {
  title: '鹿城区退役军人开店补贴（测试）',
  summary: { what: '开店补贴', who: '退役军人', how: '到区退役军人局申请', where: '区退役军人局' },
  department: '区退役军人局',
  category: 'startup',
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  source: { document: '测试文件', number: null, clause: '第1条' },
  conditions: [{ fact: 'region', op: 'within', value: '330302' }, { fact: 'groups', op: 'hasAny', value: ['veteran'] }]
}

describe('a policy push to thousands of owners', () => {
  let c: TestCloud
  beforeAll(async () => {
    c = await testCloud()
  })
  afterAll(() => c.stop())

  test('one broadcast; in-app at most 3 round trips per 100 owners; each holder’s phone message once; topics respected', async () => {
    c.clock.set(new Date('2026-11-21T02:00:00Z'))
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, 'pp-model')
    await c.ok('user', 'user.profile.save', PROFILE, 'pp-model')
    // thousands like this owner: 3 in 10 hold policy quota, 1 in 50 has policy messages switched off
    const model = (await c.ports.db.collection<OwnerDoc>('owners').get('pp-model'))!
    const ids = Array.from({ length: OWNERS }, (_, i) => `pp-${String(i).padStart(5, '0')}`)
    const quiet = new Set(ids.filter((_, i) => i % 50 === 7))
    await (c.ports.db as LocalDb).insertMany(
      'owners',
      ids.map((_id) => ({ ...model, _id, ...(quiet.has(_id) ? { notify: { topics: { policy: false }, dailyCap: 3 } } : {}) }))
    )
    const holders = ids.filter((_, i) => i % 10 < 3)
    await (c.ports.db as LocalDb).insertMany('quotas', holders.map((openid) => ({ _id: `${openid}:${LOCAL_POLICY_TEMPLATE_ID}`, openid, templateId: LOCAL_POLICY_TEMPLATE_ID, count: 1, updatedAt: model.createdAt })))

    const saved = await c.ok('policy', 'policy.admin.save', draft, 'demo-regulator', 'policy-peak-0001')
    await c.ok('policy', 'policy.admin.publish', { id: saved.id }, 'demo-regulator')
    const counted = instrumented(c.ports.db)
    const runs = await chain({ ...c.ports, db: counted.db } as Ports)

    const owners = new Map((await all<OwnerDoc>(c.ports, 'owners')).map((o) => [o._id, o.broadcasts ?? []]))
    const bid = `policy:${saved.id}`
    const reached = [...ids, 'pp-model'].filter((id) => owners.get(id)!.includes(bid))
    expect(reached).toHaveLength(OWNERS + 1 - quiet.size)
    expect([...quiet].some((id) => owners.get(id)!.includes(bid))).toBe(false)
    const sent = (c.ports.push as LocalPush).sent.filter((m) => m.key.startsWith(`${bid}:`)).map((m) => m.key)
    const expected = holders.filter((h) => !quiet.has(h)).map((h) => `${bid}:${h}`)
    expect(sent.sort()).toEqual(expected.sort())
    expect((await all<PushDoc>(c.ports, 'pushes')).filter((p) => p.broadcastId === bid).every((p) => p.pushState === 'sent')).toBe(true)
    const staff = (await c.ok('policy', 'policy.admin.list', { limit: 100 }, 'demo-regulator')).policies.find((p: { id: string }) => p.id === saved.id)
    // the count staff see is every owner it reached (the demo data's own veterans in 鹿城区 too)
    expect(staff).toMatchObject({ push: 'done', stats: { pushed: [...owners.values()].filter((b) => b.includes(bid)).length } })
    // the owner's 消息 shows it first
    expect((await c.ok('reminder', 'reminder.inbox.list', { limit: 1 }, ids[0])).messages[0]).toMatchObject({ id: `bc:${bid}`, title: `新政策：${draft.title}` })

    const inApp = counted.sum(['owners', 'policies', 'broadcasts'])
    const phone = counted.sum(['quotas', 'pushCounts', 'pushes'])
    console.log(
      `policy push to ${reached.length} of ${OWNERS + 1} owners, ${sent.length} phone messages, ${runs} run(s): in-app ${inApp} round trips = ${((inApp / (OWNERS + 1)) * 100).toFixed(2)} per 100 owners; ` +
        `phone ${phone} = ${(phone / sent.length).toFixed(3)} per message; by call: ${JSON.stringify(Object.fromEntries(counted.counts))}`
    )
    expect((inApp / (OWNERS + 1)) * 100).toBeLessThanOrEqual(3)
    expect(phone / sent.length).toBeLessThanOrEqual(0.1)
    c.clock.set(null)
  }, 120_000)
})
