import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { acceptModelAnswer, modelPrompt, sentences } from '../../src/core/assistant/cite'
import { createEngine, EVIDENCE_FLOOR, EVIDENCE_RANK_RATIO, matchFaq, SCORE_FLOOR } from '../../src/core/assistant/engine'
import { evaluate, parseQuestions, summaryLine } from '../../src/core/assistant/evaluate'
import { allPassages } from '../../src/core/assistant/passages'
import { normalise, questionFocus, questionUnits, STATES_AMOUNT, tokenize } from '../../src/core/assistant/tokenize'
import { POLICY_LIBRARY } from '../../src/core/policy/library'

describe('tokenize', () => {
  test('words from Intl.Segmenter plus the bigrams of each Han run; question glue is dropped', () => {
    const t = tokenize('年报不报会怎样')
    expect(t).toEqual(expect.arrayContaining(['年报', '不报']))
    expect(t).not.toContain('怎样')
    expect(t.some((x) => x.includes('怎'))).toBe(false)
  })

  test('a word the segmenter splits differently still shares its bigrams', () => {
    // "小吃店" in a question, "小吃" in a passage: the bigram is common to both
    expect(tokenize('开了个小吃店')).toContain('小吃')
    expect(tokenize('小吃摊贩')).toContain('小吃')
  })

  test('full-width and half-width, upper and lower case are one term', () => {
    expect(normalise('１２３１５ＡＢ')).toBe('12315ab')
    expect(tokenize('打１２３１５')).toContain('12315')
  })

  test('colloquial words, dialect and typos add the documents\' term, on both sides alike', () => {
    expect(tokenize('俺想借点钱')).toContain('贷款')
    expect(tokenize('个体码上贷试点')).toContain('贷款')
    expect(tokenize('年度报告')).toContain('年报')
    expect(tokenize('年保')).toContain('年报')
    expect(tokenize('建康证')).toContain('健康证')
    expect(tokenize('被多收卫生费')).toContain('乱收费')
    expect(tokenize('当过兵')).toContain('退役军人')
  })

  test('bigrams stay inside runs of meaning words: none straddles a question word', () => {
    const t = tokenize('开个早餐店要啥手续')
    expect(t).toContain('早餐')
    expect(t).not.toContain('店要')
    expect(tokenize('顾客说东西有问题要退')).not.toContain('题要')
  })

  test('缴 is written 交, and 块 after a number is 元, on both sides', () => {
    expect(tokenize('社保能缓交吗')).toContain('缓交')
    expect(tokenize('阶段性缓缴社会保险费')).toContain('缓交')
    expect(normalise('卖不到10万块')).toBe('卖不到10万元')
  })

  test('a synonym word inside a longer word that means something else adds nothing (手续 in 手续费)', () => {
    expect(tokenize('开店要啥手续')).toContain('许可证')
    expect(tokenize('刷卡手续费能减免吗')).not.toContain('许可证')
  })

  test('a question of glue alone has no terms', () => {
    expect(tokenize('请问一下，这个咋办呢？')).toEqual([])
  })
})

