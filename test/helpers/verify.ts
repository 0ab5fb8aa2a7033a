import type { TestCloud } from './cloud'

/**
 * Makes a test owner's saved business 已核验 the way a real one becomes it: a register row with
 * its credit code and name (as the register import would write it), then the owner's own
 * re-check. For tests about something that needs verification (loans), not about verification.
 */
export async function verifyOwner(c: TestCloud, openid: string) {
  const owner = await c.ports.db.collection<{ _id: string; profile: { creditCode: string; businessName: string; region: string; openedOn: string } | null }>('owners').get(openid)
  if (!owner?.profile) throw new Error(`${openid} has no profile to verify`)
  const p = owner.profile
  const at = c.clock.now().toISOString()
  await c.ports.db.collection('register').set(p.creditCode, {
    creditCode: p.creditCode, name: p.businessName, operatorName: '测试经营者', address: '测试地址', registeredOn: p.openedOn,
    status: 'active', statusText: '存续', region: p.region, marketId: null, importId: 'test', importedAt: at, updatedAt: at
  } as never)
  const r = await c.ok('user', 'user.verify.check', {}, openid)
  if (r.state !== 'verified') throw new Error(`${openid} is still ${r.label}`)
}
