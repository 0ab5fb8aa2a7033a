import type { Topic } from '../../src/core/reminder/contract'

/**
 * The state of one phone (subscribe) message, wherever it is recorded: on the owner's own inbox
 * entry for a personal message, or on a `pushes` document for a broadcast (which has no inbox
 * entry per owner). `_id` is the message's exactly-once key, so writing it twice fails.
 */
export interface PushRecord {
  _id: string
  openid: string
  page: string | null
  /** none: no template; sending: claimed (at most once); sent; failed (final); retry (later) */
  pushState: 'none' | 'sending' | 'sent' | 'failed' | 'retry' | 'skipped'
  pushTemplateId: string | null
  pushData: Record<string, { value: string }> | null
  pushAttempts: number
  /** when a retry is due (ISO); '' when none */
  pushNextAt: string
  pushError: number | null
  /** why no phone message: no quota, daily cap */
  pushSkipReason: string | null
  /** the batch attempt that wrote it (common/bulk.ts): tells a rerun's document from its own */
  claim?: string
}

/**
 * One personal notification: the owner's inbox entry and the state of its phone message.
 * `_id` is the notification's exactly-once key when it has one (`<item>:<rung>`).
 */
export interface InboxDoc extends PushRecord {
  topic: Topic
  title: string
  body: string
  read: boolean
  createdAt: string
}

/**
 * A message that is the same for many owners (an annual-report rung, a policy push), stored once.
 * An owner sees it in 消息 once a sweep has delivered it to them: its id is then in their
 * `owners.broadcasts` (see README, "Broadcasts"). Never changed after it is written.
 */
export interface BroadcastDoc {
  _id: string
  kind: 'annual' | 'policy' | 'survey' | 'classification'
  topic: Topic
  title: string
  body: string
  page: string | null
  /** the subscribe message every owner holding quota gets, or null (inbox only) */
  template: { id: string; data: Record<string, { value: string }> } | null
  createdAt: string
}

/** The phone message of one owner for a broadcast: `_id` is `<per-owner key>` (e.g. annual:<openid>:<year>:<rung>). */
export interface PushDoc extends PushRecord {
  topic: Topic
  broadcastId: string
  createdAt: string
}

/** How a broadcast appears in the list of 消息: its own id space, never taken for an inbox entry. */
export const BROADCAST_PREFIX = 'bc:'