describe('question words (what a card must speak of)', () => {
  // the passages' vocabulary, as the engine judges joins with it
  const vocab = new Set(allPassages().flatMap((p) => tokenize([p.title, p.plain, p.quote ?? '', p.extra].join('\n'))))
  const known = (w: string) => vocab.has(w)
  test('question forms, hedges and glue at a word\'s edge are not asked about', () => {
    expect(questionUnits('六税两费减半是啥意思', known).map((u) => u.word)).toEqual(['六税', '两费', '减半'])
    expect(questionUnits('广告能写最好最佳吗').map((u) => u.word)).not.toContain('能写')
    expect(questionUnits('办营业只照要多长时间').map((u) => u.word)).not.toContain('多长')
  })
  test('single characters the segmenter left apart are joined ("社 保"), and a typo carries the documents\' term', () => {
    expect(questionUnits('社保能缓交吗').map((u) => u.word)).toContain('社保')
    expect(questionUnits('一个月卖不到10万块要交增殖税不').find((u) => u.word.includes('增殖'))?.terms).toContain('增值税')
  })
  test('single characters are joined only into a word the passages or the synonym list know', () => {
    // 证快 is no word: joined, it would weigh as an unknown word against the drug-permit card
    expect(questionUnits('药房的证快过期了咋整', known).map((u) => u.word)).toEqual(expect.arrayContaining(['证', '快']))
    expect(questionUnits('药房的证快过期了咋整', known).map((u) => u.word)).not.toContain('证快')
    expect(questionUnits('想贷款扩大门面', known).map((u) => u.word)).toContain('门面')
  })
  test('two words of one synonym word the segmenter split are one thing asked about', () => {
    expect(questionUnits('交养老保险', known).map((u) => u.word)).toContain('养老保险')
  })
  test('owners\' words for the library\'s people, trades, money, actions and places add its term', () => {
    expect(tokenize('客人吃坏了')).toContain('顾客')
    expect(tokenize('请了个帮工')).toContain('雇工')
    expect(tokenize('开个面馆')).toContain('餐饮')
    expect(tokenize('要赔多少')).toContain('赔偿')
    expect(tokenize('能少交点不')).toContain('减免')
    expect(tokenize('执照要改不')).toContain('变更')
    expect(tokenize('工资拖两个月')).toContain('拖欠')
    expect(tokenize('找哪个说理')).toContain('投诉')
    expect(tokenize('搬到隔壁县')).toContain('区县')
    // but not inside a word that means something else
    expect(tokenize('健康证多久换一次')).not.toContain('变更')
  })
})

