import { complaintOverdueSweep, uploadCleanupSweep } from '../complaint/sweeps'
import { pushRetrySweep } from '../common/notify'
import { exportCleanupSweep } from '../common/xlsx'
import type { Sweep } from '../common/sweep'
import { policyPushSweep } from '../policy/sweeps'
import { annualReportSweep, permitSweep } from '../reminder/sweeps'
import { classificationDecisionSweep, classificationRedecisionSweep } from '../user/classification'
import { accountErasureSweep } from '../user/erasure'
import { followupSweep } from '../visit/sweeps'

/**
 * Every due sweep; each feature adds its own. The scheduler shares each run's time between them
 * in turns (common/sweep.ts), legal deadlines first: the 诉求 time limits.
 */
export const SWEEPS: Sweep[] = [
  { ...complaintOverdueSweep, legal: true },
  annualReportSweep,
  policyPushSweep,
  permitSweep,
  pushRetrySweep,
  uploadCleanupSweep,
  accountErasureSweep,
  exportCleanupSweep,
  followupSweep,
  classificationDecisionSweep,
  classificationRedecisionSweep
]
