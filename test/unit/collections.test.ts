import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { COLLECTIONS, INDEXES, LOCAL_ONLY_COLLECTIONS } from '../../cloudfunctions/common/indexes'

/** COLLECTIONS is what admin.setup creates in the cloud: a collection missing from it fails there. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))

const namesUsed = (files: string[]) =>
  new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/collection(?:<[^>]*>)?\('([A-Za-z]+)'\)/g)].map((m) => m[1])))

describe('the one list of collections', () => {
  const known = new Set<string>([...COLLECTIONS, ...LOCAL_ONLY_COLLECTIONS])

  test('every collection the functions name is in COLLECTIONS (or local-only)', () => {
    const used = namesUsed(sources('cloudfunctions'))
    expect(used.size).toBeGreaterThan(20)
    expect([...used].filter((n) => !known.has(n))).toEqual([])
    // and nothing in COLLECTIONS is dead weight
    expect(COLLECTIONS.filter((n) => !used.has(n))).toEqual([])
  })

  test('the scan would notice a collection that is not listed', () => {
    const used = namesUsed([__filename])
    expect(used.has('notListedAnywhere')).toBe(true) // from this line: collection('notListedAnywhere')
    expect(known.has('notListedAnywhere')).toBe(false)
  })

  test('every indexed collection is a known collection; no duplicates', () => {
    expect(Object.keys(INDEXES).filter((n) => !known.has(n))).toEqual([])
    expect(new Set(COLLECTIONS).size).toBe(COLLECTIONS.length)
  })
})
