import { adminContract } from './admin/contract'
import { assistantContract } from './assistant/contract'
import type { ActionContract } from './common/action'
import { classificationContract } from './classification/contract'
import { complaintContract } from './complaint/contract'
import { courseContract } from './course/contract'
import { loanContract } from './loan/contract'
import { monitorContract } from './monitor/contract'
import { noticeContract } from './notice/contract'
import { policyContract } from './policy/contract'
import { recognitionContract } from './recognition/contract'
import { registerContract } from './register/contract'
import { reminderContract } from './reminder/contract'
import { staffContract } from './staff/contract'
import { rightsContract } from './rights/contract'
import { userContract } from './user/contract'
import { verifyContract } from './verify/contract'
import { visitContract } from './visit/contract'
import { surveyContract } from './survey/contract'

/** Every action of every function. The client api and the router are typed from this. */
export const contracts = {
  ...userContract,
  ...verifyContract,
  ...classificationContract,
  ...rightsContract,
  ...adminContract,
  ...staffContract,
  ...reminderContract,
  ...policyContract,
  ...loanContract,
  ...complaintContract,
  ...courseContract,
  ...registerContract,
  ...visitContract,
  ...monitorContract,
  ...surveyContract,
  ...noticeContract,
  ...recognitionContract,
  ...assistantContract
}
export type Contracts = typeof contracts
export type ActionName = keyof Contracts

/** The function an action belongs to is the first segment of its name. */
export const functionOf = (action: string) => action.split('.')[0]

export const contractOf = (name: string): ActionContract | undefined =>
  Object.prototype.hasOwnProperty.call(contracts, name) ? (contracts as Record<string, ActionContract>)[name] : undefined
