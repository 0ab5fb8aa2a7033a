import type { QuestionState } from '../../src/core/assistant/labels'
import type { Db } from '../common/ports'

/** A question asked in 问一问 (#19). Staff see it anonymised: never the openid. */
export interface QuestionDoc {
  _id: string
  /** who asked: for the reply in 消息 and the owner's erasure only */
  openid: string
  /** the owner's division code when asked ('' without a profile: only admins see it) */
  region: string
  text: string
  createdAt: string
  /** retrieval (or an FAQ entry) answered it */
  found: boolean
  /** the titles of the cards shown */
  shown: string[]
  /** the content check on the question: 'held' questions are never shown to staff or sent on */
  check: 'pass' | 'held'
  state: QuestionState
  handoffAt: string | null
  reply: string | null
  repliedAt: string | null
  repliedBy: string | null
  /** the FAQ entry made from it, if any */
  faqId: string | null
}

/** An FAQ entry staff published from a question; retrieval uses it for the same question. */
export interface FaqDoc {
  _id: string
  question: string
  answer: string
  /** where it applies: the publishing regulator's region ('' for an admin: everywhere) */
  region: string
  status: 'published'
  createdAt: string
  createdBy: string
  questionId: string
}

export const questions = (db: Db) => db.collection<QuestionDoc>('questions')
export const faqs = (db: Db) => db.collection<FaqDoc>('faq')
