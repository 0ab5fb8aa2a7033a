import { complaintOverdueSweep, uploadCleanupSweep } from '../complaint/sweeps'
import { pushRetrySweep } from '../common/notify'
import { exportCleanupSweep } from '../common/xlsx'
import type { Sweep } from '../common/sweep'
import { policyPushSweep } from '../policy/sweeps'
import { annualReportSweep, permitSweep } from '../reminder/sweeps'
import { classificationDecisionSweep, classificationRedecisionSweep } from '../user/classification'
import { accountErasureSweep } from '../user/erasure'
import { followupSweep } from '../visit/sweeps'
import { surveyCloseSweep, surveyPushSweep } from '../survey/sweeps'
import { hintOverdueSweep, inspectionSweep, repairReminderSweep } from '../notice/sweeps'
import { recognitionLapseSweep, recognitionPublicEndSweep } from '../recognition/sweeps'

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
  surveyCloseSweep,
  surveyPushSweep,
  exportCleanupSweep,
  followupSweep,
  // #18: 双随机抽查 事前提醒, overdue 违规提示 back to the office, 信用修复 reminders
  inspectionSweep,
  hintOverdueSweep,
  repairReminderSweep,
  // #18: 名特优新 公示 ending, a 认定 about to lapse
  recognitionPublicEndSweep,
  recognitionLapseSweep,
  // #18: the yearly 分型 on its decision date, and the 9月30日 re-decision
  classificationDecisionSweep,
  classificationRedecisionSweep
]