describe('ranking', () => {
  const engine = createEngine()
  const refs = (q: string) => engine.search(q).hits.map((h) => h.passage.ref)

  test('the issue\'s four questions find their policies and lessons', () => {
    expect(refs('我是退役军人开小吃店，能贷款吗')).toEqual(expect.arrayContaining(['gz-08-veteran-loan']))
    expect(refs('年报不报会怎样')[0]).toBe('guide-annual-late')
    expect(refs('健康证多久换一次')).toEqual(expect.arrayContaining(['guide-permit-healthCert', 'food-licence-health']))
    expect(refs('被多收卫生费去哪里反映')).toEqual(expect.arrayContaining(['gz-12-illegal-fees']))
    for (const q of ['我是退役军人开小吃店，能贷款吗', '年报不报会怎样', '健康证多久换一次', '被多收卫生费去哪里反映']) expect(engine.search(q).confident).toBe(true)
  })

  test('one card per source: the three hits are three different policies, lessons or guides', () => {
    const r = refs('食品经营许可证几年到期')
    expect(new Set(r).size).toBe(r.length)
    expect(r.length).toBe(3)
  })

  test('a question whose distinctive words no card speaks of is not answered, however well its common words score', () => {
    // 营业执照 scores high on the licence lesson, but nothing in the library speaks of losing one
    const r = engine.search('营业执照丢了咋补办')
    expect(r.hits[0].score).toBeGreaterThan(SCORE_FLOOR)
    expect(r.hits[0].missing).toEqual(expect.arrayContaining(['丢']))
    expect(r.confident).toBe(false)
    // the same common words with an asked-about word a card does speak of
    expect(engine.search('营业执照要挂在哪').confident).toBe(true)
  })

  test('questions the library cannot answer fall below the floors', () => {
    for (const q of ['彩票怎么买', '低保怎么申请', '老人坐公交免费吗', '高铁票怎么退', '房东不退押金怎么办']) {
      const r = engine.search(q)
      expect([q, r.confident]).toEqual([q, false])
      if (r.hits[0]) expect(r.hits[0].score < SCORE_FLOOR || r.hits.every((h) => h.evidence < EVIDENCE_FLOOR || h.score < EVIDENCE_RANK_RATIO * r.hits[0].score)).toBe(true)
    }
  })

  test('a question asking for an amount is answered only by a card that states one', () => {
    const words = (q: string) => questionUnits(q).map((u) => u.word)
    expect(questionFocus('健康证体检多少钱', questionUnits('健康证体检多少钱')).amount).toBe(true)
    expect(questionFocus('码上贷能贷多少', questionUnits('码上贷能贷多少')).amount).toBe(true)
    // a duration or a count is no amount
    expect(questionFocus('创业担保贷款能贷几年', questionUnits('创业担保贷款能贷几年')).amount).toBe(false)
    expect(questionFocus('年报要交钱不', questionUnits('年报要交钱不')).amount).toBe(false)
    expect(STATES_AMOUNT.test('月销售额10万元以下免征增值税')).toBe(true)
    expect(STATES_AMOUNT.test('这是试点，文件未写明额度')).toBe(true)
    expect(STATES_AMOUNT.test('每年进行健康检查，到期前重新体检')).toBe(false)
    // the health-certificate cards say when, never what it costs
    const r = engine.search('健康证体检多少钱')
    expect(r.hits[0].passage.ref).toBe('guide-permit-healthCert')
    expect(r.confident).toBe(false)
    expect(engine.search('码上贷是啥？能贷多少').confident).toBe(true)
    expect(words('健康证体检多少钱')).not.toContain('多少钱')
  })

  test('a "can I …" question needs its action in the card, done to the thing asked about', () => {
    const q = '营业执照能借给我表弟用不'
    const units = questionUnits(q)
    const f = questionFocus(q, units)
    expect(units[f.verb!].word).toBe('借')
    expect(units[f.object!].word).toBe('营业执照')
    // the licence lesson lacks 借; the code-loan card says 信用贷款更好借, far from 营业执照
    expect(engine.search(q).confident).toBe(false)
    expect(engine.search('营业执照能借给亲戚用不').confident).toBe(false)
  })

  test('a "how do I …" question needs the thing itself, not a neighbour word', () => {
    const q = '电子发票咋开啊'
    const units = questionUnits(q)
    expect(questionFocus(q, units).phrase.map((i) => units[i].word)).toEqual(['电子', '发票'])
    // 发票 alone (the invoices lesson) or 电子税务局 … 普通发票 is not 电子发票
    expect(engine.search('电子发票咋开啊 手机上能开不').confident).toBe(false)
    expect(engine.search('烟草证到期咋续').confident).toBe(true)
    expect(engine.search('要打官司请不起律师咋整').confident).toBe(true)
  })

  test('evidence counts only from a card that ranks near the top', () => {
    // a bank-tax card far below holds 增值税 and 发票, but nothing in the library speaks of 专用发票
    const r = engine.search('个体户能开增值税专用发票不')
    expect(r.confident).toBe(false)
    expect(r.hits.some((h) => h.evidence >= EVIDENCE_FLOOR && h.score < EVIDENCE_RANK_RATIO * r.hits[0].score)).toBe(true)
  })

  test('the same question gives the same answer every time (deterministic)', () => {
    expect(refs('个转企有啥好处')).toEqual(refs('个转企有啥好处'))
  })

  test('a policy passage quotes its own evidence and names its document and clause', () => {
    for (const p of allPassages().filter((x) => x.kind === 'policy')) {
      const seed = POLICY_LIBRARY.find((s) => s.id === p.ref)!
      expect(seed.evidence.map((e) => e.quote)).toContain(p.quote)
      expect(p.source).toContain(seed.source.clause)
      expect(p.source).toContain(seed.source.document)
    }
  })
})

describe('FAQ entries', () => {
  const entries = [
    { id: 'f1', question: '东门市场的卫生费一个月交多少', answer: '东门市场按管理方公示的标准收取，有疑问可以到市场办公室看公示。' },
    { id: 'f2', question: '摊位续租找谁办', answer: '找市场管理处。' }
  ]
  test('the same question (or nearly) finds its entry', () => {
    expect(matchFaq('东门市场的卫生费一个月交多少', entries)?.faq.id).toBe('f1')
    expect(matchFaq('东门市场卫生费一个月交多少？', entries)?.faq.id).toBe('f1')
  })
  test('a question sharing a word or two does not', () => {
    expect(matchFaq('卫生许可证到期了', entries)).toBeNull()
    expect(matchFaq('年报不报会怎样', entries)).toBeNull()
    expect(matchFaq('年报不报会怎样', [])).toBeNull()
  })
})

