import { ERASURE, ERASURE_ORDER } from '../../cloudfunctions/user/erasure'
import { COLLECTIONS, INDEXES, LOCAL_ONLY_COLLECTIONS } from '../../cloudfunctions/common/indexes'
import { KEPT } from '../../src/core/rights/kept'

/**
 * Account deletion decides, per collection, what happens to an owner's data. A collection added
 * without an entry here fails this test (and the type check): whoever adds it must decide.
 */
describe('the erasure table', () => {
  const all = [...COLLECTIONS, ...LOCAL_ONLY_COLLECTIONS]

  test('has an entry for every collection, and none for a collection that does not exist', () => {
    expect(all.filter((c) => !(c in ERASURE))).toEqual([])
    expect(Object.keys(ERASURE).filter((c) => !(all as readonly string[]).includes(c))).toEqual([])
  })

  test('the check would notice a missing entry', () => {
    const missing = [...all, 'newCollection'].filter((c) => !(c in ERASURE))
    expect(missing).toEqual(['newCollection'])
  })

  test('what is kept is explained to the owner; what is not personal says why', () => {
    for (const [name, rule] of Object.entries(ERASURE)) {
      if (rule.kind === 'anonymise') expect(KEPT[rule.kept]).toBeDefined()
      if (rule.kind === 'notPersonal') expect(rule.why.length).toBeGreaterThan(4)
      if (rule.kind === 'erase' || rule.kind === 'unbind') expect(rule.what.length).toBeGreaterThan(1)
      if (rule.kind !== 'notPersonal') expect([name, rule.find.length]).not.toEqual([name, 0])
    }
  })

  test('every field it looks an owner up by is indexed (the cloud), so a page costs one indexed query', () => {
    const unindexed: string[] = []
    for (const [name, rule] of Object.entries(ERASURE)) {
      if (rule.kind === 'notPersonal' || (LOCAL_ONLY_COLLECTIONS as readonly string[]).includes(name)) continue
      for (const f of rule.find) {
        if (f.by !== 'field') continue
        const first = (INDEXES[name] ?? []).map((i) => (Array.isArray(i.fields) ? i.fields[0] : i.fields))
        if (!first.includes(f.field)) unindexed.push(`${name}.${f.field}`)
      }
    }
    expect(unindexed).toEqual([])
  })

  test('the owner’s own document goes last: it carries the erasure’s state to the end', () => {
    const personal = ERASURE_ORDER.filter((n) => ERASURE[n].kind !== 'notPersonal')
    expect(personal.at(-1)).toBe('owners')
    // what schedules messages is erased before the inbox, so nothing new lands behind the eraser
    expect(ERASURE_ORDER.indexOf('permits')).toBeLessThan(ERASURE_ORDER.indexOf('inbox'))
    expect(ERASURE_ORDER.indexOf('obligations')).toBeLessThan(ERASURE_ORDER.indexOf('inbox'))
  })
})
