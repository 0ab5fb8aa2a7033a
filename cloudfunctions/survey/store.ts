import type { Condition } from '../../src/core/policy/rules'
import type { Answer, Question, SurveyStatus, Tally } from '../../src/core/survey/rules'
import type { Db } from '../common/ports'

/**
 * A questionnaire. Its tallies live on it (`tally.q<i>.<o<j>|r<k>|n>`, `responses`), raised by one
 * atomic increment per stored answer, so the results are one document read.
 */
export interface SurveyDoc {
  _id: string
  title: string
  intro: string
  organizer: string
  anonymous: boolean
  startOn: string
  endOn: string
  questions: Question[]
  /** what staff chose */
  conditions: Condition[]
  /** what the push uses: `conditions` held inside the author's region (routes.ts, scoped) */
  rules: Condition[]
  /** the author's region ('' for an admin's: every region); a regulator sees those within theirs */
  region: string
  status: SurveyStatus
  closedReason: 'ended' | 'staff' | null
  publishedAt: string | null
  closedAt: string | null
  /** when the close sweep ends it: 00:00 China time of the day after endOn (null until published) */
  closeAt: string | null
  push: 'none' | 'queued' | 'done' | 'stopped'
  pushCursor: string
  nextDueAt: string | null
  leaseUntil: string
  /** owners the rules counted at publishing; owners it reached */
  audience: number
  delivered: number
  responses: number
  tally: Tally
  createdBy: string
  createdByName: string
  createdAt: string
  updatedAt: string
}

/**
 * One owner's answers. Anonymous: no openid, no name, no time, an `_id` drawn at random (never
 * derived from the owner or the request), so nothing in it leads back to the owner; who has
 * answered is only in `surveyMarks`, apart. Named: `openid` and the business name (for staff,
 * masked in lists) and when.
 */
export interface AnswerDoc {
  _id: string
  surveyId: string
  answers: Array<Answer | null>
  /** the short-text answers by question (`q<i>`), so one question's can be paged */
  texts: Record<string, string>
  /** its increments are in the survey's tallies */
  tallied: boolean
  openid?: string
  name?: string | null
  answeredAt?: string
}

/**
 * "This owner has answered this survey": `_id` `<openid>:<surveyId>` (unique, so a second answer
 * is refused by the database). While the answer is being stored it holds the answer's random id
 * (a retry with the same request finishes the same answer); once stored that link is removed.
 */
export interface MarkDoc {
  _id: string
  openid: string
  surveyId: string
  requestId: string
  state: 'storing' | 'done'
  answerId: string | null
  at: string
}

export const surveys = (db: Db) => db.collection<SurveyDoc>('surveys')
export const answersOf = (db: Db) => db.collection<AnswerDoc>('surveyAnswers')
export const marks = (db: Db) => db.collection<MarkDoc>('surveyMarks')

export const markId = (openid: string, surveyId: string) => `${openid}:${surveyId}`
export const broadcastId = (surveyId: string) => `survey:${surveyId}`
