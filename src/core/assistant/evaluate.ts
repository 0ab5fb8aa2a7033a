import type { Engine } from './engine'
import { resolveId } from './ids'

/**
 * The question-set evaluation (`npm run qa:eval -- <file.json>`, and a jest test on qa/questions.json):
 * recall@3 = the share of answerable questions (non-empty `expect`) that were answered (not
 * 没有找到可靠的答案) with at least one expected id among the 3 cards; no_answer_correct = the share
 * of the questions with an empty `expect` that got 没有找到可靠的答案; p95 of the time one search
 * takes. Expected ids go through the alias table (ids.ts), so a set written before a rename still counts.
 */
export interface QaQuestion {
  q: string
  expect: string[]
}

export interface QaMiss {
  q: string
  expect: string[]
  /** what came back (empty when it said 没有找到可靠的答案) */
  got: string[]
  confident: boolean
}

export interface QaResult {
  questions: number
  recallAt3: number
  noAnswerCorrect: number
  p95Ms: number
  misses: QaMiss[]
}

export function parseQuestions(json: unknown): QaQuestion[] {
  if (!Array.isArray(json)) throw new Error('the file must hold an array of {"q": "...", "expect": [...]}')
  return json.map((x, i) => {
    const o = x as { q?: unknown; expect?: unknown }
    if (typeof o?.q !== 'string' || !Array.isArray(o.expect) || !o.expect.every((e) => typeof e === 'string')) throw new Error(`entry ${i} is not {"q": string, "expect": string[]}`)
    return { q: o.q, expect: o.expect as string[] }
  })
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d

export function evaluate(engine: Engine, questions: readonly QaQuestion[], now: () => number): QaResult {
  let answerable = 0
  let hit = 0
  let empty = 0
  let emptyRight = 0
  const times: number[] = []
  const misses: QaMiss[] = []
  for (const item of questions) {
    const t = now()
    const r = engine.search(item.q)
    times.push(now() - t)
    const got = r.confident ? r.hits.map((h) => h.passage.ref) : []
    if (item.expect.length) {
      answerable++
      const want = new Set(item.expect.map(resolveId))
      if (got.some((g) => want.has(g))) hit++
      else misses.push({ q: item.q, expect: item.expect, got: r.hits.map((h) => h.passage.ref), confident: r.confident })
    } else {
      empty++
      if (!r.confident) emptyRight++
      else misses.push({ q: item.q, expect: [], got, confident: true })
    }
  }
  const sorted = [...times].sort((a, b) => a - b)
  const p95 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] : 0
  return {
    questions: questions.length,
    recallAt3: answerable ? round(hit / answerable) : 1,
    noAnswerCorrect: empty ? round(emptyRight / empty) : 1,
    p95Ms: round(p95, 2),
    misses
  }
}

export const summaryLine = (r: QaResult) => `QA questions=${r.questions} recall_at_3=${r.recallAt3} no_answer_correct=${r.noAnswerCorrect} p95_ms=${r.p95Ms}`
