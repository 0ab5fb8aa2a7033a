import { action, OWNER, REGULATOR } from '../common/action'
import { id, z } from '../zod'
import { checkCertificateCode } from './certificateCode'

const lessonId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, '课程编号格式不对')

const examStateSchema = z.strictObject({
  size: z.number().int(),
  passPercent: z.number().int(),
  /** false until every lesson of the track is read, and while waiting after a failed attempt */
  canStart: z.boolean(),
  /** lessons of the owner's track not read yet: the test opens at 0 */
  lessonsLeft: z.number().int(),
  /** when a retry is allowed (ISO), after a failed attempt */
  retryAt: z.string().nullable(),
  /** seconds until retryAt on the server's clock (0 when not waiting): the page counts down from this */
  waitSeconds: z.number().int(),
  lastPercent: z.number().int().nullable(),
  passed: z.boolean()
})

const certificateSchema = z.strictObject({
  serial: z.string(),
  /** the verification code (核验码, 8 characters, src/core/course/certificateCode.ts) an officer checks */
  code: z.string(),
  /** who runs the course (deployment configuration COURSE_ISSUER); null where none is configured */
  issuer: z.string().nullable(),
  businessName: z.string(),
  /** China date */
  issuedOn: z.string(),
  percent: z.number().int(),
  courseTitle: z.string()
})

export const courseContract = {
  'course.status': action({
    input: z.strictObject({}),
    output: z.strictObject({
      /** new owners (opened within 90 days, or joined within 90 days) who have not passed yet */
      recommended: z.boolean(),
      lessonsDone: z.number().int(),
      lessonsTotal: z.number().int(),
      passed: z.boolean()
    }),
    roles: OWNER
  }),
  'course.catalog': action({
    input: z.strictObject({}),
    output: z.strictObject({
      modules: z.array(
        z.strictObject({
          id: z.string(),
          title: z.string(),
          /** an industry track (e.g. food) rather than a core module */
          industry: z.boolean(),
          done: z.number().int(),
          lessons: z.array(z.strictObject({ id: z.string(), title: z.string(), minutes: z.number().int(), done: z.boolean() }))
        })
      ),
      /** where to continue: the first unread lesson after the last one read */
      resumeLessonId: z.string().nullable(),
      lessonsDone: z.number().int(),
      lessonsTotal: z.number().int(),
      exam: examStateSchema,
      certificate: certificateSchema.nullable(),
      recommended: z.boolean(),
      /** no profile (not yet, or the notice declined): lessons can be read, nothing is recorded, no test */
      guest: z.boolean()
    }),
    roles: OWNER
  }),
  'course.lesson.get': action({
    input: z.strictObject({ lessonId }),
    output: z.strictObject({
      id: z.string(),
      title: z.string(),
      minutes: z.number().int(),
      points: z.array(z.string()),
      /** per point: this platform's own reading (本平台口径), shown as ours; null where a source states it */
      notes: z.array(z.string().nullable()),
      source: z.string(),
      moduleTitle: z.string(),
      done: z.boolean(),
      prevId: z.string().nullable(),
      nextId: z.string().nullable(),
      /** read without a profile: 学完 is not recorded */
      guest: z.boolean()
    }),
    roles: OWNER
  }),
  'course.progress.save': action({
    input: z.strictObject({ lessonId }),
    output: z.strictObject({ lessonsDone: z.number().int(), lessonsTotal: z.number().int() }),
    roles: OWNER
  }),
  'course.exam.start': action({
    input: z.strictObject({}),
    // the questions and shuffled options only: which option is right stays on the server
    output: z.strictObject({
      attemptId: id,
      startedAt: z.string(),
      expiresAt: z.string(),
      /** seconds until expiresAt on the server's clock: the page's countdown starts here */
      secondsLeft: z.number().int(),
      passPercent: z.number().int(),
      questions: z.array(z.strictObject({ stem: z.string(), options: z.array(z.string()) }))
    }),
    roles: OWNER
  }),
  'course.exam.submit': action({
    input: z.strictObject({
      attemptId: id,
      /** per question in the order shown: the position of the chosen option, or null if skipped */
      answers: z.array(z.number().int().min(0).max(9).nullable()).max(50)
    }),
    output: z.discriminatedUnion('outcome', [
      z.strictObject({
        outcome: z.literal('graded'),
        correct: z.number().int(),
        total: z.number().int(),
        percent: z.number().int(),
        passed: z.boolean(),
        review: z.array(z.strictObject({ stem: z.string(), right: z.boolean(), explain: z.string() })),
        retryAt: z.string().nullable(),
        /** seconds until retryAt (0 after a pass) */
        waitSeconds: z.number().int(),
        certificate: certificateSchema.nullable()
      }),
      // sent faster than anyone reads the questions: nothing is graded, the answers stay on the
      // page, and the owner is told how many seconds to wait
      z.strictObject({ outcome: z.literal('tooFast'), waitSeconds: z.number().int() })
    ]),
    roles: OWNER
  }),
  'course.certificate.get': action({
    input: z.strictObject({}),
    output: certificateSchema,
    roles: OWNER
  }),
  /**
   * An officer checks a certificate an owner shows them by its verification code (typed, or the
   * QR's text): is it real, and whose. The holder's name comes back masked.
   */
  'course.staff.verify': action({
    input: z.strictObject({
      code: z
        .string()
        .max(60, '核验码是8位，请对照证书再输入')
        .transform((s, ctx) => {
          const r = checkCertificateCode(s)
          if (!r.ok) {
            ctx.addIssue({ code: 'custom', message: r.message })
            return z.NEVER
          }
          return r.code
        })
    }),
    output: z.strictObject({
      serial: z.string(),
      code: z.string(),
      /** the business name, partly masked (certificateCode.ts maskName) */
      holder: z.string(),
      /** the industry as the owner's profile said when the certificate was issued */
      industry: z.string().nullable(),
      /** the last 4 characters of the 统一社会信用代码, to compare with the licence on the wall */
      creditCodeTail: z.string().nullable(),
      issuedOn: z.string(),
      issuer: z.string().nullable(),
      percent: z.number().int(),
      courseTitle: z.string()
    }),
    roles: REGULATOR
  }),
  'course.staff.stats': action({
    input: z.strictObject({}),
    output: z.strictObject({
      /** `verified`: of `owners`, those whose business is 已核验 (#16); the rest are claims not yet checked */
      totals: z.strictObject({ owners: z.number().int(), verified: z.number().int(), started: z.number().int(), completed: z.number().int(), passed: z.number().int() }),
      byMarket: z.array(z.strictObject({ marketId: z.string(), name: z.string(), owners: z.number().int(), verified: z.number().int(), started: z.number().int(), completed: z.number().int(), passed: z.number().int() })),
      byType: z.array(z.strictObject({ type: z.string(), label: z.string(), owners: z.number().int(), started: z.number().int(), completed: z.number().int(), passed: z.number().int() })),
      /** new owners (opened within 90 days) in the region who have not opened a lesson */
      notStarted: z.array(z.strictObject({ businessName: z.string(), market: z.string().nullable(), stall: z.string().nullable(), openedOn: z.string() })),
      notStartedMore: z.boolean()
    }),
    roles: REGULATOR
  })
}
