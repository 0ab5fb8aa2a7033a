import fc from 'fast-check'
import { MODULES, modulesFor } from '../../src/core/course/content'
import { certificateSerial, draw, EXAM_SIZE, grade, shuffle, tooFast } from '../../src/core/course/exam'

const bank = new Map(MODULES.flatMap((m) => m.lessons.flatMap((l) => l.questions.map((q) => [q.id, q] as const))))
const find = (id: string) => bank.get(id)
/** A seeded generator (mulberry32), so property runs are reproducible. */
const seeded = (seed: number) => () => {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

describe('course content', () => {
  test('every lesson cites a source and has a bank; every question has one right option among distinct ones', () => {
    for (const m of MODULES)
      for (const l of m.lessons) {
        expect(l.source.length).toBeGreaterThan(5)
        expect(l.questions.length).toBeGreaterThanOrEqual(3)
        expect(l.points.join('').length).toBeLessThan(600) // a few minutes on a phone
        for (const q of l.questions) {
          expect(new Set(q.options).size).toBe(q.options.length)
          expect(q.options[q.answer]).toBeDefined()
        }
      }
    expect(new Set([...bank.keys()]).size).toBe(MODULES.flatMap((m) => m.lessons.flatMap((l) => l.questions)).length)
  })

  test('owners get the core modules plus their industry track', () => {
    const core = ['basics', 'safety', 'law', 'management', 'tax', 'finance-help']
    expect(modulesFor('retail').map((m) => m.id)).toEqual(core)
    expect(modulesFor('catering').map((m) => m.id)).toEqual([...core, 'food'])
    expect(modulesFor('foodRetail').map((m) => m.id)).toContain('food')
  })
})

describe('drawing', () => {
  test('10 distinct questions covering every module, each with its options permuted', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom('retail', 'catering') as fc.Arbitrary<'retail' | 'catering'>, (seed, industry) => {
        const mods = modulesFor(industry)
        const d = draw(mods, seeded(seed))
        expect(d).toHaveLength(EXAM_SIZE)
        expect(new Set(d.map((x) => x.questionId)).size).toBe(EXAM_SIZE)
        for (const m of mods) expect(d.some((x) => m.lessons.some((l) => l.questions.some((q) => q.id === x.questionId)))).toBe(true)
        for (const x of d) expect([...x.order].sort()).toEqual(find(x.questionId)!.options.map((_, i) => i))
      }),
      { numRuns: 300 }
    )
  })

  test('draws differ between attempts and the right option is not always in the same place', () => {
    const rng = seeded(7)
    const a = draw(modulesFor('retail'), rng)
    const b = draw(modulesFor('retail'), rng)
    expect(a.map((x) => x.questionId)).not.toEqual(b.map((x) => x.questionId))
    const positions = new Set(a.map((x) => x.order.indexOf(find(x.questionId)!.answer)))
    expect(positions.size).toBeGreaterThan(1)
  })

  test('shuffle keeps every item', () => {
    fc.assert(fc.property(fc.array(fc.integer()), fc.integer(), (xs, seed) => expect(shuffle(xs, seeded(seed)).sort()).toEqual([...xs].sort())))
  })
})

describe('grading', () => {
  const d = draw(modulesFor('catering'), seeded(42))
  const right = d.map((x) => x.order.indexOf(find(x.questionId)!.answer))
  const wrong = d.map((x) => x.order.findIndex((i) => i !== find(x.questionId)!.answer))

  test('all right passes, all wrong fails, and 80% is the line', () => {
    expect(grade(d, right, find)).toMatchObject({ correct: 10, total: 10, percent: 100, passed: true })
    expect(grade(d, wrong, find)).toMatchObject({ correct: 0, percent: 0, passed: false })
    const eight = right.map((r, i) => (i < 2 ? wrong[i] : r))
    expect(grade(d, eight, find)).toMatchObject({ correct: 8, percent: 80, passed: true })
    const seven = right.map((r, i) => (i < 3 ? wrong[i] : r))
    expect(grade(d, seven, find)).toMatchObject({ correct: 7, percent: 70, passed: false })
  })

  test('skipped questions count as wrong; the review explains each', () => {
    const g = grade(d, right.map((r, i) => (i === 0 ? null : r)), find)
    expect(g.correct).toBe(9)
    expect(g.review[0]).toMatchObject({ chosen: null, right: false })
    expect(g.review.every((r) => r.explain.length > 0)).toBe(true)
  })

  test('grading reads the shown order: the bank position alone is not the answer', () => {
    // answering "the bank's index" instead of the shown position is only right where they coincide
    const naive = d.map((x) => find(x.questionId)!.answer)
    const expected = d.filter((x) => x.order[find(x.questionId)!.answer] === find(x.questionId)!.answer).length
    expect(grade(d, naive, find).correct).toBe(expected)
  })

  test('too fast is under 3 seconds a question; serials are fixed width', () => {
    const start = new Date('2026-11-21T02:00:00Z')
    expect(tooFast(start, new Date(start.getTime() + 29_000), 10)).toBe(true)
    expect(tooFast(start, new Date(start.getTime() + 30_000), 10)).toBe(false)
    expect(certificateSerial(2026, 42)).toBe('DYK2026000042')
  })
})
