import { parse } from 'acorn'
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ECMA_VERSION, RUNTIME } from '../../scripts/runtime'

/**
 * Loads each built bundle (dist/cloudfunctions/<fn>/index.js) as WeChat would, with a fake
 * wx-server-sdk: proves the deployable artifact routes, checks identity and handles timers.
 */
const ROOT = resolve('dist/cloudfunctions')
const sdk = {
  openid: 'owner-1' as string | undefined,
  calls: [] as string[]
}
jest.mock(
  'wx-server-sdk',
  () => {
    const query: Record<string, unknown> = {}
    Object.assign(query, {
      where: () => query,
      limit: () => query,
      orderBy: () => query,
      skip: () => query,
      field: () => query,
      get: async () => {
        sdk.calls.push('get')
        return { data: [] }
      },
      // the scheduler's one-run-at-a-time lease: nothing there yet, so it is made
      update: async () => {
        sdk.calls.push('update')
        return { stats: { updated: 0 } }
      },
      add: async () => {
        sdk.calls.push('add')
        return { _id: 'new' }
      }
    })
    return {
      DYNAMIC_CURRENT_ENV: 'env',
      init: () => sdk.calls.push('init'),
      getWXContext: () => ({ OPENID: sdk.openid }),
      // every db.command operator (lte, in, ...) as a marker object, as the SDK builds them
      database: () => ({ command: new Proxy({}, { get: (_t, op) => (v: unknown) => ({ op, v }) }), collection: () => query, RegExp: () => ({}) }),
      openapi: {},
      callFunction: async () => {
        sdk.calls.push('callFunction')
        return { result: null }
      }
    }
  },
  { virtual: true }
)

const functions = readdirSync(ROOT)

const errors: unknown[] = []
beforeEach(() => {
  errors.length = 0
  jest.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args))
})
afterEach(() => {
  // a bundle that logs an error has failed somewhere, even if it answered
  expect(errors).toEqual([])
  jest.restoreAllMocks()
})

describe('built cloud functions', () => {
  test('each has index.js, a package.json depending only on wx-server-sdk, and its config.json', () => {
    expect(functions.sort()).toEqual(['admin', 'assistant', 'complaint', 'course', 'loan', 'monitor', 'notice', 'policy', 'recognition', 'register', 'reminder', 'scheduler', 'survey', 'user', 'visit'])
    for (const fn of functions) {
      const pkg = JSON.parse(readFileSync(join(ROOT, fn, 'package.json'), 'utf8'))
      expect(pkg.main).toBe('index.js')
      expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk'])
      expect(readFileSync(join(ROOT, fn, 'config.json'), 'utf8')).toBe(readFileSync(resolve('cloudfunctions', fn, 'config.json'), 'utf8'))
      // everything else is bundled in: no require of project files or other packages
      const code = readFileSync(join(ROOT, fn, 'index.js'), 'utf8')
      const requires = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !m.startsWith('node:'))
      expect(requires.filter((m) => !['wx-server-sdk', 'crypto', 'fs', 'path', 'util', 'os', 'events', 'stream', 'buffer', 'url', 'zlib', 'string_decoder', 'constants', 'assert'].includes(m))).toEqual([])
    }
  })

  test('the user bundle answers a call in the contract’s envelope, with identity from WeChat', async () => {
    const { main } = require(join(ROOT, 'user', 'index.js'))
    sdk.openid = 'owner-1'
    expect(await main({ action: 'user.nope' }, {})).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } })
    // a real action reaches the database through the SDK (the staff lookup)
    sdk.calls = []
    const r = await main({ action: 'user.profile.get', payload: {}, userInfo: { openId: 'x' } }, {})
    expect(sdk.calls).toContain('get')
    expect(r).toEqual({ ok: true, data: { profile: null, classification: null, decision: null, market: null, stall: null, stallShared: false } })
    sdk.openid = undefined
    expect((await main({ action: 'user.login' }, {})).error.code).toBe('UNAUTHENTICATED')
  })

  test('the scheduler runs on WeChat’s timer (no OPENID), but not when a client imitates one', async () => {
    const { main } = require(join(ROOT, 'scheduler', 'index.js'))
    sdk.openid = undefined
    sdk.calls = []
    const run = await main({ Type: 'Timer', TriggerName: 'sweep', Time: new Date().toISOString() }, {})
    expect(run.ok).toBe(true)
    // legal deadlines first; nothing due, so the run does not start another
    expect(run.data.sweeps.map((s: { name: string; handled: number }) => [s.name, s.handled])).toEqual([
      ['complaint-overdue', 0],
      ['annual-report-reminders', 0],
      ['policy-push', 0],
      ['permit-reminders', 0],
      ['push-retries', 0],
      ['complaint-upload-cleanup', 0],
      ['account-erasure', 0],
      ['survey-close', 0],
      ['survey-push', 0],
      ['export-cleanup', 0],
      ['visit-followups', 0],
      ['inspection-notice', 0],
      ['hint-overdue', 0],
      ['credit-repair-reminder', 0],
      ['recognition-public-end', 0],
      ['recognition-lapse', 0],
      ['classification-decision', 0],
      ['classification-redecision', 0]
    ])
    expect(run.data).toMatchObject({ more: false, continued: false })
    expect(sdk.calls).not.toContain('callFunction')
    // the run the one before it started arrives as a timer event too
    expect((await main({ Type: 'Timer', TriggerName: 'continue', Time: new Date().toISOString() }, {})).ok).toBe(true)
    sdk.openid = 'owner-1'
    expect((await main({ Type: 'Timer', TriggerName: 'sweep', Time: 'x' }, {})).error.code).toBe('INVALID_INPUT')
  })
})

/** Parses like the deploy's runtime would: a construct newer than its ECMAScript level is a syntax error there. */
const parseAt = (code: string, ecmaVersion: number) => parse(code, { ecmaVersion: ecmaVersion as 2022, sourceType: 'script', allowHashBang: true })

describe(`bundles on the deploy's runtime (${RUNTIME}, ECMAScript ${ECMA_VERSION})`, () => {
  test.each(functions)(`%s/index.js parses at ECMAScript ${ECMA_VERSION}`, (fn) => {
    const code = readFileSync(join(ROOT, fn, 'index.js'), 'utf8')
    expect(() => parseAt(code, ECMA_VERSION)).not.toThrow()
  })

  test('the check fails on syntax newer than the runtime: ES2022 class fields at 2021, ES2025 RegExp modifiers at 2022', () => {
    const classFields = 'class A { static #n = 1; x = 2 }'
    expect(() => parseAt(classFields, 2022)).not.toThrow()
    expect(() => parseAt(classFields, 2021)).toThrow(SyntaxError)
    const regexpModifiers = 'const r = /(?i:a)b/'
    expect(() => parseAt(regexpModifiers, 2025)).not.toThrow()
    expect(() => parseAt(regexpModifiers, ECMA_VERSION)).toThrow(SyntaxError)
  })
})
