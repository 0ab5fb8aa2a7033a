// Pure and zod-free: the staff editor and the owner's answer page import it, the contract and the
// survey function check with it, unit and property tests run it.

/** Our limits (no document sets them): a short questionnaire a stall owner finishes on a phone. */
export const LIMITS = {
  title: 40,
  intro: 300,
  organizer: 40,
  questions: 20,
  questionTitle: 60,
  options: 10,
  option: 30,
  answerText: 200,
  /** the longest a survey may stay open, in days */
  days: 90
} as const

export const QUESTION_KINDS = { single: '单选题', multi: '多选题', rating: '打分题（1–5分）', text: '简答题' } as const
export type QuestionKind = keyof typeof QUESTION_KINDS

export interface Question {
  kind: QuestionKind
  title: string
  required: boolean
  /** the choices of a single or multiple choice question; empty for the others */
  options: string[]
}

export interface SurveyForm {
  title: string
  intro: string
  organizer: string
  anonymous: boolean
  startOn: string
  endOn: string
  questions: Question[]
}

/** One answer to one question; null: left blank. */
export interface Answer {
  choice?: number[]
  rating?: number
  text?: string
}

export const RATINGS = [1, 2, 3, 4, 5] as const
export const ratingLabel = (r: number) => `${r}分`

export interface Problem {
  path: string
  message: string
}

const len = (s: string) => Array.from(s).length

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000

/** What is wrong with a questionnaire, each at the path of its field, in words staff can act on. */
export function surveyProblems(f: SurveyForm): Problem[] {
  const out: Problem[] = []
  const add = (path: string, message: string) => out.push({ path, message })
  if (!f.title.trim()) add('title', '请填写问卷标题')
  else if (len(f.title) > LIMITS.title) add('title', `标题最多${LIMITS.title}个字`)
  if (len(f.intro) > LIMITS.intro) add('intro', `说明最多${LIMITS.intro}个字`)
  if (!f.organizer.trim()) add('organizer', '请填写发起单位，个体户要知道是谁在调查')
  else if (len(f.organizer) > LIMITS.organizer) add('organizer', `发起单位最多${LIMITS.organizer}个字`)
  if (f.startOn && f.endOn) {
    if (f.endOn < f.startOn) add('endOn', '截止日期不能早于开始日期')
    else if (dayNumber(f.endOn) - dayNumber(f.startOn) + 1 > LIMITS.days) add('endOn', `问卷最长开放${LIMITS.days}天`)
  }
  if (!f.questions.length) add('questions', '请至少添加一道题')
  if (f.questions.length > LIMITS.questions) add('questions', `最多${LIMITS.questions}道题`)
  f.questions.slice(0, LIMITS.questions).forEach((q, i) => {
    const at = `questions.${i}`
    const n = `第${i + 1}题`
    if (!q.title.trim()) add(`${at}.title`, `${n}：请填写题目`)
    else if (len(q.title) > LIMITS.questionTitle) add(`${at}.title`, `${n}：题目最多${LIMITS.questionTitle}个字`)
    if (q.kind === 'single' || q.kind === 'multi') {
      const filled = q.options.map((o) => o.trim())
      if (filled.length < 2) add(`${at}.options`, `${n}：至少要有2个选项`)
      else if (filled.length > LIMITS.options) add(`${at}.options`, `${n}：最多${LIMITS.options}个选项`)
      else if (filled.some((o) => !o)) add(`${at}.options`, `${n}：第${filled.findIndex((o) => !o) + 1}个选项没有填写`)
      else if (filled.some((o) => len(o) > LIMITS.option)) add(`${at}.options`, `${n}：每个选项最多${LIMITS.option}个字`)
      else if (new Set(filled).size !== filled.length) add(`${at}.options`, `${n}：有两个选项一样`)
    } else if (q.options.length) {
      add(`${at}.options`, `${n}：${QUESTION_KINDS[q.kind]}没有选项`)
    }
  })
  return out
}

/**
 * What is wrong with an owner's answers to these questions, at `answers.<i>`; an answer that does
 * not fit its question (a choice on a text question) is refused too.
 */
export function answerProblems(questions: readonly Question[], answers: ReadonlyArray<Answer | null>): Problem[] {
  const out: Problem[] = []
  if (answers.length !== questions.length) return [{ path: 'answers', message: '问卷内容有变化，请退出后重新打开' }]
  questions.forEach((q, i) => {
    const a = answers[i]
    const path = `answers.${i}`
    const n = `第${i + 1}题`
    const blank = isBlank(q, a)
    if (blank) {
      if (q.required) out.push({ path, message: `${n}是必答题，${q.kind === 'text' ? '请填写' : q.kind === 'rating' ? '请打分' : '请选择'}` })
      return
    }
    const wrong = () => out.push({ path, message: `${n}的回答格式不对，请重新作答` })
    if (q.kind === 'single' || q.kind === 'multi') {
      const c = a!.choice ?? []
      if (a!.rating !== undefined || a!.text !== undefined) return wrong()
      if (c.some((x) => !Number.isInteger(x) || x < 0 || x >= q.options.length) || new Set(c).size !== c.length) return wrong()
      if (q.kind === 'single' && c.length > 1) out.push({ path, message: `${n}只能选一项` })
    } else if (q.kind === 'rating') {
      if (a!.choice !== undefined || a!.text !== undefined) return wrong()
      if (!RATINGS.includes(a!.rating as 1)) wrong()
    } else {
      if (a!.choice !== undefined || a!.rating !== undefined) return wrong()
      if (len(a!.text!.trim()) > LIMITS.answerText) out.push({ path, message: `${n}最多${LIMITS.answerText}个字` })
    }
  })
  return out
}

