import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ESBUILD_TARGET } from './runtime'

/**
 * dist/cloudfunctions/<fn>/: index.js bundled by esbuild (everything but wx-server-sdk inlined),
 * a package.json whose only dependency is wx-server-sdk, and the function's config.json.
 */
const SRC = resolve('cloudfunctions')
const OUT = resolve('dist/cloudfunctions')
const SDK_VERSION = require('wx-server-sdk/package.json').version as string

export async function buildFunctions(): Promise<Array<{ name: string; bytes: number }>> {
  rmSync(OUT, { recursive: true, force: true })
  const names = readdirSync(SRC).filter((d) => existsSync(join(SRC, d, 'config.json')) && existsSync(join(SRC, d, 'index.ts')))
  const sizes: Array<{ name: string; bytes: number }> = []
  for (const name of names) {
    const dir = join(OUT, name)
    mkdirSync(dir, { recursive: true })
    await build({
      entryPoints: [join(SRC, name, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      // the runtime the deploy creates every function with (scripts/runtime.ts)
      target: ESBUILD_TARGET,
      format: 'cjs',
      external: ['wx-server-sdk'],
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning'
    })
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', main: 'index.js', dependencies: { 'wx-server-sdk': `~${SDK_VERSION}` } }, null, 2) + '\n'
    )
    copyFileSync(join(SRC, name, 'config.json'), join(dir, 'config.json'))
    sizes.push({ name, bytes: statSync(join(dir, 'index.js')).size })
  }
  return sizes
}

if (require.main === module) {
  buildFunctions().then((sizes) => {
    for (const s of sizes) console.log(`dist/cloudfunctions/${s.name}/index.js  ${(s.bytes / 1024).toFixed(1)} KB`)
  }).catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
