import type { Db } from '../../cloudfunctions/common/ports'
import { decisionIdOf, type DecisionDoc } from '../../cloudfunctions/user/classification'
import type { BusinessType } from '../../src/core/user/options'

/** 武汉市江岸区: inside Hubei, where the yearly 分型 decision runs (src/core/classification/config.ts). */
export const WUHAN = '420102'

/**
 * A year's decision for a test owner, written as the decision-day sweep writes it: for tests about
 * what comes after (the 异议, its review), not about the sweep.
 */
export async function seedDecision(db: Db, openid: string, year: number, type: BusinessType = 'survival', region = WUHAN) {
  const at = `${year}-07-01T01:00:00.000Z`
  const doc: DecisionDoc = {
    _id: decisionIdOf(year, openid),
    year,
    openid,
    region,
    businessName: '江岸区测试小吃',
    type,
    reasons: [{ text: '按您的经营档案（还没有和登记信息核验）', met: true }],
    inputs: { region, openedOn: '2025-03-15', employees: 0, revenueBand: 'lt10w', taxPaid: false, socialInsurance: false, source: 'profile' },
    configVersion: 'test',
    round: 'july',
    decidedAt: at,
    history: [{ type, round: 'july', at, by: null, byName: null, why: null }],
    redecideAt: null,
    reviewed: false,
    leaseUntil: '',
    createdAt: at,
    updatedAt: at
  }
  await db.collection<DecisionDoc>('classificationDecisions').add(doc)
  await db.collection('owners').update(openid, { decided: { year, type, round: 'july', at }, classType: type })
}
