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
  '个', '些', '点', '一', '下', '上', '里', '人', '事', '办', '弄', '整', '搞', '做', '说', '看', '用', '找',
  // how owners ask, not what they ask about: question tags, hedges, "how long / how many" forms, time
  // deixis. A passage never holds them, so as question words they would count against every answer.
  '是啥', '啥意思', '意思', '啥子', '么子', '咋个', '咋样', '啷个', '干啥', '干嘛', '为啥子', '哪些', '哪样', '什么样',
  '行不行', '行不', '不行', '好不好', '对不对', '中不中', '成不成', '要不要', '用不用', '是否', '能否', '可否',
  '必须', '一定', '真的', '到底', '具体', '大概', '一般', '还是', '或者', '然后', '如果', '但是', '已经', '马上',
  '有人', '有啥', '有没', '能有', '帮忙', '帮', '注意', '要注意', '干', '不想', '别的', '其他', '一阵', '一阵子',
  '多久', '多长', '多长时间', '几年', '几次', '几天', '几个', '好多', '多少钱',
  '最近', '去年', '明年', '以后', '以前', '明天', '今天', '刚刚',
  // place deixis, like time deixis: "here" is where the owner is, never a word a passage holds
  '这边', '这里', '这儿', '那边', '那里', '那儿'
])

/** Characters that only glue a question together: a bigram with one of them ("款吗", "票怎") is noise. */
const GLUE = new Set([...'吗呢吧啊呀么怎咋啥哪谁的了着嘛哦啦俺您你我他她它呗'])

const KEEP = /[\p{L}\p{N}]/u

/**
 * Full-width to half-width, lower case: "１２３１５" and "12315" are one term. 缴 is written 交 (owners
 * type 交社保 and 缓交 for the documents' 缴社保 and 缓缴; both mean pay), on both sides alike.
 */
export const normalise = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/缴/g, '交')
    // "10万块", "五块钱": 块 after a number is the documents' 元
    .replace(/([0-9一二三四五六七八九十百千万])块钱?/g, '$1元')

const ENTRIES = SYNONYMS.map((s) => ({
  term: s.term,
  terms: s.term.split(' '),
  words: [...s.term.split(' '), ...s.words].map(normalise),
  except: (s.except ?? []).map(normalise)
}))

const ENTRY_WORDS = new Set(ENTRIES.flatMap((e) => e.words))

/** Where an entry's words occur in the text, minus the spans of its `except` words ("手续" in "手续费"). */
function entrySpans(t: string, e: (typeof ENTRIES)[number]): Array<[number, number]> {
  const blocked: Array<[number, number]> = []
  for (const x of e.except) for (let i = t.indexOf(x); i >= 0; i = t.indexOf(x, i + 1)) blocked.push([i, i + x.length])
  const spans: Array<[number, number]> = []
  for (const w of e.words) {
    for (let i = t.indexOf(w); i >= 0; i = t.indexOf(w, i + 1)) {
      if (!blocked.some(([a, b]) => i >= a && i + w.length <= b)) spans.push([i, i + w.length])
    }
  }
  return spans
}

/** The canonical terms of the synonym entries whose words (or the term itself) occur in the text. */
export function synonymTerms(text: string): string[] {
  const t = normalise(text)
  return ENTRIES.filter((s) => entrySpans(t, s).length > 0).map((s) => s.term)
}

const bigramsOf = (run: string) => {
  const out: string[] = []
  for (let i = 0; i + 1 < run.length; i++) {
    const bi = run.slice(i, i + 2)
    if (!STOPWORDS.has(bi) && !GLUE.has(bi[0]) && !GLUE.has(bi[1])) out.push(bi)
  }
  return out
}

const HAN = /^\p{Script=Han}+$/u

interface Segment {
  word: string
  start: number
  end: number
}

/** 不 and 没 are no search words, but they join a run: "不报" (年报不报会怎样) is a bigram worth having */
const NEGATION = new Set(['不', '没'])

/** The segmenter's words that carry meaning (not glue, not punctuation), with where they stand; with `negation`, 不 and 没 too. */
function contentSegments(t: string, negation = false): Segment[] {
  const out: Segment[] = []
  for (const s of segmenter.segment(t) as Iterable<{ segment: string; index: number }>) {
    const w = s.segment.trim()
    if (!w || !KEEP.test(w) || (STOPWORDS.has(w) && !(negation && NEGATION.has(w)))) continue
    out.push({ word: w, start: s.index, end: s.index + s.segment.length })
  }
  return out
}

