import { action, OWNER, REGULATOR } from '../common/action'
import { id, z } from '../zod'

const lessonId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, '课程编号格式不对')

const examStateSchema = z.strictObject({
  size: z.number().int(),
  passPercent: z.number().int(),
  /** false while waiting after a failed attempt */
  canStart: z.boolean(),
  /** when a retry is allowed (ISO), after a failed attempt */
  retryAt: z.string().nullable(),
  lastPercent: z.number().int().nullable(),
  passed: z.boolean()
})

const certificateSchema = z.strictObject({
  serial: z.string(),
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
      recommended: z.boolean()
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
      nextId: z.string().nullable()
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
    output: z.strictObject({
      correct: z.number().int(),
      total: z.number().int(),
      percent: z.number().int(),
      passed: z.boolean(),
      review: z.array(z.strictObject({ stem: z.string(), right: z.boolean(), explain: z.string() })),
      retryAt: z.string().nullable(),
      certificate: certificateSchema.nullable()
    }),
    roles: OWNER
  }),
  'course.certificate.get': action({
    input: z.strictObject({}),
    output: certificateSchema,
    roles: OWNER
  }),
  /** an officer checks a certificate an owner shows them: is the serial real, and whose */
  'course.staff.verify': action({
    input: z.strictObject({
      serial: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^DYK\d{10}$/, '证书编号是DYK加10位数字，如DYK2026000001')
    }),
    output: certificateSchema,
    roles: REGULATOR
  }),
  'course.staff.stats': action({
    input: z.strictObject({}),
    output: z.strictObject({
      totals: z.strictObject({ owners: z.number().int(), started: z.number().int(), completed: z.number().int(), passed: z.number().int() }),
      byMarket: z.array(z.strictObject({ marketId: z.string(), name: z.string(), owners: z.number().int(), started: z.number().int(), completed: z.number().int(), passed: z.number().int() })),
      byType: z.array(z.strictObject({ type: z.string(), label: z.string(), owners: z.number().int(), started: z.number().int(), completed: z.number().int(), passed: z.number().int() })),
      /** new owners (opened within 90 days) in the region who have not opened a lesson */
      notStarted: z.array(z.strictObject({ businessName: z.string(), market: z.string().nullable(), stall: z.string().nullable(), openedOn: z.string() })),
      notStartedMore: z.boolean()
    }),
    roles: REGULATOR
  })
}
