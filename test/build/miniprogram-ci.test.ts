import { spawnSync } from 'node:child_process'

/**
 * miniprogram-ci's own offline checks on dist/weapp (run after `taro build --type weapp`): the
 * app.json it reads, its code-quality check, and the compile that produces the upload package,
 * run by test/helpers/miniprogram-ci-check.ts in a child process (see there for the one stub: the
 * project-attribute lookup, which needs the network).
 */
interface Result {
  miniprogramRoot: string
  appJson: { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> }
  quality: Array<{ name: string; success: boolean; text: string; level: number }>
  files: string[]
  compiledAppJson: { pages: string[] }
  attrCalls: number
}

let r: Result
beforeAll(() => {
  const p = spawnSync('node_modules/.bin/tsx', ['test/helpers/miniprogram-ci-check.ts'], { encoding: 'utf8', timeout: 180000 })
  const line = p.stdout.split('\n').find((l) => l.startsWith('@@RESULT@@'))
  if (p.status !== 0 || !line) throw new Error(`miniprogram-ci check failed (${p.status}):\n${p.stderr}\n${p.stdout.slice(-2000)}`)
  r = JSON.parse(line.slice('@@RESULT@@'.length))
}, 200000)

describe('miniprogram-ci on dist/weapp', () => {
  test('reads app.json through miniprogramRoot: the tab pages and every sub-package', () => {
    expect(r.miniprogramRoot).toBe('dist/weapp/')
    expect(r.appJson.pages).toContain('pages/index/index')
    // miniprogram-ci normalises a sub-package root to end in '/'
    expect(r.appJson.subPackages?.map((s) => s.root)).toEqual(['staff/', 'loan/', 'policy/', 'course/', 'complaint/', 'reminder/', 'verify/', 'notice/', 'recog/', 'classification/', 'helper/', 'rights/', 'survey/', 'assistant/'])
  })

  test('the code-quality check fails nothing at levels 1–2', () => {
    expect(r.quality.length).toBeGreaterThan(5)
    const failed = r.quality.filter((q) => !q.success).map((q) => `${q.name} (level ${q.level})`)
    // Compression: project.config.json has minified off because Taro already minifies the production
    // build. Anything else (no lazyCodeLoading, main package over 1.5 MB, oversized images, an
    // AppSecret in code, sub-package JS in the main package) fails here.
    expect(failed.sort()).toEqual(['JS_COMPRESS_OPEN (level 3)', 'WXML_COMPRESS_OPEN (level 3)', 'WXSS_COMPRESS_OPEN (level 3)'])
    expect(r.quality.find((q) => q.name === 'LAZYCODE_LOADING_OPEN')).toMatchObject({ success: true })
    expect(r.quality.find((q) => q.name === 'PACKAGE_SIZE_LIMIT')).toMatchObject({ success: true })
  })

  test('the compile that builds the upload package holds app.js, app.json and every page of app.json', () => {
    expect(r.files).toEqual(expect.arrayContaining(['app.js', 'app.json', 'app.wxss']))
    const pages = [...r.appJson.pages, ...(r.appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]
    expect(pages.length).toBeGreaterThan(20)
    for (const page of pages) expect(r.files).toEqual(expect.arrayContaining([`${page}.js`, `${page}.json`, `${page}.wxml`]))
    // only the mini-program is packed: nothing from the functions, the sources or node_modules
    expect(r.files.filter((n) => /^(dist|src|cloudfunctions|node_modules)\//.test(n))).toEqual([])
    expect(r.compiledAppJson.pages).toEqual(r.appJson.pages)
    // the project attributes came from the stub, never from the network
    expect(r.attrCalls).toBeGreaterThan(0)
  })
})
