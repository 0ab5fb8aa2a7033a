import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { createEngine } from '../src/core/assistant/engine'
import { evaluate, parseQuestions, summaryLine } from '../src/core/assistant/evaluate'

/**
 * npm run qa:eval -- <file.json>: 问一问's retrieval on a question set (default qa/questions.json).
 * Prints each miss, the index build time, and last, exactly:
 * QA questions=<n> recall_at_3=<x> no_answer_correct=<x> p95_ms=<x>
 */
const file = process.argv[2] ?? 'qa/questions.json'
const questions = parseQuestions(JSON.parse(readFileSync(file, 'utf8')))
const t0 = performance.now()
const engine = createEngine()
const buildMs = performance.now() - t0
// one warm-up question: the first search pays for the segmenter's lazy data, as an instance's first call would
engine.search('年报')
const r = evaluate(engine, questions, () => performance.now())
for (const m of r.misses) {
  console.log(`miss: ${m.q}  expect=[${m.expect.join(', ')}]  got=[${m.got.join(', ')}]${m.confident ? '' : ' (没有找到可靠的答案)'}`)
}
console.log(`index: ${engine.passages.length} passages built in ${buildMs.toFixed(1)} ms`)
console.log(summaryLine(r))
