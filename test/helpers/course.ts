import { MODULES, modulesFor } from '../../src/core/course/content'
import type { Industry } from '../../src/core/user/options'
import type { TestCloud } from './cloud'

const QUESTIONS = new Map(MODULES.flatMap((m) => m.lessons.flatMap((l) => l.questions.map((q) => [q.id, q] as const))))

/** The lesson ids of an industry's track, in course order. */
export const trackLessons = (industry: Industry) => modulesFor(industry).flatMap((m) => m.lessons.map((l) => l.id))

/** Marks lessons read through the course function, as the lesson page's 学完了 does (all of the track by default). */
export async function readLessons(cloud: TestCloud, openid: string, industry: Industry, ids = trackLessons(industry)) {
  for (const lessonId of ids) await cloud.ok('course', 'course.progress.save', { lessonId }, openid)
}

/** The shown positions of the right (or a wrong) option of an attempt, read from the store as only the server can. */
export async function answersFor(cloud: TestCloud, attemptId: string, right: boolean): Promise<number[]> {
  const a = (await cloud.ports.db.collection('courseAttempts').get(attemptId)) as unknown as { drawn: Array<{ questionId: string; order: number[] }> }
  return a.drawn.map((d) => {
    const answer = QUESTIONS.get(d.questionId)!.answer
    return right ? d.order.indexOf(answer) : d.order.findIndex((i) => i !== answer)
  })
}
