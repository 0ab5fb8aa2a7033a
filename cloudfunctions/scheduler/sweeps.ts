import { complaintOverdueSweep, uploadCleanupSweep } from '../complaint/sweeps'
import { pushRetrySweep } from '../common/notify'
import type { Sweep } from '../common/sweep'
import { policyPushSweep } from '../policy/sweeps'
import { annualReportSweep, permitSweep } from '../reminder/sweeps'

/** Every due sweep, in the order the scheduler's timer runs them; each feature adds its own. */
export const SWEEPS: Sweep[] = [permitSweep, annualReportSweep, policyPushSweep, complaintOverdueSweep, uploadCleanupSweep, pushRetrySweep]
