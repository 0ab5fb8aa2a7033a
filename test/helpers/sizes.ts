import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export function dirBytes(dir: string, skip: (rel: string) => boolean = () => false, rel = ''): number {
  let total = 0
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name
    if (skip(r)) continue
    total += e.isDirectory() ? dirBytes(dir, skip, r) : statSync(join(dir, r)).size
  }
  return total
}

/** dist/weapp split into the main package and each sub-package (what WeChat limits to 2 MB each). */
export function weappPackages(root = 'dist/weapp') {
  const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> }
  const subRoots = (app.subPackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const main = dirBytes(root, (r) => subRoots.some((s) => r === s || r.startsWith(`${s}/`)) || r === 'project.config.json' || r.endsWith('.LICENSE.txt'))
  const subs = subRoots.map((s) => ({ root: s, bytes: existsSync(join(root, s)) ? dirBytes(join(root, s)) : 0 }))
  return { app, main, subs }
}

/** The JS an H5 visitor downloads before the first page shows: the scripts index.html names. */
export function h5InitialJs(root = 'dist/h5') {
  const html = readFileSync(join(root, 'index.html'), 'utf8')
  const files = [...html.matchAll(/<script[^>]+src="\/?([^"]+)"/g)].map((m) => m[1])
  let raw = 0
  let gzip = 0
  for (const f of files) {
    const bytes = readFileSync(join(root, f))
    raw += bytes.length
    gzip += gzipSync(bytes).length
  }
  return { files, raw, gzip }
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