/**
 * Runs of meaning words that touch each other. Bigrams are taken inside a run only: one that
 * straddles a glue word ("店要" in 开个早餐店要啥手续, "题要" in 有问题要退) is noise that no passage
 * shares, and as a rare term it would count against every question that has one.
 */
function runs(segs: Segment[]): Segment[] {
  const out: Segment[] = []
  for (const s of segs) {
    const last = out[out.length - 1]
    if (last && last.end === s.start && HAN.test(s.word) && HAN.test(last.word)) out[out.length - 1] = { word: last.word + s.word, start: last.start, end: s.end }
    else out.push({ ...s })
  }
  return out
}

/** Search terms of a text: words, Han bigrams, and the synonym entries' canonical terms (split alike). */
export function tokenize(text: string): string[] {
  const t = normalise(text)
  const segs = contentSegments(t, true)
  const out: string[] = segs.filter((s) => !NEGATION.has(s.word)).map((s) => s.word)
  for (const r of runs(segs)) if (HAN.test(r.word) && r.word.length > 1) out.push(...bigramsOf(r.word))
  // a canonical term counts as a word of its own, with its bigrams (one segmenter call per text is
  // the cost that matters; the terms are short and need no segmenting)
  for (const term of synonymTerms(t)) {
    for (const w of term.split(' ')) {
      out.push(w)
      out.push(...bigramsOf(w))
    }
  }
  return out
}

/** one-character function words (and 个, 太, 很) that the segmenter glues onto a question word's edge */
const EDGE = new Set([...GLUE, ...'是有在要会能想去来给把被让对从也都就还又不没和与及或个太很挺到'])

/**
 * A question word the segmenter glued to a question character ("我是", "能写", "贵了", "是啥"): the
 * glue comes off its edges, unless the passages know the whole word (要求, 了解, 就业 stay whole).
 * Nothing left means it was all glue.
 */
function trimGlue(s: Segment, known: (word: string) => boolean): Segment | null {
  if (s.word.length < 2 || !HAN.test(s.word) || known(s.word)) return s
  let { word, start, end } = s
  while (word && EDGE.has(word[0])) {
    word = word.slice(1)
    start++
  }
  while (word && EDGE.has(word[word.length - 1])) {
    word = word.slice(0, -1)
    end--
  }
  return word && !STOPWORDS.has(word) ? { word, start, end } : null
}

/**
 * One thing a question asks about, for judging whether a passage answers it (engine.ts): a meaning
 * word of the question, with the terms that show a passage speaks of it.
 */
export interface Unit {
  word: string
  /** terms any of which covers the unit: the word itself, and the terms of synonym entries whose words overlap it */
  terms: string[]
  /** the word's bigrams (words of 3+ characters): a passage holding half of them covers it too */
  bigrams: string[]
  /** where it stands in the normalised question (start inclusive, end exclusive) */
  start: number
  end: number
}

/**
 * The units of a question: its meaning words, where a row of single characters the segmenter
 * could not place ("社 保", "注 销", "摊 位") is joined back into one word, each with the synonym
 * terms of any entry word that overlaps it ("增殖" in 增殖税 → 增值税).
 */
