import type { Topic } from '../../src/core/reminder/contract'

/**
 * One notification: the owner's inbox entry and the state of its phone (subscribe) message.
 * `_id` is the notification's exactly-once key when it has one (`<item>:<rung>`), so writing it
 * twice fails instead of duplicating.
 */
export interface InboxDoc {
  _id: string
  openid: string
  topic: Topic
  title: string
  body: string
  page: string | null
  read: boolean
  createdAt: string
  /** none: no template; sending: claimed (at most once); sent; failed (final); retry (later) */
  pushState: 'none' | 'sending' | 'sent' | 'failed' | 'retry' | 'skipped'
  pushTemplateId: string | null
  pushData: Record<string, { value: string }> | null
  pushAttempts: number
  /** when a retry is due (ISO); '' when none */
  pushNextAt: string
  pushError: number | null
  /** why no phone message: topic off, no quota, daily cap */
  pushSkipReason: string | null
}
