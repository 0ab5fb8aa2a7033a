import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import vm from 'node:vm'
// WeChat's own WXML compiler (wcc, the binary DevTools uses), wrapped for Node
import { wxmlToJs } from 'miniprogram-compiler'

/** One element of the tree WeChat's view layer would build: what wcc's generated code returns. */
export interface VNode {
  tag: string
  attr: Record<string, unknown>
  children: Array<VNode | string>
  /** the element this one is inside (filled in by `index`) */
  parent?: VNode
}

type Generate = (data: unknown, env: unknown, scope?: unknown) => { tag: string; children: Array<VNode | string> }
interface Compiled {
  gwx: (path: string) => Generate
  /** data must be made in wcc's own realm: its WXS bridge ($gdc) tests `o.constructor === Object` */
  adopt: (data: unknown) => unknown
}
const compilers = new Map<string, Compiled>()

/**
 * wcc compiles every .wxml (and .wxs) of the package at once into one JS program defining
 * $gwx(path); its code expects a browser-like global (`window`), which a bare context gives it.
 */
function compile(root: string): Compiled {
  let c = compilers.get(root)
  if (!c) {
    const code = wxmlToJs(root)
    // wcc reports a template it cannot find through console.warn: that is a page WeChat cannot draw
    const warn = (...a: unknown[]) => {
      throw new Error(`WXML: ${a.map(String).join(' ')}`)
    }
    const ctx = vm.createContext({ console: { log: () => undefined, info: () => undefined, warn, error: warn } })
    ctx.window = ctx
    const json = vm.runInContext('JSON', ctx) as JSON
    c = {
      gwx: vm.runInContext(`(function(){${code}\n})()`, ctx) as (path: string) => Generate,
      adopt: (data) => json.parse(JSON.stringify(data))
    }
    compilers.set(root, c)
  }
  return c
}

/** Custom components a page's or component's .json declares (Taro's recursive `comp`). */
function usingComponents(root: string, file: string): Record<string, string> {
  try {
    const json = JSON.parse(readFileSync(join(root, `${file}.json`), 'utf8')) as { usingComponents?: Record<string, string> }
    return json.usingComponents ?? {}
  } catch {
    return {}
  }
}

const resolveComponent = (from: string, rel: string) => join(from, '..', rel).replace(/\\/g, '/')

/**
 * Renders a page's data through its compiled WXML, expanding custom components (Taro puts
 * deep subtrees in `comp`, whose properties are the node data) with their own templates.
 */
export function renderPage(root: string, route: string, data: unknown): VNode {
  const { gwx: g, adopt } = compile(root)
  const expand = (file: string, tree: { tag: string; children: Array<VNode | string> }, depth: number): VNode => {
    const comps = usingComponents(root, file)
    const visit = (n: VNode | string): VNode | string => {
      if (typeof n === 'string') return n
      const name = n.tag.replace(/^wx-/, '')
      if (comps[name] && depth < 50) {
        const compFile = resolveComponent(file, comps[name])
        const inner = g(`${compFile}.wxml`)(adopt(n.attr), {}, undefined)
        const sub = expand(compFile, inner, depth + 1)
        return { tag: n.tag, attr: n.attr, children: sub.children }
      }
      return { tag: n.tag, attr: n.attr ?? {}, children: (n.children ?? []).map(visit) }
    }
    return { tag: tree.tag, attr: {}, children: tree.children.map(visit) }
  }
  const tree = expand(route, g(`${route}.wxml`)(adopt(data), {}, undefined), 0)
  index(tree)
  return tree
}

function index(n: VNode) {
  for (const c of n.children) if (typeof c !== 'string') {
    c.parent = n
    index(c)
  }
}

/** What a person reads inside an element: its text, in order, whitespace folded. */
export function textOf(n: VNode | string): string {
  if (typeof n === 'string') return n
  if (n.attr.hidden === true) return ''
  const own = n.tag === 'wx-input' || n.tag === 'wx-textarea' ? String(n.attr.value ?? '') || String(n.attr.placeholder ?? '') : ''
  // elements are boxes: a section title and the label under it do not read as one word
  return own + n.children.map((c) => (typeof c === 'string' ? c : ` ${textOf(c)} `)).join('')
}

export const fold = (s: string) => s.replace(/\s+/g, ' ').trim()

export function* walk(n: VNode): Generator<VNode> {
  yield n
  for (const c of n.children) if (typeof c !== 'string') yield* walk(c)
}

/**
 * The innermost elements whose text contains `text` (an element, not an ancestor that merely
 * contains it), in document order.
 */
export function findByText(tree: VNode, text: string | RegExp): VNode[] {
  const matches = (s: string) => (typeof text === 'string' ? fold(s).includes(text) : text.test(fold(s)))
  const hits: VNode[] = []
  for (const n of walk(tree)) {
    if (!matches(textOf(n))) continue
    const inner = n.children.some((c) => typeof c !== 'string' && matches(textOf(c)))
    if (!inner) hits.push(n)
  }
  return hits
}

/** The element and its ancestors, innermost first: the path a WeChat event bubbles along. */
export function bubblePath(n: VNode): VNode[] {
  const out: VNode[] = []
  for (let c: VNode | undefined = n; c; c = c.parent) out.push(c)
  return out
}
