// Labels and limits only, no zod and no calendar: client pages import this without pulling in the
// validation library or the holiday tables (flow.ts, which needs the calendar, imports from here).

/**
 * The 诉求 closed loop (REFERENCE.md, 12345: 受理 → 派单 → 办理 → 答复 → 办结 → 评价):
 * 提交 → 受理 / 不予受理 (with reason) → 办理中 (with the handling office) → 答复 → 办结.
 * After the reply the owner rates it; 不满意 reopens it once. Before 受理 the owner may 撤回.
 */
export const COMPLAINT_STATUSES = {
  submitted: '已提交',
  accepted: '已受理',
  rejected: '不予受理',
  handling: '办理中',
  replied: '已答复',
  closed: '已办结',
  withdrawn: '已撤回'
} as const
export type ComplaintStatus = keyof typeof COMPLAINT_STATUSES

/** Statuses in which the case is being worked: the owner may add material, deadlines run. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ['submitted', 'accepted', 'handling']

/** Timeline entries that are not a change of status, in the owner's words. */
export const NOTE_KINDS = { supplement: '补充材料', urge: '催办' } as const
export type NoteKind = keyof typeof NOTE_KINDS

/** What owners complain about (seed 000 activity 2, seed 003 measure 11). */
export const COMPLAINT_CATEGORIES = {
  fee: '违规收费',
  fine: '乱罚款',
  policy: '政策落实',
  enforcement: '执法问题',
  finance: '融资',
  market: '市场秩序',
  other: '其他'
} as const
export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES

export const RATINGS = {
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  unsatisfied: '不满意'
} as const
export type Rating = keyof typeof RATINGS

/** 市场监督管理投诉举报处理暂行办法 Art. 14: accept or refuse within 7 working days. */
export const ACCEPT_WORKING_DAYS = 7
/**
 * Working days from 受理 (or a reopening) to 答复. No single legal figure covers every kind of
 * 诉求, so this is the platform's default; a deployment sets COMPLAINT_REPLY_DAYS.
 */
export const DEFAULT_REPLY_WORKING_DAYS = 15

export const MAX_PHOTOS = 6
/**
 * Bytes per photo after the client has compressed it. The photo goes to cloud storage directly
 * (wx.cloud.uploadFile), never through a function call: WeChat's callFunction reference advises
 * marking any data field above about 100 KB with wx.cloud.CDN to avoid "the call chain's transfer
 * size limit", and CloudBase's EXCEED_MAX_PAYLOAD_SIZE page puts a function's text request body
 * at 100 KB. A 640 KB photo is about 850 KB as base64, far over both.
 */
export const MAX_PHOTO_BYTES = 640 * 1024
export const PHOTO_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const
export type PhotoType = keyof typeof PHOTO_TYPES

/** Which deadline is running, in the owner's words. */
export const DEADLINE_STEPS = { accept: '受理期限', reply: '答复期限' } as const

/** Offices a 诉求 is commonly handed to; the workbench suggests these and accepts any other. */
export const OFFICES = ['市场监管所', '综合行政执法队', '税务分局', '人社所', '街道办事处', '市场管理方'] as const

/**
 * How many times an owner may add material to one 诉求 (each with text and up to MAX_PHOTOS
 * photos). Our own limit, so a case file stays readable; the owner is told to call the handling
 * office beyond it.
 */
export const MAX_SUPPLEMENTS = 10
