import { SYNONYMS } from './synonyms'

/**
 * Chinese text into search terms (问一问, #19), the same way for passages and questions, so both
 * sides split alike: Intl.Segmenter's word segmentation (full ICU: Node 18's official builds, the
 * runtime every function is deployed on, scripts/runtime.ts), plus the character bigrams of every
 * run of Han characters (a word the segmenter splits differently in the question and in the
 * passage still shares its bigrams), plus the canonical term of any synonym entry whose word
 * appears (synonyms.ts). Pure, no Node API: the eval script and the function both use it.
 */
interface WordSegmenter {
  segment(text: string): Iterable<{ segment: string; isWordLike?: boolean }>
}
// typed here: the project's TypeScript lib (ES2017, for the mini-program) predates Intl.Segmenter
const SegmenterCtor = (Intl as unknown as { Segmenter: new (locale: string, o: { granularity: 'word' }) => WordSegmenter }).Segmenter
const segmenter = new SegmenterCtor('zh', { granularity: 'word' })

/**
 * Words that carry no meaning in a question ("我想问一下，这个咋办"), dialect ones included.
 * Dropped as words and as bigrams: a passage never answers "怎么" or "可以".
 */
export const STOPWORDS = new Set([
  '我', '你', '他', '她', '俺', '咱', '侬', '阿拉', '我们', '咱们', '的', '地', '得', '了', '着', '过', '吗', '呢', '吧', '啊', '呀', '哦', '嘛', '么', '啦',
  '是', '有', '在', '和', '与', '及', '或', '也', '都', '就', '还', '又', '要', '会', '能', '想', '去', '来', '给', '把', '被', '让', '对', '从',
  '这', '那', '这个', '那个', '一下', '一个', '请问', '问一', '问问', '问一下', '问下', '想问', '请教', '咨询',
  '怎么', '怎样', '怎么样', '怎么办', '咋', '咋办', '咋整', '咋弄', '如何', '什么', '啥', '哪里', '哪儿', '哪', '哪个', '多少', '几', '为啥', '为什么',
  '可以', '可不可以', '能不能', '是不是', '有没有', '需要', '应该', '得', '不', '没', '没有', '莫得', '勿', '晓得', '知道', '现在', '今年', '自己',
  '个', '些', '点', '一', '下', '上', '里', '人', '事', '办', '弄', '整', '搞', '做', '说', '看', '用', '找'
])

/** Characters that only glue a question together: a bigram with one of them ("款吗", "票怎") is noise. */
const GLUE = new Set([...'吗呢吧啊呀么怎咋啥哪谁的了着嘛哦啦俺您你我他她它呗'])

const HAN_RUN = /\p{Script=Han}+/gu
const KEEP = /[\p{L}\p{N}]/u

/** Full-width to half-width, lower case: "１２３１５" and "12315" are one term. */
export const normalise = (text: string) => text.normalize('NFKC').toLowerCase()

const ENTRIES = SYNONYMS.map((s) => ({ term: s.term, words: [...s.term.split(' '), ...s.words].map(normalise) }))

/** The canonical terms of the synonym entries whose words (or the term itself) occur in the text. */
export function synonymTerms(text: string): string[] {
  const t = normalise(text)
  return ENTRIES.filter((s) => s.words.some((w) => t.includes(w))).map((s) => s.term)
}

function bigrams(out: string[], text: string) {
  for (const run of text.match(HAN_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      const bi = run.slice(i, i + 2)
      if (!STOPWORDS.has(bi) && !GLUE.has(bi[0]) && !GLUE.has(bi[1])) out.push(bi)
    }
  }
}

/** Search terms of a text: words, Han bigrams, and the synonym entries' canonical terms (split alike). */
export function tokenize(text: string): string[] {
  const t = normalise(text)
  const out: string[] = []
  for (const s of segmenter.segment(t)) {
    const w = s.segment.trim()
    if (!w || !KEEP.test(w) || STOPWORDS.has(w)) continue
    out.push(w)
  }
  bigrams(out, t)
  // a canonical term counts as a word of its own, with its bigrams (one segmenter call per text is
  // the cost that matters; the terms are short and need no segmenting)
  for (const term of synonymTerms(t)) {
    for (const w of term.split(' ')) {
      out.push(w)
      bigrams(out, w)
    }
  }
  return out
}
