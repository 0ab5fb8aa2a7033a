import fc from 'fast-check'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { LocalDb } from '../../cloudfunctions/common/adapters/local/db'
import { cmd, type Where } from '../../cloudfunctions/common/ports'
import { dashboardGroups, type DashboardCounts } from '../../src/core/monitor/dashboard'
import { averageDays, daysBetweenInstants, defaultPeriod, figureKind, figureTitle, lastMonths, LIST_FIGURES, monthLabel, periodProblem, satisfaction, SERVICE_MONTH_LINES, SERVICE_MONTH_SOURCE } from '../../src/core/monitor/figures'

describe('监测分析 pure parts', () => {
  test('figures: a parametrised figure needs a known key; others take none', () => {
    expect(figureKind('households')).toEqual({ kind: 'households', param: null })
    expect(figureKind('type:survival')).toEqual({ kind: 'type', param: 'survival' })
    expect(figureKind('need:finance')).toEqual({ kind: 'need', param: 'finance' })
    for (const bad of ['type', 'type:rich', 'households:x', 'owners', 'type:survival:x', '__proto__', 'complaintCategory:constructor', '']) expect(figureKind(bad)).toBeNull()
    expect(figureTitle('complaintCategory:fee')).toBe('诉求类别：违规收费')
    expect(figureTitle('type:survival')).toBe('分型：生存型（我们的估计）')
    for (const f of LIST_FIGURES) expect(figureTitle(f === 'type' ? 'type:growth' : f === 'industry' ? 'industry:other' : f === 'complaintCategory' ? 'complaintCategory:fee' : f === 'complaintStatus' ? 'complaintStatus:closed' : f === 'loanStatus' ? 'loanStatus:approved' : f === 'need' ? 'need:tax' : f)).not.toBe('名单')
  })

  test('periods: this month by default, checked in words, China months', () => {
    expect(defaultPeriod('2026-11-20')).toEqual({ from: '2026-11-01', to: '2026-11-20' })
    expect(periodProblem('2026-11-01', '2026-11-20')).toBeNull()
    expect(periodProblem('2026-11-21', '2026-11-20')).toEqual({ field: 'to', message: '结束日期不能早于开始日期' })
    expect(periodProblem('2026-02-30', '2026-03-01')).toEqual({ field: 'from', message: '开始日期不对' })
    expect(periodProblem('2025-11-20', '2026-11-20')).toBeNull()
    expect(periodProblem('2025-11-19', '2026-11-20')).toEqual({ field: 'to', message: '时间段最长一年，请缩短' })
    expect(lastMonths('2026-02-10', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect([monthLabel('2026-02', '2026'), monthLabel('2025-12', '2026')]).toEqual(['2月', '2025年12月'])
  })

  test('averages and satisfaction say nothing when nothing was measured', () => {
    expect(averageDays(0, 0)).toBeNull()
    expect(averageDays(10, 3)).toBe(3.3)
    expect(satisfaction({})).toEqual({ percent: null, rated: 0 })
    expect(satisfaction({ satisfied: 1, basicallySatisfied: 1, unsatisfied: 1 })).toEqual({ percent: 67, rated: 3 })
    expect(daysBetweenInstants('2026-11-01T02:00:00Z', '2026-11-03T14:00:00Z')).toBe(2.5)
    expect(daysBetweenInstants('2026-11-03T02:00:00Z', '2026-11-01T02:00:00Z')).toBe(0)
  })

  test('every figure with a list names a figure the list understands; estimates and inexact figures say so', () => {
    const zero = { byType: {}, byIndustry: {}, byCategory: {}, byStatus: {}, ratings: {}, loansByStatus: {}, needs: {}, newByMonth: [], accept: { sum: 0, n: 0 }, reply: { sum: 0, n: 0 } } as unknown as DashboardCounts
    const groups = dashboardGroups(new Proxy(zero, { get: (t, k) => (k in t ? t[k as keyof DashboardCounts] : 0) }), { admin: false })
    const figures = groups.flatMap((g) => g.figures)
    for (const f of figures) if (f.figure) expect([f.id, figureKind(f.figure)]).not.toEqual([f.id, null])
    expect(new Set(figures.map((f) => f.id)).size).toBe(figures.length)
    const byId = Object.fromEntries(figures.map((f) => [f.id, f]))
    expect(byId.acceptDays).toMatchObject({ value: null, figure: null })
    expect(byId['type:survival'].note).toContain('我们的估计')
    expect(byId.active.note).toContain('记录开始前的使用不计')
  })

  test('the 服务月 lines quote seed 002 word for word', () => {
    const seeds = resolve(__dirname, '../../../shared/seeds')
    const file = readdirSync(seeds).find((f) => f.startsWith('002'))!
    const text = readFileSync(join(seeds, file), 'utf8')
    expect(text.startsWith(SERVICE_MONTH_SOURCE)).toBe(true)
    for (const l of SERVICE_MONTH_LINES) expect([l.key, text.includes(l.quote)]).toEqual([l.key, true])
  })
})

describe('the local store’s group-count agrees with a plain filter and count', () => {
  let dir: string
  let db: LocalDb
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'getihu-groups-'))
    db = new LocalDb(dir)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const doc = fc.record(
    {
      kind: fc.constantFrom('a', 'b', 'c'),
      region: fc.constantFrom('330302', '330303', '330102'),
      n: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constant('x')),
      nested: fc.record({ t: fc.constantFrom('p', 'q') }, { requiredKeys: [] }),
      tags: fc.array(fc.constantFrom('finance', 'hiring', 'tax'), { maxLength: 3 })
    },
    { requiredKeys: ['region'] }
  )
  let run = 0
  test('counts, sums, unwound arrays and distinct counts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { maxLength: 40 }), fc.constantFrom<Where>({}, { region: cmd.prefix('3303') }, { region: '330102' }), async (docs, where) => {
        const name = `groups${String.fromCharCode(97 + (run % 26))}${String.fromCharCode(97 + Math.floor(run / 26) % 26)}x${run}`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)])
        run++
        await db.insertMany(name, docs.map((d, i) => ({ _id: `d${i}`, ...d })))
        const c = db.collection(name)
        const plain = docs.filter((d) => (where.region === undefined ? true : typeof where.region === 'string' ? d.region === where.region : d.region.startsWith('3303')))
        // by one field, a missing one grouping as null
        for (const field of ['kind', 'nested.t']) {
          const rows = await c.countGroups(where, { by: [field], sum: ['n'] })
          const read = (d: (typeof docs)[number]) => (field === 'kind' ? d.kind : d.nested?.t) ?? null
          const keys = [...new Set(plain.map(read))]
          expect(rows.map((r) => [r.key[field], r.count]).sort()).toEqual(keys.map((k) => [k, plain.filter((d) => read(d) === k).length]).sort())
          for (const r of rows) expect(r.sums.n).toBe(plain.filter((d) => read(d) === r.key[field]).reduce((s, d) => s + (typeof d.n === 'number' ? d.n : 0), 0))
          // each group's count is what a count query with the key answers
          for (const r of rows) if (r.key[field] !== null) expect(await c.count({ ...where, [field]: r.key[field] })).toBe(r.count)
        }
        // unwound: one row per array element, and a count query on the array element agrees
        const tags = await c.countGroups(where, { by: ['tags'], unwind: 'tags' })
        for (const r of tags) expect(await c.count({ ...where, tags: r.key.tags })).toBe(plain.filter((d) => (d.tags ?? []).includes(r.key.tags as 'tax')).length + 0 * r.count)
        expect(tags.reduce((s, r) => s + r.count, 0)).toBe(plain.reduce((s, d) => s + (d.tags ?? []).length, 0))
        // no key: one group of everything
        const all = await c.countGroups(where, { by: [] })
        expect(all.length ? all[0].count : 0).toBe(await c.count(where))
        expect(await c.countDistinct(where, ['kind', 'region'])).toBe(new Set(plain.map((d) => `${d.kind ?? null}|${d.region}`)).size)
      }),
      { numRuns: 60 }
    )
  })
})
