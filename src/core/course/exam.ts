// Pure rules of the assessment: drawing, grading, timing. No zod, no I/O; the RNG is injected.
import type { Module, Question } from './content'

export const EXAM_SIZE = 10
export const PASS_PERCENT = 80
/** Nobody reads a question and its four options in less than this: faster is a script. */
export const MIN_SECONDS_PER_QUESTION = 3
/** After a failed attempt, time to go back to the lessons before trying again. */
export const RETRY_WAIT_MINUTES = 10
/** An attempt left open longer than this is void; start a new one. */
export const ATTEMPT_TTL_MINUTES = 60
/** Owners who opened their business this recently (or joined this recently) are recommended the course. */
export const NEW_OWNER_DAYS = 90

export type Rng = () => number

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const a = [...items]
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}

/** One drawn question: which bank question, and the order its options are shown in. */
export interface Drawn {
  questionId: string
  /** order[k] = index in the bank's options of the option shown k-th */
  order: number[]
}

/**
 * Draws `size` questions: one from every module first (so the exam covers all of them), then
 * the rest at random from what is left; the questions and every question's options are shuffled.
 */
export function draw(modules: readonly Module[], rng: Rng, size = EXAM_SIZE): Drawn[] {
  const byModule = modules.map((m) => shuffle(m.lessons.flatMap((l) => l.questions), rng))
  const picked: Question[] = []
  for (const bank of byModule) if (bank.length && picked.length < size) picked.push(bank.shift()!)
  const rest = shuffle(byModule.flat(), rng)
  while (picked.length < size && rest.length) picked.push(rest.shift()!)
  return shuffle(picked, rng).map((question) => ({ questionId: question.id, order: shuffle(question.options.map((_, i) => i), rng) }))
}

export interface Graded {
  correct: number
  total: number
  percent: number
  passed: boolean
  /** per question, in the order shown: the owner's choice, whether it was right, and why */
  review: Array<{ questionId: string; chosen: number | null; right: boolean; explain: string }>
}

/**
 * Grades answers given as the shown position of the chosen option (0-based), or null if skipped.
 * `bank` finds a question by id.
 */
export function grade(drawn: readonly Drawn[], answers: ReadonlyArray<number | null>, bank: (id: string) => Question | undefined): Graded {
  const review = drawn.map((d, i) => {
    const question = bank(d.questionId)
    const chosen = answers[i] ?? null
    const right = !!question && chosen !== null && d.order[chosen] === question.answer
    return { questionId: d.questionId, chosen, right, explain: question?.explain ?? '' }
  })
  const correct = review.filter((r) => r.right).length
  const total = drawn.length
  const percent = total ? Math.round((correct / total) * 100) : 0
  return { correct, total, percent, passed: percent >= PASS_PERCENT, review }
}

/** Whether an attempt is submitted too soon after it started to have been read. */
export const tooFast = (startedAt: Date, submittedAt: Date, questions: number) => submitWaitSeconds(startedAt, submittedAt, questions) > 0

/** Whole seconds until an attempt may be submitted (0 when it may now): what the refusal tells the owner. */
export const submitWaitSeconds = (startedAt: Date, now: Date, questions: number) =>
  Math.max(0, Math.ceil((startedAt.getTime() + questions * MIN_SECONDS_PER_QUESTION * 1000 - now.getTime()) / 1000))

export interface GateInput {
  /** the lessons of the owner's track, in course order */
  lessonIds: readonly string[]
  /** lesson id → when it was read (server-side progress) */
  read: Readonly<Record<string, string>>
  passed: boolean
  /** the last failed attempt (ISO), if any */
  lastFailedAt: string | null
  now: Date
}

export interface Gate {
  canStart: boolean
  /** lessons of the track not read yet, in course order: the test opens when this is empty */
  lessonsLeft: string[]
  /** after a fail, when a new attempt may open; null when there is no wait */
  retryAt: Date | null
  /** whole seconds until retryAt (0 when not waiting), counted on the server's clock */
  waitSeconds: number
}

/**
 * Whether the owner may open the test now. The test checks what the lessons teach, so it opens
 * only when every lesson of the owner's track is read (a certificate then means the course was
 * followed, and the staff figure 学完 can never be below 通过); after a fail there is a wait.
 */
export function examGate(g: GateInput): Gate {
  const lessonsLeft = g.lessonIds.filter((id) => !g.read[id])
  const retry = g.lastFailedAt && !g.passed ? new Date(Date.parse(g.lastFailedAt) + RETRY_WAIT_MINUTES * 60_000) : null
  const waiting = !!retry && retry > g.now
  return {
    canStart: !lessonsLeft.length && !waiting,
    lessonsLeft,
    retryAt: waiting ? retry : null,
    waitSeconds: waiting ? Math.ceil((retry!.getTime() - g.now.getTime()) / 1000) : 0
  }
}

/** A certificate serial: DYK + China year + a 6-digit sequence, e.g. DYK2026000042. */
export const certificateSerial = (year: number, seq: number) => `DYK${year}${String(seq).padStart(6, '0')}`
