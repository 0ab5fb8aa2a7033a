import MiniSearch, { type SearchResult } from 'minisearch'
import { allPassages, type Passage } from './passages'
import { tokenize } from './tokenize'

/**
 * Retrieval for 问一问 (#19): minisearch (BM25+, maintained) over the passages, with our
 * tokenizer for the index and the question alike. Built once per function instance (module scope
 * in cloudfunctions/assistant) or per eval run.
 *
 * Thresholding (tuned on qa/questions.json, README "问一问"): a question is answered only when the
 * best passage both scores at least SCORE_FLOOR and contains at least COVERAGE_FLOOR of the
 * question's distinct terms (words, bigrams and synonym terms). The score alone cannot tell a short
 * question that matches one rare word ("彩票怎么买" hitting nothing but "买") from a long one that
 * matches many; coverage alone lets a two-term question through on one common bigram. Below
 * either floor the page says 没有找到可靠的答案 and offers 转人工.
 */
export const SCORE_FLOOR = 50
export const COVERAGE_FLOOR = 0.1
/** an FAQ answers the question only when it covers this much of it (the same question, reworded a little) */
export const FAQ_COVERAGE_FLOOR = 0.75
export const TOP_N = 3

export interface Hit {
  passage: Passage
  score: number
  /** the share of the question's distinct terms this passage contains, each weighted by its rarity (idf) */
  coverage: number
}

export interface Retrieval {
  /** the best passage of each of the best TOP_N sources (one card per policy, lesson or guide) */
  hits: Hit[]
  /** the best hit passed both floors */
  confident: boolean
}

const terms = (text: string) => [...new Set(tokenize(text))]

export interface Engine {
  search(question: string): Retrieval
  passages: readonly Passage[]
}

export function createEngine(passages: readonly Passage[] = allPassages()): Engine {
  const byKey = new Map(passages.map((p) => [p.key, p]))
  const index = new MiniSearch<Passage>({
    idField: 'key',
    fields: ['title', 'plain', 'quote', 'extra'],
    storeFields: [],
    tokenize: (text) => tokenize(text),
    processTerm: (t) => t,
    searchOptions: { boost: { title: 2, plain: 1.5 }, tokenize: terms, processTerm: (t) => t, combineWith: 'OR' }
  })
  index.addAll(passages.map((p) => ({ ...p, quote: p.quote ?? '' })))
  // how many passages hold each term: a question term no passage holds ("低保") weighs most
  const df = new Map<string, number>()
  for (const p of passages) for (const t of new Set(tokenize([p.title, p.plain, p.quote ?? '', p.extra].join('\n')))) df.set(t, (df.get(t) ?? 0) + 1)
  const weight = (t: string) => Math.log(1 + passages.length / ((df.get(t) ?? 0) + 0.5))
  return {
    passages,
    search(question) {
      const q = terms(question)
      if (!q.length) return { hits: [], confident: false }
      const total = q.reduce((a, t) => a + weight(t), 0)
      const seen = new Set<string>()
      const hits: Hit[] = []
      for (const r of index.search(question) as SearchResult[]) {
        const passage = byKey.get(String(r.id))!
        if (seen.has(passage.ref)) continue
        seen.add(passage.ref)
        const matched = new Set(r.queryTerms)
        hits.push({ passage, score: r.score, coverage: q.filter((t) => matched.has(t)).reduce((a, t) => a + weight(t), 0) / total })
        if (hits.length === TOP_N) break
      }
      const best = hits[0]
      return { hits, confident: !!best && best.score >= SCORE_FLOOR && best.coverage >= COVERAGE_FLOOR }
    }
  }
}

/** A published FAQ entry, as retrieval reads it. */
export interface FaqEntry {
  id: string
  question: string
  answer: string
}

/**
 * The FAQ entry that answers this question, if one covers it: staff published it from a question
 * like this one. Ranked by minisearch too (a small index built per call: there are few entries).
 */
export function matchFaq(question: string, faqs: readonly FaqEntry[]): { faq: FaqEntry; coverage: number } | null {
  if (!faqs.length) return null
  const q = terms(question)
  if (!q.length) return null
  const index = new MiniSearch<FaqEntry>({ idField: 'id', fields: ['question'], storeFields: [], tokenize: (t) => tokenize(t), processTerm: (t) => t, searchOptions: { tokenize: terms, processTerm: (t) => t } })
  index.addAll(faqs)
  const byId = new Map(faqs.map((f) => [f.id, f]))
  for (const r of index.search(question)) {
    const faq = byId.get(String(r.id))!
    // both ways: the question is mostly in the entry, and the entry mostly in the question
    const back = terms(faq.question)
    const coverage = Math.min(r.queryTerms.length / q.length, back.filter((t) => q.includes(t)).length / back.length)
    if (coverage >= FAQ_COVERAGE_FLOOR) return { faq, coverage }
  }
  return null
}
