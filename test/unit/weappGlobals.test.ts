import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { CLIENT_ENV_KEYS, clientEnvConstants } from '../../config'
import { unknownGlobals } from '../weapp/globals'

describe('the check for globals WeChat does not have', () => {
  const names = (code: string) => unknownGlobals('x.js', code).map((g) => g.name)

  test('finds process, Buffer and DOM globals used without feature detection', () => {
    expect(names('var env = process.env.TARO_APP_CLOUD_ENV')).toEqual(['process'])
    expect(names('module.exports = Buffer.from("a")')).toEqual(['Buffer'])
    expect(names('document.title = "x"; var w = window.innerWidth')).toEqual(['document', 'window'])
    expect(names('fetch("/api")')).toEqual(['fetch'])
  })

  test('allows ECMAScript built-ins, what WeChat gives, locals and feature detection', () => {
    expect(names('var a = new Map(); Promise.resolve(JSON.stringify([Math.max(1, 2)]))')).toEqual([])
    expect(names('wx.cloud.callFunction({}); Page({}); getApp(); setTimeout(function(){}, 1); require("./a")')).toEqual([])
    expect(names('function f(window) { return window.x }')).toEqual([])
    expect(names('var ch = typeof MessageChannel !== "undefined" ? new MessageChannel() : null')).toEqual([])
  })

  test('never allows process, even feature-detected: WeChat has none and Taro must resolve it', () => {
    expect(names('var e = typeof process !== "undefined" ? process.env : {}')).toEqual(['process'])
  })
})

describe('client environment settings', () => {
  test('each one is defined at build time, empty when the deployment did not set it', () => {
    expect(clientEnvConstants({})).toEqual({ 'process.env.TARO_APP_CLOUD_ENV': '""' })
    expect(clientEnvConstants({ TARO_APP_CLOUD_ENV: 'prod-1a2b' })).toEqual({ 'process.env.TARO_APP_CLOUD_ENV': '"prod-1a2b"' })
  })

  test('the client reads no process.env key that the build does not define', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]))
    const read = new Set<string>()
    for (const f of files('src')) for (const m of readFileSync(f, 'utf8').matchAll(/process\.env\.(\w+)/g)) read.add(m[1])
    read.delete('TARO_ENV') // Taro replaces it in every build
    expect([...read].sort()).toEqual([...CLIENT_ENV_KEYS].sort())
  })
})
