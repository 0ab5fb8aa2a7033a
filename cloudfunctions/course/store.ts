import type { Drawn } from '../../src/core/course/exam'
import type { BusinessType, Industry } from '../../src/core/user/options'
import type { Db } from '../common/ports'

/** One per owner (`_id` = openid). Region, market and type are copied in so staff counts are queries. */
export interface ProgressDoc {
  _id: string
  /** lesson id → when it was read (ISO) */
  lessons: Record<string, string>
  lastLessonId: string | null
  started: boolean
  /** every lesson of the owner's modules read */
  completed: boolean
  passed: boolean
  lastPercent: number | null
  lastFailedAt: string | null
  region: string | null
  marketId: string | null
  classType: BusinessType | null
  createdAt: string
  updatedAt: string
}

export interface AttemptDoc {
  _id: string
  openid: string
  drawn: Drawn[]
  startedAt: string
  expiresAt: string
  submittedAt: string | null
  percent: number | null
  passed: boolean | null
}

export interface CertificateDoc {
  /** the owner's openid: one certificate per owner */
  _id: string
  serial: string
  /**
   * the verification code (certificateCode.ts), unique; absent only on certificates issued before
   * codes existed, which get one the first time they are read
   */
  code?: string
  /** who ran the course when it was issued (COURSE_ISSUER), kept so a later change does not rewrite it */
  issuer?: string | null
  year: number
  businessName: string
  /** the profile's industry and credit code at issue, for an officer's check */
  industry?: Industry | null
  creditCode?: string | null
  issuedAt: string
  percent: number
}

export const progress = (db: Db) => db.collection<ProgressDoc>('courseProgress')
export const attempts = (db: Db) => db.collection<AttemptDoc>('courseAttempts')
export const certificates = (db: Db) => db.collection<CertificateDoc>('courseCertificates')