function isBlank(q: Question, a: Answer | null | undefined): boolean {
  if (!a) return true
  if (q.kind === 'single' || q.kind === 'multi') return !a.choice?.length && a.rating === undefined && a.text === undefined
  if (q.kind === 'rating') return a.rating === undefined && !a.choice?.length && a.text === undefined
  return !(a.text ?? '').trim() && !a.choice?.length && a.rating === undefined
}

/** Answers as stored: blanks as null, text trimmed. Call after answerProblems found nothing. */
export function normalizeAnswers(questions: readonly Question[], answers: ReadonlyArray<Answer | null>): Array<Answer | null> {
  return questions.map((q, i) => {
    const a = answers[i]
    if (isBlank(q, a)) return null
    if (q.kind === 'text') return { text: a!.text!.trim() }
    if (q.kind === 'rating') return { rating: a!.rating! }
    return { choice: [...a!.choice!].sort((x, y) => x - y) }
  })
}

/**
 * The tally of one question: `n` how many answered it, `o<i>` each option, `r<k>` each rating.
 * Keys never start with a digit: the cloud database reads a numeric path segment as an array index.
 */
export const qKey = (i: number) => `q${i}`
export type Tally = Record<string, Record<string, number>>

/** The increments one stored answer makes to its survey's tallies (field → +n). */
export function tallyIncrements(questions: readonly Question[], answers: ReadonlyArray<Answer | null>): Record<string, number> {
  const inc: Record<string, number> = {}
  questions.forEach((q, i) => {
    const a = answers[i]
    // blanks are stored as null (normalizeAnswers)
    if (!a) return
    const k = qKey(i)
    inc[`${k}.n`] = 1
    if (q.kind === 'rating' && a.rating) inc[`${k}.r${a.rating}`] = 1
    if ((q.kind === 'single' || q.kind === 'multi') && a.choice) for (const c of a.choice) inc[`${k}.o${c}`] = 1
  })
  return inc
}

/** The tallies of no answers: every counter at zero, so the first increment has a field to add to. */
export function emptyTally(questions: readonly Question[]): Tally {
  const t: Tally = {}
  questions.forEach((q, i) => {
    const row: Record<string, number> = { n: 0 }
    if (q.kind === 'rating') for (const r of RATINGS) row[`r${r}`] = 0
    if (q.kind === 'single' || q.kind === 'multi') q.options.forEach((_, j) => (row[`o${j}`] = 0))
    t[qKey(i)] = row
  })
  return t
}

/** The tallies counted from the answers themselves: what the increments must always add up to. */
export function recount(questions: readonly Question[], all: ReadonlyArray<ReadonlyArray<Answer | null>>): Tally {
  const t = emptyTally(questions)
  for (const answers of all) {
    for (const [field, n] of Object.entries(tallyIncrements(questions, answers))) {
      const [q, k] = field.split('.')
      t[q][k] += n
    }
  }
  return t
}

/** The figures of one question for staff: counts per option or rating, the average rating. */
export function questionFigures(q: Question, row: Record<string, number> | undefined) {
  const r = row ?? {}
  const counts =
    q.kind === 'rating'
      ? RATINGS.map((k) => ({ label: ratingLabel(k), value: r[`r${k}`] ?? 0 }))
      : q.kind === 'text'
        ? []
        : q.options.map((o, j) => ({ label: o, value: r[`o${j}`] ?? 0 }))
  const rated = q.kind === 'rating' ? counts.reduce((s, c) => s + c.value, 0) : 0
  const average = q.kind === 'rating' && rated ? Math.round((RATINGS.reduce((s, k) => s + k * (r[`r${k}`] ?? 0), 0) / rated) * 10) / 10 : null
  return { answered: r.n ?? 0, counts, average }
}

export type SurveyStatus = 'draft' | 'published' | 'closed'
export const SURVEY_STATUS = { draft: '草稿', published: '进行中', closed: '已结束' } as const

/** Where an owner stands with a survey on a China date: what the answer page shows. */
export function openState(s: { status: SurveyStatus; startOn: string; endOn: string }, today: string): 'notStarted' | 'open' | 'closed' {
  if (s.status === 'closed' || today > s.endOn) return 'closed'
  if (today < s.startOn) return 'notStarted'
  return 'open'
}

/** What anonymity means, in plain words for the owner (shown on the answer page). */
export const ANONYMITY_TEXT = {
  anonymous: '匿名问卷：您的回答里不记录您是谁，工作人员只能看到所有回答的汇总和内容，看不到是哪一户答的。系统只另外记下“您已经答过”，防止重复提交。',
  named: '实名问卷：工作人员能看到这份回答来自哪一户（字号名称），以便有需要时联系您。'
} as const

/** After publishing only these may change: answers already given must keep meaning the same thing. */
export const PUBLISHED_EDITABLE = '已发布的问卷只能修改说明和截止日期；题目、选项、匿名方式、开始日期和调查对象不能再改，以免前后的回答对不上。'
