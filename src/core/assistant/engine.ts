import MiniSearch, { type SearchResult } from 'minisearch'
import { allPassages, type Passage } from './passages'
import { normalise, questionFocus, questionUnits, STATES_AMOUNT, tokenize, type Unit } from './tokenize'

/**
 * Retrieval for 问一问 (#19): minisearch (BM25+, maintained) over the passages, with our
 * tokenizer for the index and the question alike. Built once per function instance (module scope
 * in cloudfunctions/assistant) or per eval run.
 *
 * Answering on evidence, not on score (tuned on qa/questions.json, qa/holdout.json, from the third
 * round qa/fresh.json and from the fourth qa/fresh2.json; README "问一问"): minisearch ranks, but a question is answered only
 * when one of the 3 cards, ranked near the top, speaks of enough of what was asked. "What was
 * asked" is the question's meaning words (tokenize.ts questionUnits: glue and question forms
 * dropped), each weighted by how rare it is among the passages, so the words that make the question
 * this question count most; a word no passage holds ("丢" in 营业执照丢了咋补办, "低保") weighs as
 * the rarest known word, so a question whose distinctive words no card speaks of gets
 * 没有找到可靠的答案, however strongly its common words ("营业执照") score. A raw score floor stays
 * as well: a passage matched on one incidental word scores low. And the card must speak of the
 * question's focus (tokenize.ts questionFocus): an amount asked for, the thing a 咋 question names,
 * the rare action a 能 question asks about; otherwise it speaks of the topic, not of the question.
 */
export const SCORE_FLOOR = 50
/** the share of the question's meaning words (rarity-weighted) the best-evidenced card must speak of */
export const EVIDENCE_FLOOR = 0.33
/** an FAQ answers the question only when it covers this much of it (the same question, reworded a little) */
export const FAQ_COVERAGE_FLOOR = 0.75
export const TOP_N = 3
/**
 * How much a question word no passage speaks of weighs: as a word one passage speaks of (the rarest
 * known word), never more. It says only "maybe out of scope"; weighed above every known word, a
 * word the library merely phrases otherwise (莫名其妙, 收得) sank right answers.
 */
export const UNKNOWN_AS_PASSAGES = 1
/** a single character ("借", "公", "交") weighs at most as a word ten passages speak of: alone it is ambiguous */
export const SINGLE_AS_PASSAGES = 10
/**
 * The action a "can I …" question asks about (营业执照能借给… → 借) must be in the card when the library
 * speaks of it in this many passages at most: a rare action is what the question is about, and a card
 * on the topic alone (营业执照) does not answer it. A common one (交, 写) is used loosely and decides nothing.
 */
export const RARE_VERB_PASSAGES = 2
/** …and within this many characters of the thing it is done to, when the question names it before 能 */
export const ACTION_WINDOW = 12

/** whether one of `words` occurs within `window` characters of one of `terms` in the text */
function near(text: string, words: readonly string[], terms: readonly string[], window: number): boolean {
  for (const word of words) {
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      const around = text.slice(Math.max(0, i - window), i + word.length + window)
      if (terms.some((t) => around.includes(t))) return true
    }
  }
  return false
}
/** the card that carries the evidence must also rank: score ≥ this share of the best card's */
export const EVIDENCE_RANK_RATIO = 0.5

export interface Hit {
  passage: Passage
  score: number
  /** the share of the question's meaning words this passage speaks of, each weighted by its rarity */
  evidence: number
  /** the question's meaning words it does not speak of */
  missing: string[]
  /** the question's meaning words it speaks of */
  covered: string[]
}

