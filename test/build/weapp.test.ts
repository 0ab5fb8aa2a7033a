import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { weappPackages } from '../helpers/sizes'
import { unknownGlobals } from '../weapp/globals'

/** Checks of the weapp build (run after `taro build --type weapp`): what WeChat would reject. */
const ROOT = 'dist/weapp'
const allJs = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allJs(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []))

describe('the weapp build', () => {
  const { app, main, subs } = weappPackages(ROOT)

  test('staff pages are in a sub-package, not the main package; no local-only pages at all', () => {
    expect(app.pages.some((p) => p.startsWith('staff/'))).toBe(false)
    expect(app.subPackages).toEqual([
      { root: 'staff', pages: expect.arrayContaining(['pages/markets/index', 'pages/qrsheet/index', 'pages/policies/index', 'pages/policy/index', 'pages/loans/index', 'pages/complaints/index', 'pages/complaint/index', 'pages/course/index', 'pages/people/index', 'pages/audit/index', 'pages/visitlist/index', 'pages/visit/index', 'pages/followups/index', 'pages/monitor/index', 'pages/monitor/list', 'pages/surveys/index', 'pages/survey/index', 'pages/inspections/index', 'pages/hints/index', 'pages/hint/index', 'pages/abnormal/index', 'pages/recognitions/index', 'pages/recognition/index', 'pages/classification/index', 'pages/questions/index']) },
      { root: 'loan', pages: ['pages/index/index', 'pages/consent/index', 'pages/assess/index'] },
      { root: 'policy', pages: ['pages/detail/index'] },
      { root: 'course', pages: ['pages/index/index', 'pages/lesson/index', 'pages/exam/index', 'pages/certificate/index'] },
      { root: 'complaint', pages: ['pages/index/index', 'pages/new/index', 'pages/detail/index'] },
      { root: 'reminder', pages: ['pages/permits/index', 'pages/permit/index', 'pages/inbox/index', 'pages/annual/index'] },
      { root: 'verify', pages: ['pages/index/index'] },
      { root: 'notice', pages: ['pages/index/index', 'pages/hint/index', 'pages/inspection/index', 'pages/repair/index'] },
      { root: 'recog', pages: ['pages/index/index', 'pages/public/index'] },
      { root: 'classification', pages: ['pages/index/index'] },
      { root: 'helper', pages: ['pages/index/index'] },
      { root: 'rights', pages: ['pages/index/index', 'pages/delete/index'] },
      { root: 'survey', pages: ['pages/answer/index'] },
      { root: 'assistant', pages: ['pages/index/index'] }
    ])
    expect(JSON.stringify(app)).not.toContain('dev/')
  })

  test('no process, Node or DOM global survives in the JS WeChat runs (only feature-detected ones)', () => {
    const files = allJs(ROOT)
    expect(files.length).toBeGreaterThan(20)
    const code = files.map((f) => readFileSync(f, 'utf8')).join('\n')
    // the white-screen bug: an unresolved process.env.X throws at app.js in WeChat
    expect(code).not.toMatch(/\bprocess\s*\./)
    expect(code).not.toContain('process.env')
    const found = files.flatMap((f) => unknownGlobals(f, readFileSync(f, 'utf8'))).map((g) => `${g.file}: ${g.name}`)
    expect(found).toEqual([])
  })

  test('app.json asks WeChat to inject components on demand; the project names a base library', () => {
    expect((app as unknown as { lazyCodeLoading?: string }).lazyCodeLoading).toBe('requiredComponents')
    const project = JSON.parse(readFileSync('project.config.json', 'utf8')) as { libVersion?: string }
    expect(project.libVersion).toMatch(/^\d+\.\d+\.\d+$/)
  })

  test('main package and every sub-package stay under WeChat’s 2 MB', () => {
    expect(main).toBeLessThan(2 * 1024 * 1024)
    for (const s of subs) expect(s.bytes).toBeLessThan(2 * 1024 * 1024)
  })

  test('the local transport and identity header never reach WeChat; the cloud one does', () => {
    const code = allJs(ROOT).map((f) => readFileSync(f, 'utf8')).join('\n')
    expect(code).not.toContain('x-wx-openid')
    expect(code).not.toContain('/api/functions/')
    expect(code).not.toContain('/api/local/')
    expect(code).toContain('callFunction')
    // photos: the mini-program's compressor and file system, not the browser's canvas (staff
    // charts are left out: ECharts' never-called getDataURL mentions it; no photo code is there)
    const photoCode = allJs(ROOT).filter((f) => !f.includes('/staff/')).map((f) => readFileSync(f, 'utf8')).join('\n')
    expect(photoCode).not.toContain('toDataURL')
    expect(code).toContain('compressImage')
    // the photo goes to cloud storage from the phone, never as base64 through a call
    expect(code).toContain('uploadFile')
    expect(code).toContain('complaint.upload.confirm')
  })

  test('WeChat’s privacy gate: opted in, our dialog and its agree button ship, the listener is registered', () => {
    expect((app as unknown as Record<string, unknown>).__usePrivacyCheck__).toBe(true)
    const code = allJs(ROOT).map((f) => readFileSync(f, 'utf8')).join('\n')
    expect(code).toContain('onNeedPrivacyAuthorization')
    expect(code).toContain('agreePrivacyAuthorization')
    expect(code).toContain('agree-privacy')
    const wxml = readFileSync(join(ROOT, 'base.wxml'), 'utf8')
    expect(wxml).toContain('bindagreeprivacyauthorization')
  })

  test('the exam’s answers never ship to the client: the question banks stay on the server', () => {
    const code = allJs(ROOT).map((f) => readFileSync(f, 'utf8')).join('\n')
    // an option and an explanation that exist only in src/core/course/content.ts
    expect(code).not.toContain('拒绝，这是虚开发票')
    expect(code).not.toContain('增加赔偿的金额不足一千元的')
  })

  test('no validation library in the client: contracts reach it as types only', () => {
    // zod's own marker; a value import from a contract.ts would bring all of it (~450 KB)
    for (const f of allJs(ROOT)) expect([f, readFileSync(f, 'utf8').includes('jitless')]).toEqual([f, false])
  })

  test('division names stay out of the main package: owners use WeChat’s region picker', () => {
    const mainJs = allJs(ROOT).filter((f) => !subs.some((s) => f.startsWith(join(ROOT, s.root) + '/')))
    for (const f of mainJs) expect([f, readFileSync(f, 'utf8').includes('province_list')]).toEqual([f, false])
    // the staff sub-package carries them, for the regulator's area pickers
    expect(allJs(join(ROOT, 'staff')).some((f) => readFileSync(f, 'utf8').includes('province_list'))).toBe(true)
  })

  test('the tab bar icons the app.json names are in the package', () => {
    const tabBar = (app as unknown as { tabBar: { list: Array<{ iconPath: string; selectedIconPath: string }> } }).tabBar
    for (const t of tabBar.list) {
      expect(() => readFileSync(join(ROOT, t.iconPath))).not.toThrow()
      expect(() => readFileSync(join(ROOT, t.selectedIconPath))).not.toThrow()
    }
  })
})
