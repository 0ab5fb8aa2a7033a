import admin from './admin/routes'
import assistant from './assistant/routes'
import complaint from './complaint/routes'
import course from './course/routes'
import type { CloudFunction } from './common/router'
import loan from './loan/routes'
import monitor from './monitor/routes'
import notice from './notice/routes'
import policy from './policy/routes'
import recognition from './recognition/routes'
import register from './register/routes'
import reminder from './reminder/routes'
import scheduler from './scheduler/routes'
import survey from './survey/routes'
import user from './user/routes'
import visit from './visit/routes'

/** Every cloud function, for the local cloud. Each folder's index.ts is its WeChat entry. */
export const FUNCTIONS: Record<string, CloudFunction> = { user, admin, reminder, policy, loan, complaint, course, register, visit, monitor, scheduler, survey, notice, recognition, assistant }