export interface Retrieval {
  /** the best passage of each of the best TOP_N sources (one card per policy, lesson or guide) */
  hits: Hit[]
  /** the best hit scored SCORE_FLOOR and one of the hits reached EVIDENCE_FLOOR */
  confident: boolean
  /** the question's meaning words (tokenize.ts questionUnits), as judged against the passages */
  words: string[]
  /** each meaning word with how many passages speak of it and its weight */
  units: Array<{ word: string; passages: number; weight: number }>
  /** what the answering card must also speak of (tokenize.ts questionFocus), as judged against the passages */
  focus: { amount: boolean; verb?: string; phrase: string[] }
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
  // each passage's terms, to judge which of the question's words it speaks of
  const termSets = new Map(passages.map((p) => [p.key, new Set(tokenize([p.title, p.plain, p.quote ?? '', p.extra].join('\n')))]))
  const known = new Set([...termSets.values()].flatMap((s) => [...s]))
  const texts = new Map(passages.map((p) => [p.key, normalise([p.title, p.plain, p.quote ?? '', p.extra].join('\n'))]))
  const covers = (set: Set<string>, u: Unit) => u.terms.some((t) => set.has(t)) || (u.bigrams.length > 0 && u.bigrams.filter((b) => set.has(b)).length * 2 >= u.bigrams.length)
  return {
    passages,
    search(question) {
      if (!terms(question).length) return { hits: [], confident: false, words: [], units: [], focus: { amount: false, phrase: [] } }
      // a word's weight: idf over the passages that speak of it (an unknown word and a single character capped, above)
      const idf = (n: number) => Math.log(1 + passages.length / (n + 0.5))
      const all = questionUnits(question, (w) => known.has(w))
      const focus = questionFocus(question, all)
      const units = all.map((u) => {
        let n = 0
        for (const set of termSets.values()) if (covers(set, u)) n++
        let w = n === 0 ? idf(UNKNOWN_AS_PASSAGES) : idf(n)
        if (u.word.length === 1) w = Math.min(w, idf(SINGLE_AS_PASSAGES))
        return { u, w, n }
      })
      const passagesOf = new Map(units.map((x) => [x.u.word, x.n]))
      // what the question is about beyond its words (tokenize.ts questionFocus); a focus word no passage
      // speaks of says nothing (the library may phrase it otherwise: 挂 for 置于醒目位置)
      const verb = focus.verb === undefined ? undefined : all[focus.verb]
      const object = focus.object === undefined ? undefined : all[focus.object]
      const phrase = focus.phrase.map((i) => all[i]).filter((u) => passagesOf.get(u.word))
      const onFocus = (p: Passage) => {
        const set = termSets.get(p.key)!
        if (focus.amount && !STATES_AMOUNT.test(texts.get(p.key)!)) return false
        if (verb && (passagesOf.get(verb.word) ?? 0) > 0 && passagesOf.get(verb.word)! <= RARE_VERB_PASSAGES) {
          if (!covers(set, verb)) return false
          // and done to the thing asked about: 借 near 营业执照, not 信用贷款更好借 forty characters away
          if (object && !near(texts.get(p.key)!, verb.terms, object.terms, ACTION_WINDOW)) return false
        }
        if (!phrase.every((u) => covers(set, u))) return false
        // two plain words side by side (电子 发票) name one thing: the card must say them together,
        // not each somewhere (电子税务局 … 普通发票); a word with synonyms (烟草证) is judged by its unit alone
        const plain = (u: Unit) => u.terms.every((t) => t === u.word)
        for (let i = 1; i < phrase.length; i++) {
          if (plain(phrase[i - 1]) && plain(phrase[i]) && !texts.get(p.key)!.includes(phrase[i - 1].word + phrase[i].word)) return false
        }
        return true
      }
      const total = units.reduce((a, x) => a + x.w, 0) || 1
      const seen = new Set<string>()
      const hits: Hit[] = []
      for (const r of index.search(question) as SearchResult[]) {
        const passage = byKey.get(String(r.id))!
        if (seen.has(passage.ref)) continue
        seen.add(passage.ref)
        const set = termSets.get(passage.key)!
        const inside = units.filter((x) => covers(set, x.u))
        hits.push({ passage, score: r.score, evidence: inside.reduce((a, x) => a + x.w, 0) / total, missing: units.filter((x) => !inside.includes(x)).map((x) => x.u.word), covered: inside.map((x) => x.u.word) })
        if (hits.length === TOP_N) break
      }
      const best = hits[0]
      // the evidence counts from a card the ranking itself puts near the top: one far below that
      // merely holds the question's words (个体户能开增值税专用发票不 → a bank-tax card) answers nothing
      const answers = (h: Hit) => h.score >= EVIDENCE_RANK_RATIO * best.score && h.evidence >= EVIDENCE_FLOOR && onFocus(h.passage)
      return { hits, confident: !!best && best.score >= SCORE_FLOOR && hits.some(answers), words: units.map((x) => x.u.word), units: units.map((x) => ({ word: x.u.word, passages: x.n, weight: x.w })), focus: { amount: focus.amount, verb: verb?.word, phrase: phrase.map((u) => u.word) } }
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