export function questionUnits(text: string, known: (word: string) => boolean = () => false): Unit[] {
  const t = normalise(text)
  const segs: Array<Segment & { singles: boolean }> = []
  for (const raw of contentSegments(t)) {
    const s = trimGlue(raw, known)
    if (!s) continue
    const single = s.word.length === 1 && HAN.test(s.word)
    const last = segs[segs.length - 1]
    // joined only into a word the passages or the synonym list know (社 保 → 社保, 门 面 → 门面) or glue
    // (多 长, dropped below); 证 快 stays apart: 证快 is no word, and as one it would weigh as an unknown word
    if (single && last?.singles && last.end === s.start && (known(last.word + s.word) || ENTRY_WORDS.has(last.word + s.word) || STOPWORDS.has(last.word + s.word))) segs[segs.length - 1] = { word: last.word + s.word, start: last.start, end: s.end, singles: true }
    else segs.push({ ...s, singles: single })
  }
  // joined singles can spell glue again ("多" + "长")
  for (let i = segs.length - 1; i >= 0; i--) if (STOPWORDS.has(segs[i].word)) segs.splice(i, 1)
  const spans = ENTRIES.map((e) => ({ terms: e.terms, spans: entrySpans(t, e) })).filter((e) => e.spans.length)
  const units: Array<Unit & { spans: Set<string> }> = []
  for (const s of segs) {
    const terms = new Set([s.word])
    const ids = new Set<string>()
    spans.forEach((e, i) => {
      for (const [a, b] of e.spans) {
        if (a < s.end && b > s.start) {
          ids.add(`${i}:${a}`)
          for (const x of e.terms) terms.add(x)
        }
      }
    })
    const last = units[units.length - 1]
    // two words of one synonym word the segmenter split (营业|执照, 养老|保险) are one thing asked about, not two
    if (last && [...ids].some((id) => last.spans.has(id))) {
      last.word += s.word
      last.terms = [...new Set([...last.terms, ...terms])]
      last.bigrams = []
      last.end = s.end
      for (const id of ids) last.spans.add(id)
      continue
    }
    units.push({ word: s.word, terms: [...terms], bigrams: s.word.length >= 3 && HAN.test(s.word) ? bigramsOf(s.word) : [], start: s.start, end: s.end, spans: ids })
  }
  return units.map(({ word, terms, bigrams, start, end }) => ({ word, terms, bigrams, start, end }))
}

/**
 * What a question is about, beyond its words (engine.ts requires the answering card to speak of it):
 * - `amount`: it asks for an amount (多少钱, 几块, 能拿多少, 赔多少): only a card that states one (a sum, a
 *   rate, a multiple, 免征/减半, or says the amount is not written) answers it;
 * - `verb`: the action a "can I …" question asks about, the unit right after 能/可以 (营业执照能借给… → 借);
 * - `phrase`: the thing a "how do I …" question asks about, the run of meaning units right before
 *   咋/怎么/如何 (电子发票咋开 → 电子 发票): a card must speak of the whole thing, not of a neighbour
 *   (发票 alone).
 */
export interface Focus {
  amount: boolean
  verb?: number
  /** the thing the action is done to, when it stands right before 能 (营业执照能借给… → 营业执照) */
  object?: number
  phrase: number[]
}

// an amount asked for: money (多少钱, 几块, 多少元) or how much one gets, pays or is owed (拿多少, 赔好多),
// but not a duration or a count (贷几年, 多少天)
const ASKS_AMOUNT = /多少钱|好多钱|几块|几元|多少元|多少块|(?:费|价|价格|价钱|收费)(?:是|要|得)?多少|[拿领贷借赔罚补减退给发交批](?:多少|好多)(?![年天月日号次个岁趟回遍])/
const MODAL_BEFORE = /(?:能|可以|可不可以|能不能)$/
const HOW_AFTER = /^(?:咋|怎么|怎样|如何)/

export function questionFocus(text: string, units: readonly Unit[]): Focus {
  const t = normalise(text)
  const verb = units.findIndex((u) => MODAL_BEFORE.test(t.slice(0, u.start)))
  const phrase: number[] = []
  const how = units.findIndex((u, i) => HOW_AFTER.test(t.slice(u.end)) && (i === units.length - 1 || units[i + 1].start > u.end))
  // words, not single characters: 请不起律师咋整 asks about 律师, not about 起律师
  if (how >= 0) for (let i = how; i >= 0 && units[i].word.length > 1 && (i === how || units[i].end === units[i + 1].start); i--) phrase.unshift(i)
  const object = verb > 0 && /^(?:能|可以|可不可以|能不能)$/.test(t.slice(units[verb - 1].end, units[verb].start)) ? verb - 1 : undefined
  return { amount: ASKS_AMOUNT.test(t), verb: verb >= 0 ? verb : undefined, object, phrase }
}

/** A passage that states an amount: a sum, a rate or a multiple, 免征/减半, or that none is written (文件未写明额度). */
export const STATES_AMOUNT = /[0-9][0-9.,]*\s*(?:元|万|千|百|%|倍|折)|[一二两三四五六七八九十百千万]+(?:元|倍|成|折)|百分之|减半|免费|免征|免收|不收费|不收取|额度|金额|幅度|补贴标准|收费标准/

