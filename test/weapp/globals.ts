import { parse } from 'acorn'
import detectGlobals from 'acorn-globals'
import vm from 'node:vm'

/**
 * What WeChat's logic layer (the JS thread of a mini-program) gives a module besides the
 * ECMAScript built-ins. Anything else a bundle touches without feature-detecting it first is a
 * crash on a phone: WeChat has no `process`, `Buffer`, DOM or Node module system.
 */
export const WECHAT_GLOBALS = [
  'wx', 'App', 'Page', 'Component', 'Behavior', 'getApp', 'getCurrentPages', 'requirePlugin', 'requireMiniProgram',
  '__wxConfig', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'console',
  // the module wrapper's own parameters (every file is `function(require, module, exports, ...)`)
  'require', 'module', 'exports'
]

/** The ECMAScript built-ins, read off an empty V8 context rather than listed by hand. */
export const ES_GLOBALS: string[] = Object.getOwnPropertyNames(vm.runInNewContext('globalThis'))

/**
 * Unguarded uses read and judged harmless, each with why. Keep this short: a new entry needs a
 * reason a reviewer can check in the bundle.
 */
export const KNOWN: Array<{ file: string | RegExp; name: string; why: string }> = [
  { file: 'taro.js', name: 'tt', why: "@tarojs/runtime's ByteDance-only page document (tt.appDocument), reached only when TARO_ENV is 'tt'" },
  // ECharts (staff charts) may land in any staff file, depending on how many pages share it
  {
    file: /\/staff\//,
    name: 'Image',
    why: "zrender's default platform loadImage (`new Image`); Chart.weapp.tsx replaces it with the Canvas node's createImage through setPlatformAPI, and the charts draw no images"
  },
  {
    file: /\/staff\//,
    name: 'WebKitCSSMatrix',
    why: "zrender's browser detection (`'WebKitCSSMatrix' in window && new WebKitCSSMatrix`), reached only when `typeof wx` is not an object with getSystemInfoSync; WeChat is"
  }
]

/** Names that must never appear in the weapp bundle at all, guarded or not. */
export const NEVER = ['process']

export interface GlobalUse {
  file: string
  name: string
  /** where the first unguarded use starts (character offset) */
  at: number
}

type Node = { type: string; start: number; end: number; operator?: string; argument?: Node; [k: string]: unknown }

/** Every `typeof X` inside a subtree, by name. */
function typeofNames(root: Node, out = new Set<string>()): Set<string> {
  const stack: unknown[] = [root]
  while (stack.length) {
    const n = stack.pop() as Node | null
    if (!n || typeof n !== 'object') continue
    if (Array.isArray(n)) {
      stack.push(...n)
      continue
    }
    if (n.type === 'UnaryExpression' && n.operator === 'typeof' && n.argument?.type === 'Identifier') out.add(n.argument.name as string)
    // acorn-globals hangs a `parents` array on nodes: following it would loop
    for (const k in n) if (k !== 'parents' && typeof n[k] === 'object') stack.push(n[k])
  }
  return out
}

const FUNCTION = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'Program'])

/**
 * Free identifiers in one bundle file that WeChat does not provide. A use counts as guarded (so
 * allowed) only when it is feature detection: an enclosing function (the file, for top-level
 * code) also tests `typeof X` — React's scheduler does `typeof MessageChannel !== 'undefined' ?
 * ...`, webpack's runtime `typeof window === 'object'`. `process` is never allowed.
 */
export function unknownGlobals(file: string, code: string): GlobalUse[] {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true }) as unknown as Node
  const allowed = new Set([...ES_GLOBALS, ...WECHAT_GLOBALS])
  const out: GlobalUse[] = []
  const typeofCache = new Map<Node, Set<string>>()
  for (const g of detectGlobals(ast as never) as Array<{ name: string; nodes: Array<Node & { parents: Node[] }> }>) {
    if (allowed.has(g.name)) continue
    if (KNOWN.some((k) => (typeof k.file === 'string' ? file.endsWith(`/${k.file}`) : k.file.test(file)) && k.name === g.name)) continue
    const bad = g.nodes.find((n) => {
      if (NEVER.includes(g.name)) return true
      const parent = n.parents[n.parents.length - 2]
      if (parent?.type === 'UnaryExpression' && parent.operator === 'typeof') return false
      // guarded when some enclosing function tests it: `typeof performance !== 'undefined' ? r = () => performance.now() : ...`
      const fns = n.parents.filter((p) => FUNCTION.has(p.type) && p.type !== 'Program')
      const scopes = fns.length ? fns : [n.parents[0]]
      return !scopes.some((fn) => {
        if (!typeofCache.has(fn)) typeofCache.set(fn, typeofNames(fn))
        return typeofCache.get(fn)!.has(g.name)
      })
    })
    if (bad) out.push({ file, name: g.name, at: bad.start })
  }
  return out
}