describe('the optional model\'s answer', () => {
  test('the prompt holds only the passages and the question, numbered', () => {
    const p = modelPrompt('年报不报会怎样', [{ n: 1, title: '年报逾期了怎么办', text: '逾期未报会被标记为经营异常', source: '年报提醒' }])
    expect(p.user).toContain('[1]《年报逾期了怎么办》')
    expect(p.user).toContain('问题：年报不报会怎样')
    expect(p.system).toContain('只能根据下面编号的资料回答')
  })

  test('shown only when every sentence cites one of the given passages', () => {
    expect(acceptModelAnswer('逾期未报会被标记为经营异常[1]。补报后可以申请信用修复[2]。', [1, 2, 3])).toBe('逾期未报会被标记为经营异常[1]。补报后可以申请信用修复[2]。')
    // a trailing citation after the full stop belongs to its sentence
    expect(acceptModelAnswer('逾期未报会被标记为经营异常。[1]', [1])).not.toBeNull()
    expect(acceptModelAnswer('逾期未报会被标记为经营异常[1]。还会罚款一万元。', [1, 2])).toBeNull()
    expect(acceptModelAnswer('逾期未报会被标记为经营异常[4]。', [1, 2, 3])).toBeNull()
    expect(acceptModelAnswer('详见 https://example.com [1]。', [1])).toBeNull()
    expect(acceptModelAnswer('没有找到可靠的答案。', [1])).toBeNull()
    expect(acceptModelAnswer('', [1])).toBeNull()
    expect(acceptModelAnswer(null, [1])).toBeNull()
  })

  test('sentences split at 。！？ and line breaks', () => {
    expect(sentences('一[1]。二[2]！\n三[3]')).toEqual(['一[1]。', '二[2]！', '三[3]'])
  })
})

describe('the repository\'s question sets (qa/questions.json, qa/holdout.json; never qa/fresh.json)', () => {
  const read = (f: string) => parseQuestions(JSON.parse(readFileSync(join(__dirname, '../../qa', f), 'utf8')))
  const questions = read('questions.json')
  const holdout = read('holdout.json')
  const refs = new Set(allPassages().map((p) => p.ref))

  test('has at least 80 questions, some with no answer in the library, every expected id one 问一问 can cite', () => {
    expect(questions.length).toBeGreaterThanOrEqual(80)
    expect(questions.filter((q) => !q.expect.length).length).toBeGreaterThanOrEqual(10)
    expect([...questions, ...holdout, ...read('fresh.json')].flatMap((q) => q.expect).filter((id) => !refs.has(id))).toEqual([])
  })

  test('holds the recall and no-answer rates reached when the floors were tuned (a regression fails here)', () => {
    // README "问一问" lists how they were tuned: on these two sets only. qa/fresh.json is the honest
    // measure and is deliberately not pinned here (pinning it would make it a tuning set).
    const r = evaluate(createEngine(), questions, () => 0)
    expect(r.misses).toEqual([])
    expect(r.recallAt3).toBeGreaterThanOrEqual(0.99)
    expect(r.noAnswerCorrect).toBe(1)
    expect(summaryLine(r)).toMatch(/^QA questions=\d+ recall_at_3=[\d.]+ no_answer_correct=[\d.]+ p95_ms=[\d.]+$/)
    const h = evaluate(createEngine(), holdout, () => 0)
    expect(h.recallAt3).toBeGreaterThanOrEqual(0.9)
    expect(h.noAnswerCorrect).toBe(1)
  })

  test('the file format is checked in words', () => {
    expect(() => parseQuestions({})).toThrow('array')
    expect(() => parseQuestions([{ q: 1, expect: [] }])).toThrow('entry 0')
  })
})
