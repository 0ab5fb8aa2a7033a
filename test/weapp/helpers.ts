import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestCloud } from '../helpers/cloud'
import { WeappSim, type SimOptions } from './sim'

export const WEAPP = resolve('dist/weapp')

export function requireWeappBuild() {
  if (!existsSync(join(WEAPP, 'app.js'))) throw new Error('dist/weapp is missing: run npm run build:weapp')
}

/** Every page app.json declares, main package and sub-packages, as routes. */
export function appPages(): string[] {
  const app = JSON.parse(readFileSync(join(WEAPP, 'app.json'), 'utf8')) as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> }
  return [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
}

/** Opens the mini-program as `openid` at `url`, closing it when the callback is done. */
export async function withSim<T>(cloud: TestCloud, openid: string | null, url: string, fn: (sim: WeappSim) => Promise<T>, opts: Partial<SimOptions> = {}): Promise<T> {
  const sim = new WeappSim({ root: WEAPP, cloudUrl: cloud.url, openid, ...opts })
  try {
    await sim.launch(url)
    return await fn(sim)
  } finally {
    sim.close()
  }
}

/**
 * A photo as the phone's album would hand it over: JPEG magic bytes and a body of the given size
 * (the server checks the bytes, never the file name).
 */
export function jpegFile(bytes = 200 * 1024): string {
  const dir = mkdtempSync(join(tmpdir(), 'weapp-photo-'))
  const body = Buffer.alloc(bytes, 0x55)
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]).copy(body, 0)
  body[bytes - 2] = 0xff
  body[bytes - 1] = 0xd9
  const file = join(dir, 'receipt.jpg')
  writeFileSync(file, body)
  return file
}
