import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import vm from 'node:vm'
import { FakeCanvas } from './canvas'
import { bubblePath, findByText, fold, renderPage, textOf, walk, type VNode } from './render'

/**
 * A simulated WeChat logic layer for dist/weapp. Every file runs as WeChat runs it: wrapped as a
 * module `function(require, module, exports, window, document, ...)` (the DOM names are
 * parameters left undefined, as in WeChat), in a V8 context whose globals are the ECMAScript
 * built-ins plus what WeChat gives (`wx`, `App`, `Page`, `Component`, `Behavior`, `getApp`,
 * `getCurrentPages`, `__wxConfig`, timers, console). No `process`, `Buffer`, Node `require` or
 * DOM: a bundle that reaches for one fails here as it fails on a phone.
 *
 * `wx.cloud.callFunction` goes to a local cloud over HTTP as the chosen openid. Pages render
 * through WeChat's own WXML compiler (render.ts), and taps are dispatched by visible text along
 * the bubbling path, the way WeChat calls Taro's `eh` handler.
 *
 * Errors: anything a lifecycle, an event handler or a timer throws, any `console.error`, and
 * App.onError are collected in `errors`; jest 30 fails the running test on an unhandled
 * rejection by itself (checked), so rejected promises from the bundle fail the test too.
 */

export interface SimOptions {
  /** dist/weapp */
  root: string
  /** the local cloud's base URL */
  cloudUrl: string
  /** who WeChat says the user is; null = WeChat gives no identity */
  openid: string | null
  /** wx.getAppBaseInfo().fontSizeSetting: 16 by default, larger when the phone's font is enlarged */
  fontSizeSetting?: number
  /** the mini-program has no cloud environment: calls fail as WeChat's do (-501000) */
  noCloudEnv?: boolean
  /** answers for wx.showModal, in order; default: confirm */
  modalAnswers?: boolean[]
  /** what wx.requestSubscribeMessage answers for each template (when called inside a tap) */
  subscribeAnswer?: 'accept' | 'reject'
  /** files wx.chooseMedia returns (paths on this machine) */
  mediaFiles?: string[]
  /** files wx.chooseMessageFile returns (a file from a chat): a path on this machine and the name the chat shows */
  messageFiles?: Array<{ path: string; name: string }>
  /** the privacy agreement is still needed: privacy APIs ask via onNeedPrivacyAuthorization */
  privacyNeeded?: boolean
  /** what the person answers when WeChat first asks for 添加到相册 (scope.writePhotosAlbum); default allow */
  albumAnswer?: 'allow' | 'deny'
  /** whether the person turns 添加到相册 on when the app opens WeChat's settings page; default yes */
  openSettingGrants?: boolean
  /** what wx.scanCode reads (the text of the QR code scanned); none: the person closes the scanner */
  scanResult?: string
}

interface PageInstance {
  route: string
  __route__: string
  options: Record<string, string>
  data: Record<string, unknown>
  setData(data: Record<string, unknown>, cb?: () => void): void
  [k: string]: unknown
}

export interface SimPage {
  route: string
  instance: PageInstance
  /** ms from opening to the first setData */
  firstSetDataMs: number | null
  openedAt: number
  /** the custom tab bar WeChat attaches to a tab page when app.json says tabBar.custom */
  tabBar?: PageInstance
}

const PAGE_LIFECYCLE = ['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload']
const DOM_PARAMS = ['window', 'document', 'frames', 'self', 'location', 'navigator', 'localStorage', 'history', 'Caches', 'screen', 'alert', 'confirm', 'prompt', 'XMLHttpRequest', 'WebSocket', 'Reporter', 'webkit', 'WeixinJSCore']

/** Applies one WeChat setData key ("root.cn.[0].cn[2].v") to the data object. */
export function setPath(data: Record<string, unknown>, key: string, value: unknown) {
  const parts = key
    .split(/\.|(?=\[)/)
    .filter(Boolean)
    .map((p) => (/^\[\d+\]$/.test(p) ? Number(p.slice(1, -1)) : p))
  let cur: any = data
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i]
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof parts[i + 1] === 'number' ? [] : {}
    cur = cur[k]
  }
  cur[parts[parts.length - 1]] = value
}

export class WeappSim {
  readonly errors: string[] = []
  readonly toasts: string[] = []
  readonly modals: Array<{ title: string; content: string }> = []
  /** every wx API the bundle called, in order (name only), for assertions on what happened */
  readonly calls: string[] = []
  /** files written to wx.env.USER_DATA_PATH (path → text) */
  readonly userFiles = new Map<string, string>()
  /** documents wx.openDocument showed (the local temp path and the type it was told) */
  readonly openedDocuments: Array<{ path: string; fileType: string; showMenu: boolean }> = []
  /** files sent to a chat with wx.shareFileMessage */
  readonly sharedFiles: Array<{ filePath: string; fileName: string }> = []
  /** template ids WeChat was asked to subscribe to, and whether it let the request through */
  readonly subscribeRequests: Array<{ tmplIds: string[]; allowed: boolean }> = []
  readonly stack: SimPage[] = []
  /** temp files wx.saveImageToPhotosAlbum put in the album (paths on this machine) */
  readonly savedImages: string[] = []
  /** WeChat's record of the 添加到相册 permission: undefined until asked */
  albumAllowed: boolean | undefined = undefined
  /** Canvas 2D nodes by page and element id, created when a SelectorQuery first asks for the node */
  private readonly canvases = new Map<string, FakeCanvas>()
  private tabPages = new Map<string, SimPage>()
  private readonly ctx: vm.Context
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly app: { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }>; tabBar?: { custom?: boolean; list: Array<{ pagePath: string }> } }
  private appInstance: Record<string, any> | null = null
  private pendingPage: Record<string, unknown> | null = null
  private readonly components = new Map<string, unknown>()
  private readonly storage = new Map<string, unknown>()
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  /** when each pending setTimeout of the bundle is due (real ms): settle() waits for those due soon */
  private readonly dueAt = new Map<ReturnType<typeof setTimeout>, number>()
  /** running setInterval callbacks (a countdown's tick), so advanceClock() can tick them */
  private readonly intervals = new Map<ReturnType<typeof setInterval>, () => void>()
  /** how far the phone's clock (Date in the bundle) is ahead of the real one, in ms */
  private readonly phoneClock = { offset: 0 }
  private inflight = 0
  private inTap = false
  private privacyResolver: ((r: { event: string; buttonId?: string }) => void) | null = null
  private privacyListener: ((resolve: (r: { event: string; buttonId?: string }) => void, ev: { referrer: string }) => void) | null = null
  privacyAgreed: boolean
  private readonly tmp = mkdtempSync(join(tmpdir(), 'weapp-sim-'))
  private tmpCount = 0

  constructor(readonly opts: SimOptions) {
    this.app = JSON.parse(readFileSync(join(opts.root, 'app.json'), 'utf8'))
    this.privacyAgreed = !opts.privacyNeeded
    const ctx = vm.createContext({})
    this.ctx = ctx
    const sim = this
    // results handed to the bundle are made in its own realm, as WeChat's are
    this.P = vm.runInContext('Promise', ctx) as PromiseConstructor
    // the phone's clock: the real one plus what advanceClock() has moved it on
    const clock = this.phoneClock
    vm.runInContext(
      `(function (clock) {
        const RealDate = Date
        class PhoneDate extends RealDate {
          constructor(...a) { if (a.length === 0) super(RealDate.now() + clock.offset); else super(...a) }
          static now() { return RealDate.now() + clock.offset }
        }
        globalThis.Date = PhoneDate
      })`,
      ctx
    )(clock)
    this.J = vm.runInContext('JSON', ctx) as JSON
    Object.assign(ctx, {
      wx: this.makeWx(),
      App: (config: Record<string, unknown>) => {
        sim.appInstance = config
      },
      Page: (config: Record<string, unknown>) => {
        sim.pendingPage = config
      },
      Component: (config: Record<string, unknown>) => {
        sim.components.set(sim.loadingFile ?? '?', config)
      },
      Behavior: (b: unknown) => b,
      getApp: () => sim.appInstance,
      getCurrentPages: () => sim.stack.map((p) => p.instance),
      requirePlugin: () => {
        throw new Error('requirePlugin: no plugins in this mini-program')
      },
      __wxConfig: { envVersion: 'develop', platform: 'android', pages: this.allPages(), global: { window: {} }, accountInfo: { appId: 'touristappid' } },
      setTimeout: (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
        const t = setTimeout(() => {
          sim.timers.delete(t)
          sim.dueAt.delete(t)
          sim.guard('timer', () => fn(...args))
        }, ms)
        sim.timers.add(t)
        sim.dueAt.set(t, Date.now() + (Number(ms) || 0))
        return t
      },
      clearTimeout: (t: ReturnType<typeof setTimeout>) => {
        sim.timers.delete(t)
        sim.dueAt.delete(t)
        clearTimeout(t)
      },
      setInterval: (fn: () => void, ms?: number) => {
        const t = setInterval(() => sim.guard('interval', fn), ms)
        sim.timers.add(t)
        sim.intervals.set(t, fn)
        return t
      },
      clearInterval: (t: ReturnType<typeof setInterval>) => {
        sim.timers.delete(t)
        sim.intervals.delete(t)
        clearInterval(t)
      },
      console: {
        log: () => undefined,
        info: () => undefined,
        debug: () => undefined,
        warn: () => undefined,
        error: (...a: unknown[]) => sim.errors.push(`console.error: ${a.map(String).join(' ')}`)
      }
    })
  }

  private P: PromiseConstructor
  private J: JSON
  private loadingFile: string | null = null

  private allPages(): string[] {
    return [...this.app.pages, ...(this.app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
  }

  /** Runs bundle code, recording what it throws instead of letting it vanish. */
  private guard<T>(where: string, fn: () => T): T | undefined {
    try {
      return fn()
    } catch (err) {
      this.errors.push(`${where}: ${(err as Error)?.stack ?? err}`)
      this.appInstance?.onError?.(String(err))
      return undefined
    }
  }

  /** WeChat's module system: relative paths inside the package, `.js` implied, each file once. */
  require(file: string): unknown {
    const key = posix.normalize(file.endsWith('.js') ? file : `${file}.js`)
    const cached = this.modules.get(key)
    if (cached) return cached.exports
    const abs = join(this.opts.root, key)
    if (!existsSync(abs)) throw new Error(`module "${key}" is not defined`)
    const module = { exports: {} as unknown }
    this.modules.set(key, module)
    const wrapper = vm.runInContext(`(function(require, module, exports, ${DOM_PARAMS.join(', ')}){${readFileSync(abs, 'utf8')}\n})`, this.ctx, { filename: key }) as (...a: unknown[]) => void
    const localRequire = (p: string) => this.require(p.startsWith('.') ? posix.join(posix.dirname(key), p) : p)
    const before = this.loadingFile
    this.loadingFile = key.replace(/\.js$/, '')
    try {
      wrapper(localRequire, module, module.exports)
    } finally {
      this.loadingFile = before
    }
    return module.exports
  }

  /** Starts the mini-program as WeChat does: app.js, App's onLaunch/onShow, then the first page. */
  async launch(url = `/${this.app.pages[0]}`): Promise<SimPage> {
    this.require('app.js')
    if (!this.appInstance) throw new Error('app.js did not register App()')
    const { path, query } = parseUrl(url)
    const options = { path, query, scene: 1001 }
    this.guard('App.onLaunch', () => this.appInstance!.onLaunch?.call(this.appInstance, options))
    this.guard('App.onShow', () => this.appInstance!.onShow?.call(this.appInstance, options))
    return this.openPage(url, 'launch')
  }

  private loadComponents(file: string) {
    const json = JSON.parse(readFileSync(join(this.opts.root, `${file}.json`), 'utf8')) as { usingComponents?: Record<string, string> }
    for (const rel of Object.values(json.usingComponents ?? {})) {
      const target = posix.join(posix.dirname(file), rel)
      if (!this.components.has(target)) {
        this.require(target)
        this.loadComponents(target)
      }
    }
  }

  private async openPage(url: string, how: 'launch' | 'navigate' | 'redirect' | 'switchTab' | 'reLaunch'): Promise<SimPage> {
    const { path, query } = parseUrl(url)
    if (!this.allPages().includes(path)) throw new Error(`页面不存在: ${path}`)
    const isTab = (this.app.tabBar?.list ?? []).some((t) => t.pagePath === path)
    const top = this.stack[this.stack.length - 1]
    if (how === 'switchTab' || how === 'reLaunch') {
      while (this.stack.length) {
        const p = this.stack.pop()!
        if (how === 'switchTab' && this.tabPages.get(p.route) === p) this.lifecycle(p, 'onHide')
        else this.lifecycle(p, 'onUnload')
      }
      if (how === 'reLaunch') this.tabPages.clear()
      const kept = this.tabPages.get(path)
      if (kept) {
        this.stack.push(kept)
        this.lifecycle(kept, 'onShow')
        return kept
      }
    } else if (how === 'redirect' && top) {
      this.stack.pop()
      this.lifecycle(top, 'onUnload')
    } else if (top) this.lifecycle(top, 'onHide')

    this.pendingPage = null
    this.require(path)
    if (!this.pendingPage) throw new Error(`${path}.js did not register Page()`)
    this.loadComponents(path)
    const config = this.pendingPage as Record<string, unknown>
    const page: SimPage = { route: path, instance: null as unknown as PageInstance, firstSetDataMs: null, openedAt: performance.now() }
    const data = this.J.parse(JSON.stringify(config.data ?? {})) as Record<string, unknown>
    const instance: PageInstance = {
      route: path,
      __route__: path,
      options: query,
      data,
      __wxWebviewId__: this.stack.length + 1,
      setData: (patch: Record<string, unknown>, cb?: () => void) => {
        if (page.firstSetDataMs === null) page.firstSetDataMs = performance.now() - page.openedAt
        for (const [k, v] of Object.entries(patch)) setPath(instance.data, k, v)
        if (cb) this.later(() => this.guard(`${path} setData callback`, cb))
      },
      selectComponent: () => null,
      createSelectorQuery: () => this.selectorQuery()
    }
    for (const [k, v] of Object.entries(config)) if (k !== 'data') instance[k] = typeof v === 'function' ? v.bind(instance) : v
    page.instance = instance
    this.stack.push(page)
    if (isTab) this.tabPages.set(path, page)
    this.lifecycle(page, 'onLoad', query)
    this.lifecycle(page, 'onShow')
    if (isTab && this.app.tabBar?.custom) page.tabBar = this.attachTabBar(page)
    await this.settle()
    this.lifecycle(page, 'onReady')
    await this.settle()
    return page
  }

  /**
   * WeChat gives each tab page its own instance of custom-tab-bar/index (a Component) and draws
   * it over the page's bottom; Taro mounts its React tree in `attached`.
   */
  private attachTabBar(page: SimPage): PageInstance {
    const file = 'custom-tab-bar/index'
    if (!this.components.has(file)) {
      this.require(file)
      this.loadComponents(file)
    }
    const config = this.components.get(file) as Record<string, any> | undefined
    if (!config) throw new Error(`${file}.js did not register Component()`)
    const instance: PageInstance = {
      is: file,
      route: file,
      __route__: file,
      options: {},
      data: this.J.parse(JSON.stringify(config.data ?? {})),
      setData: (patch: Record<string, unknown>, cb?: () => void) => {
        for (const [k, v] of Object.entries(patch)) setPath(instance.data, k, v)
        if (cb) this.later(() => this.guard(`${file} setData callback`, cb))
      },
      getPageId: () => `tabbar-${page.route}`,
      selectComponent: () => null,
      createSelectorQuery: () => this.selectorQuery()
    }
    for (const [k, v] of Object.entries(config.methods ?? {})) instance[k] = typeof v === 'function' ? (v as Function).bind(instance) : v
    const attached = config.lifetimes?.attached ?? config.attached
    if (attached) this.guard(`${file} attached`, () => attached.call(instance))
    return instance
  }

  private lifecycle(page: SimPage, name: string, arg?: unknown) {
    if (!PAGE_LIFECYCLE.includes(name)) throw new Error(name)
    const fn = page.instance[name] as ((a?: unknown) => void) | undefined
    if (fn) this.guard(`${page.route} ${name}`, () => fn.call(page.instance, arg))
  }

  private later(fn: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t)
      fn()
    }, 0)
    this.timers.add(t)
  }

  /**
   * Waits until the app is idle: no cloud call in flight and no timer due within 50 ms (a
   * countdown's 1 s tick does not hold it up). Bounded, so a page that never settles fails
   * the test instead of hanging it.
   */
  /** time spent by settle() confirming idleness (50 ms a call), for figures that leave it out */
  idleWaitMs = 0

  async settle(maxMs = 45_000) {
    const start = Date.now()
    let quiet = 0
    while (Date.now() - start < maxMs) {
      await new Promise((r) => setTimeout(r, 10))
      // a timeout due within the quiet window is work still coming (Taro runs a SelectorQuery's
      // exec up to 100 ms later, polling every 20 ms); a countdown's 1 s tick is not
      const soon = [...this.dueAt.values()].some((due) => due <= Date.now() + 50)
      if (this.inflight === 0 && !soon) quiet++
      else quiet = 0
      if (quiet >= 5) {
        this.idleWaitMs += 50
        return
      }
    }
    throw new Error(`the app did not settle within ${maxMs} ms (${this.inflight} cloud calls in flight)`)
  }

  get page(): SimPage {
    const p = this.stack[this.stack.length - 1]
    if (!p) throw new Error('no page is open')
    return p
  }

  /** The current page as WeChat's view layer builds it from the page data (through wcc). */
  render(page: SimPage = this.page): VNode {
    return renderPage(this.opts.root, page.route, page.instance.data)
  }

  /** Everything a person can read on the current page (plus the privacy dialog, if shown). */
  text(page: SimPage = this.page): string {
    return fold(textOf(this.render(page)))
  }

  /** The tab bar under a tab page, as WeChat's view layer draws it (null when it has none). */
  renderTabBar(page: SimPage = this.page): VNode | null {
    return page.tabBar ? renderPage(this.opts.root, 'custom-tab-bar/index', page.tabBar.data) : null
  }

  /** What the tab bar under the current page reads ('' when there is none). */
  tabBarText(page: SimPage = this.page): string {
    const t = this.renderTabBar(page)
    return t ? fold(textOf(t)) : ''
  }

  /** Taps a tab of the tab bar by its label, as a person does. */
  async tapTab(label: string) {
    const tree = this.renderTabBar()
    if (!tree) throw new Error(`${this.page.route} has no tab bar`)
    const hit = findByText(tree, label).find((n) => fold(textOf(n)) === label)
    if (!hit) throw new Error(`the tab bar has no “${label}”: ${fold(textOf(tree))}`)
    this.dispatch(hit, 'tap', { x: 1, y: 1 }, true, this.page.tabBar)
    await this.settle()
  }

  /** Taps the element showing `text`: WeChat calls `eh` on it and on each ancestor bound to tap. */
  async tap(text: string | RegExp, nth = 0) {
    this.dispatch(this.locate(text, nth), 'tap', { x: 1, y: 1 })
    await this.settle()
  }

  /** The element a person means by “the one that reads …”. */
  private locate(text: string | RegExp, nth = 0): VNode {
    const tree = this.render()
    const found = findByText(tree, text)
    // a button reading exactly “受理” wins over a line that merely mentions 受理期限, as a person reads it
    const exact = typeof text === 'string' ? found.filter((n) => fold(textOf(n)) === text) : []
    const hits = exact.length ? exact : found
    if (!hits[nth]) throw new Error(`nothing reads “${text}” on ${this.page.route}: ${fold(textOf(tree)).slice(0, 400)}`)
    return hits[nth]
  }

  /** Dispatches a WeChat event on an element and along its bubbling path. */
  dispatch(target: VNode, type: string, detail: Record<string, unknown>, bubbles = type === 'tap', owner?: PageInstance) {
    const page = { route: this.page.route, instance: owner ?? this.page.instance }
    const bind = (n: VNode) => n.attr[`bind${type}`] ?? n.attr[`catch${type}`]
    const path = bubbles ? bubblePath(target) : [target]
    const bound = path.filter((n) => bind(n))
    if (!bound.length) throw new Error(`no ${type} handler on or above “${fold(textOf(target)).slice(0, 40)}”`)
    const targetInfo = { id: String(target.attr.id ?? ''), dataset: { sid: target.attr['data-sid'] } }
    const wasInTap = this.inTap
    this.inTap = type === 'tap'
    try {
      for (const n of bound) {
        const handler = page.instance[String(bind(n))] as ((e: unknown) => void) | undefined
        if (!handler) throw new Error(`the page has no method ${String(bind(n))}`)
        const current = { id: String(n.attr.id ?? ''), dataset: { sid: n.attr['data-sid'] } }
        const event = this.J.parse(JSON.stringify({ type, timeStamp: Date.now(), detail, target: targetInfo, currentTarget: current, mark: {} }))
        this.guard(`${page.route} ${type}`, () => handler.call(page.instance, event))
        if (n.attr[`catch${type}`]) break
      }
    } finally {
      // WeChat's user-gesture window is the synchronous part of the handler only
      this.inTap = wasInTap
    }
  }

  /** Types into the input or textarea whose placeholder, name or current value is `which`. */
  async input(which: string, value: string) {
    const el = this.findField(which, ['wx-input', 'wx-textarea'])
    this.dispatch(el, 'input', { value, cursor: value.length, keyCode: 0 })
    await this.settle()
  }

  /**
   * Chooses in a picker (the one wrapping the text `which`): WeChat fires change with the value;
   * `extra` adds what some pickers also send (the region picker's `code`).
   */
  async pick(which: string, value: unknown, extra: Record<string, unknown> = {}) {
    const hit = this.locate(which)
    const picker = bubblePath(hit).find((n) => n.tag === 'wx-picker')
    if (!picker) throw new Error(`“${which}” is not inside a picker`)
    this.dispatch(picker, 'change', { value, ...extra })
    await this.settle()
  }

  /** Fires a custom event (e.g. agreeprivacyauthorization) on the element showing `text`. */
  async fire(text: string, type: string, detail: Record<string, unknown> = {}) {
    const el = bubblePath(this.locate(text)).find((n) => n.attr[`bind${type}`])
    if (!el) throw new Error(`no ${type} handler around “${text}”`)
    this.dispatch(el, type, detail, false)
    await this.settle()
  }

  /** Fires an event on the element with this id (a switch has no text of its own to find it by). */
  async fireById(id: string, type: string, detail: Record<string, unknown> = {}) {
    const el = [...walk(this.render())].find((n) => n.attr.id === id)
    if (!el) throw new Error(`no element #${id} on ${this.page.route}`)
    this.dispatch(el, type, detail, false)
    await this.settle()
  }

  private findField(which: string, tags: string[]): VNode {
    for (const n of walk(this.render())) {
      if (!tags.includes(n.tag)) continue
      if ([n.attr.placeholder, n.attr.name, n.attr.value].some((v) => v !== undefined && String(v).includes(which))) return n
    }
    throw new Error(`no input “${which}” on ${this.page.route}`)
  }

  /** The privacy dialog WeChat asked the app to show is answered through this. */
  get privacyPending(): boolean {
    return this.privacyResolver !== null
  }

  /** Evaluates an expression in the logic layer's global scope (for checks of the runtime itself). */
  evaluate(code: string): unknown {
    return vm.runInContext(code, this.ctx)
  }

  /** A global of the logic layer, as the bundle sees it. */
  global(name: string): unknown {
    return this.evaluate(name)
  }

  close() {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    this.dueAt.clear()
    this.intervals.clear()
  }

  // ---- wx ---------------------------------------------------------------------------------------

  /**
   * WeChat's SelectorQuery. What it measures (rects, scroll) layout would decide, and layout is not
   * simulated: those answer nothing, as before. A `node` request on a `<canvas type="2d">` of the
   * page answers with a Canvas 2D node (canvas.ts) and the size its style gives, as WeChat does.
   */
  private selectorQuery() {
    let selector: string | null = null
    const wanted: Array<{ selector: string | null; node: boolean; size: boolean }> = []
    const ask = (o: { node?: boolean; size?: boolean } = {}) => {
      wanted.push({ selector, node: !!o.node, size: !!o.size })
      return q
    }
    const q: Record<string, (...a: any[]) => unknown> = {
      in: () => q,
      select: (sel: string) => ((selector = sel), q),
      selectAll: (sel: string) => ((selector = sel), q),
      selectViewport: () => ((selector = null), q),
      boundingClientRect: () => ask(),
      scrollOffset: () => ask(),
      fields: (o: { node?: boolean; size?: boolean }) => ask(o),
      node: () => ask({ node: true }),
      exec: (cb?: (r: unknown[]) => void) => {
        // the view layer answers asynchronously; the app is busy until it has
        this.inflight++
        this.later(() => {
          try {
            const results = wanted.some((w) => w.node) ? wanted.map((w) => (w.node ? this.canvasFor(w.selector, w.size) : null)) : []
            this.guard('SelectorQuery.exec callback', () => cb?.(results))
          } finally {
            this.inflight--
          }
        })
      }
    }
    return q
  }

  /** The Canvas 2D node of `#id` on the current page, or null when there is no such canvas. */
  private canvasFor(selector: string | null, size: boolean) {
    const id = selector?.startsWith('#') ? selector.slice(1) : null
    if (!id) return null
    const el = [...walk(this.render())].find((n) => n.tag === 'wx-canvas' && n.attr.id === id && n.attr.type === '2d')
    if (!el) return null
    const key = `${this.page.route}#${id}`
    let canvas = this.canvases.get(key)
    if (!canvas) this.canvases.set(key, (canvas = new FakeCanvas()))
    const style = String(el.attr.style ?? '')
    // a width in % is of the 390 px window (pages lay canvases out full width, less no margin here)
    const px = (prop: string) => {
      const m = new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([\\d.]+)(px|%)`).exec(style)
      if (!m) return 0
      return m[2] === '%' ? (Number(m[1]) / 100) * (prop === 'width' ? 390 : 844) : Number(m[1])
    }
    return size ? { node: canvas, width: px('width'), height: px('height') } : { node: canvas }
  }

  /**
   * Moves the phone's clock on (the bundle's Date) and lets every running interval tick once, as
   * it would have in that time: a countdown then shows what is left, with no test waiting for it.
   */
  async advanceClock(seconds: number) {
    this.phoneClock.offset += seconds * 1000
    for (const fn of [...this.intervals.values()]) this.guard('interval', fn)
    await this.settle()
  }

  /** Every Canvas 2D node a page asked for, in the order it asked (charts get generated ids). */
  canvasesOf(route = this.page.route): FakeCanvas[] {
    return [...this.canvases.entries()].filter(([k]) => k.startsWith(`${route}#`)).map(([, c]) => c)
  }

  /** The Canvas 2D node a page drew on (by element id), for checks and pictures. */
  canvas(id: string, route = this.page.route): FakeCanvas | undefined {
    return this.canvases.get(`${route}#${id}`)
  }

  private tempFile(bytes: Buffer, ext: string): string {
    const p = join(this.tmp, `tmp_${++this.tmpCount}.${ext}`)
    writeFileSync(p, bytes)
    return `wxfile://${p}`
  }

  private fromTemp(path: string): string {
    return path.replace(/^wxfile:\/\//, '')
  }

  private makeWx() {
    const sim = this
    const P = () => sim.P
    const fail = (name: string, msg: string) => ({ errMsg: `${name}:fail ${msg}` })
    /**
     * WeChat's async API shape: {success, fail, complete}, and a promise when no callback is
     * given. The result objects are made in the bundle's realm (JSON through its own JSON).
     */
    const api = (name: string, impl: (o: any) => unknown | Promise<unknown>) => (o: any = {}) => {
      sim.calls.push(name)
      const run = async () => sim.J.parse(JSON.stringify((await impl(o)) ?? {}))
      const p = run().then(
        (res: any) => ({ ok: true, res: { errMsg: `${name}:ok`, ...res } }),
        (err: any) => ({ ok: false, res: err && typeof err === 'object' && 'errMsg' in err ? sim.J.parse(JSON.stringify(err)) : fail(name, String(err?.message ?? err)) })
      )
      const hasCb = o.success || o.fail || o.complete
      if (hasCb) {
        void p.then((r) => {
          sim.guard(`${name} callback`, () => {
            if (r.ok) o.success?.(r.res)
            else o.fail?.(r.res)
            o.complete?.(r.res)
          })
        })
        return undefined
      }
      return new (P())((resolve, reject) => void p.then((r) => (r.ok ? resolve(r.res) : reject(r.res))))
    }
    const sync = (name: string, fn: (...a: any[]) => unknown) => (...a: any[]) => {
      sim.calls.push(name)
      return fn(...a)
    }
    const systemInfo = () => ({
      brand: 'devtools', model: 'iPhone 12', pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 844,
      statusBarHeight: 47, language: 'zh_CN', version: '8.0.50', system: 'Android 14', platform: 'android',
      fontSizeSetting: sim.opts.fontSizeSetting ?? 16, SDKVersion: '3.7.0', theme: 'light',
      safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 }
    })
    const cloudCall = async (path: string, body: BodyInit, headers: Record<string, string>) => {
      sim.inflight++
      try {
        const res = await fetch(sim.opts.cloudUrl + path, { method: 'POST', headers: { ...headers, ...(sim.opts.openid ? { 'x-wx-openid': sim.opts.openid } : {}) }, body })
        return await res.text()
      } finally {
        sim.inflight--
      }
    }
    const privacyApi = (name: string, impl: (o: any) => unknown | Promise<unknown>) =>
      api(name, async (o) => {
        if (!sim.privacyAgreed) {
          // WeChat asks the app (onNeedPrivacyAuthorization) and waits for the user's answer
          const answer = await new Promise<{ event: string }>((resolve) => {
            if (!sim.privacyListener) return resolve({ event: 'disagree' })
            sim.privacyResolver = (r) => {
              // the app first reports that its dialog is on screen, then the person's answer
              if (r.event === 'exposureAuthorization') return
              sim.privacyResolver = null
              if (r.event === 'agree') sim.privacyAgreed = true
              resolve(r)
            }
            sim.guard('onNeedPrivacyAuthorization', () => sim.privacyListener!(sim.privacyResolver!, { referrer: name }))
          })
          if (answer.event !== 'agree') throw fail(name, 'privacy permission is not authorized')
        }
        return impl(o)
      })
    /**
     * Work WeChat does off the logic thread (making an image file, writing to the album) keeps the
     * app busy, as a cloud call does, so settle() waits for it.
     */
    const busy = <T,>(impl: (o: any) => T | Promise<T>) => async (o: any) => {
      sim.inflight++
      try {
        return await impl(o)
      } finally {
        sim.inflight--
      }
    }
    let modalIndex = 0
    const wx: Record<string, unknown> = {
      getSystemInfoSync: sync('getSystemInfoSync', systemInfo),
      getSystemInfo: api('getSystemInfo', systemInfo),
      getWindowInfo: sync('getWindowInfo', () => ({ ...systemInfo() })),
      getDeviceInfo: sync('getDeviceInfo', () => ({ ...systemInfo() })),
      getAppBaseInfo: sync('getAppBaseInfo', () => ({ SDKVersion: '3.7.0', language: 'zh_CN', version: '8.0.50', theme: 'light', fontSizeSetting: sim.opts.fontSizeSetting ?? 16, enableDebug: false, host: { appId: '' } })),
      getSystemSetting: sync('getSystemSetting', () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' })),
      getAccountInfoSync: sync('getAccountInfoSync', () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } })),
      getLaunchOptionsSync: sync('getLaunchOptionsSync', () => ({ path: sim.app.pages[0], query: {}, scene: 1001 })),
      getEnterOptionsSync: sync('getEnterOptionsSync', () => ({ path: sim.app.pages[0], query: {}, scene: 1001 })),
      getMenuButtonBoundingClientRect: sync('getMenuButtonBoundingClientRect', () => ({ width: 87, height: 32, top: 51, right: 381, bottom: 83, left: 294 })),
      canIUse: sync('canIUse', () => true),
      nextTick: (fn: () => void) => sim.later(() => sim.guard('nextTick', fn)),
      getStorageSync: sync('getStorageSync', (k: string) => (sim.storage.has(k) ? sim.J.parse(JSON.stringify(sim.storage.get(k))) : '')),
      setStorageSync: sync('setStorageSync', (k: string, v: unknown) => void sim.storage.set(k, v)),
      removeStorageSync: sync('removeStorageSync', (k: string) => void sim.storage.delete(k)),
      clearStorageSync: sync('clearStorageSync', () => sim.storage.clear()),
      getStorageInfoSync: sync('getStorageInfoSync', () => ({ keys: [...sim.storage.keys()], currentSize: 1, limitSize: 10240 })),
      getStorage: api('getStorage', (o) => {
        if (!sim.storage.has(o.key)) throw fail('getStorage', 'data not found')
        return { data: sim.storage.get(o.key) }
      }),
      setStorage: api('setStorage', (o) => void sim.storage.set(o.key, o.data)),
      removeStorage: api('removeStorage', (o) => void sim.storage.delete(o.key)),
      showToast: api('showToast', (o) => void sim.toasts.push(String(o.title ?? ''))),
      hideToast: api('hideToast', () => undefined),
      showLoading: api('showLoading', () => undefined),
      hideLoading: api('hideLoading', () => undefined),
      showModal: api('showModal', (o) => {
        sim.modals.push({ title: String(o.title ?? ''), content: String(o.content ?? '') })
        const answers = sim.opts.modalAnswers ?? []
        const confirm = modalIndex < answers.length ? answers[modalIndex] : true
        modalIndex++
        return { confirm, cancel: !confirm }
      }),
      showActionSheet: api('showActionSheet', () => ({ tapIndex: 0 })),
      setNavigationBarTitle: api('setNavigationBarTitle', () => undefined),
      setNavigationBarColor: api('setNavigationBarColor', () => undefined),
      setBackgroundColor: api('setBackgroundColor', () => undefined),
      setBackgroundTextStyle: api('setBackgroundTextStyle', () => undefined),
      setTabBarBadge: api('setTabBarBadge', () => undefined),
      removeTabBarBadge: api('removeTabBarBadge', () => undefined),
      showTabBarRedDot: api('showTabBarRedDot', () => undefined),
      hideTabBarRedDot: api('hideTabBarRedDot', () => undefined),
      setTabBarStyle: api('setTabBarStyle', () => undefined),
      setTabBarItem: api('setTabBarItem', () => undefined),
      stopPullDownRefresh: api('stopPullDownRefresh', () => undefined),
      startPullDownRefresh: api('startPullDownRefresh', () => undefined),
      pageScrollTo: api('pageScrollTo', () => undefined),
      hideKeyboard: api('hideKeyboard', () => undefined),
      vibrateShort: api('vibrateShort', () => undefined),
      getNetworkType: api('getNetworkType', () => ({ networkType: 'wifi' })),
      onNetworkStatusChange: () => undefined,
      createSelectorQuery: sync('createSelectorQuery', () => sim.selectorQuery()),
      createIntersectionObserver: sync('createIntersectionObserver', () => ({ relativeToViewport: () => ({ observe: () => undefined }), observe: () => undefined, disconnect: () => undefined })),
      onAppShow: () => undefined, offAppShow: () => undefined, onAppHide: () => undefined, offAppHide: () => undefined,
      onError: () => undefined, onUnhandledRejection: () => undefined, onPageNotFound: () => undefined, onThemeChange: () => undefined,
      onWindowResize: () => undefined, offWindowResize: () => undefined, onMemoryWarning: () => undefined,
      getUpdateManager: () => ({ onCheckForUpdate: () => undefined, onUpdateReady: () => undefined, onUpdateFailed: () => undefined, applyUpdate: () => undefined }),
      reportAnalytics: () => undefined,
      navigateTo: api('navigateTo', (o) => sim.openPage(normalizeUrl(o.url, sim.page.route), 'navigate').then(() => undefined)),
      redirectTo: api('redirectTo', (o) => sim.openPage(normalizeUrl(o.url, sim.page.route), 'redirect').then(() => undefined)),
      switchTab: api('switchTab', (o) => sim.openPage(normalizeUrl(o.url, sim.page.route), 'switchTab').then(() => undefined)),
      reLaunch: api('reLaunch', (o) => sim.openPage(normalizeUrl(o.url, sim.page.route), 'reLaunch').then(() => undefined)),
      navigateBack: api('navigateBack', (o) => {
        const n = Math.max(1, Number(o.delta ?? 1))
        if (sim.stack.length <= 1) throw fail('navigateBack', 'cannot navigate back at first page.')
        for (let i = 0; i < n && sim.stack.length > 1; i++) sim.lifecycle(sim.stack.pop()!, 'onUnload')
        sim.lifecycle(sim.page, 'onShow')
      }),
      requestSubscribeMessage: api('requestSubscribeMessage', (o) => {
        // WeChat allows the dialog only in the synchronous part of a tap handler
        const allowed = sim.inTap
        sim.subscribeRequests.push({ tmplIds: [...(o.tmplIds ?? [])], allowed })
        if (!allowed) throw { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20004 }
        const answer = sim.opts.subscribeAnswer ?? 'accept'
        return Object.fromEntries((o.tmplIds as string[]).map((id) => [id, answer]))
      }),
      onNeedPrivacyAuthorization: sync('onNeedPrivacyAuthorization', (listener: typeof sim.privacyListener) => {
        sim.privacyListener = listener
      }),
      getPrivacySetting: api('getPrivacySetting', () => ({ needAuthorization: !sim.privacyAgreed, privacyContractName: '《个体工商户服务小程序隐私保护指引》' })),
      requirePrivacyAuthorize: privacyApi('requirePrivacyAuthorize', () => undefined),
      openPrivacyContract: api('openPrivacyContract', () => undefined),
      chooseMedia: privacyApi('chooseMedia', (o) => {
        const files = (sim.opts.mediaFiles ?? []).slice(0, o.count ?? 9)
        if (!files.length) throw fail('chooseMedia', 'cancel')
        return { type: 'image', tempFiles: files.map((f) => ({ tempFilePath: sim.tempFile(readFileSync(f), 'jpg'), size: readFileSync(f).length, fileType: 'image' })) }
      }),
      // 选中的文件 is a privacy scope, as 选中的照片 is: the same gate
      chooseMessageFile: privacyApi('chooseMessageFile', (o) => {
        const files = (sim.opts.messageFiles ?? []).slice(0, o.count ?? 1)
        if (!files.length) throw fail('chooseMessageFile', 'cancel')
        const allowed = o.extension as string[] | undefined
        return {
          tempFiles: files
            .filter((f) => !allowed || allowed.includes(f.name.split('.').pop()!.toLowerCase()))
            .map((f) => ({ path: sim.tempFile(readFileSync(f.path), f.name.split('.').pop()!), name: f.name, size: readFileSync(f.path).length, type: 'file', time: 0 }))
        }
      }),
      chooseImage: privacyApi('chooseImage', () => {
        throw fail('chooseImage', 'cancel')
      }),
      compressImage: api('compressImage', (o) => ({ tempFilePath: sim.tempFile(readFileSync(sim.fromTemp(o.src)), 'jpg') })),
      getFileSystemManager: sync('getFileSystemManager', () => ({
        readFileSync: (p: string, enc?: string) => {
          const buf = readFileSync(sim.fromTemp(p))
          return enc ? buf.toString(enc as BufferEncoding) : new Uint8Array(buf).buffer
        },
        statSync: (p: string) => ({ size: readFileSync(sim.fromTemp(p)).length, isFile: () => true, isDirectory: () => false }),
        // the user folder (wx.env.USER_DATA_PATH): kept in memory, readable by the test
        writeFileSync: (path: string, data: string) => {
          if (!String(path).startsWith('wxfile://usr/')) throw fail('writeFileSync', `permission denied, open ${path}`)
          sim.userFiles.set(String(path), String(data))
        },
        readFile: (o: any) => api('readFile', () => ({ data: readFileSync(sim.fromTemp(o.filePath)).toString(o.encoding ?? 'base64') }))(o),
        getFileInfo: (o: any) => api('getFileInfo', () => ({ size: readFileSync(sim.fromTemp(o.filePath)).length }))(o)
      })),
      previewImage: api('previewImage', () => undefined),
      canvasToTempFilePath: api('canvasToTempFilePath', busy(async (o) => {
        if (!(o.canvas instanceof FakeCanvas)) throw fail('canvasToTempFilePath', 'canvas is not a Canvas 2D node of this page')
        return { tempFilePath: sim.tempFile(o.canvas.png(), o.fileType === 'jpg' ? 'jpg' : 'png') }
      })),
      // WeChat lists a scope in authSetting only once the person has been asked
      getSetting: api('getSetting', () => ({ authSetting: sim.albumAllowed === undefined ? {} : { 'scope.writePhotosAlbum': sim.albumAllowed } })),
      openSetting: api('openSetting', () => {
        if (sim.opts.openSettingGrants ?? true) sim.albumAllowed = true
        return { authSetting: sim.albumAllowed === undefined ? {} : { 'scope.writePhotosAlbum': sim.albumAllowed } }
      }),
      saveImageToPhotosAlbum: privacyApi('saveImageToPhotosAlbum', busy((o) => {
        // the first time, WeChat itself asks for 添加到相册; once refused it fails at once until the settings page allows it
        if (sim.albumAllowed === undefined) sim.albumAllowed = (sim.opts.albumAnswer ?? 'allow') === 'allow'
        if (!sim.albumAllowed) throw fail('saveImageToPhotosAlbum', 'auth deny')
        const path = sim.fromTemp(String(o.filePath ?? ''))
        if (!existsSync(path)) throw fail('saveImageToPhotosAlbum', 'file not found')
        sim.savedImages.push(path)
      })),
      makePhoneCall: api('makePhoneCall', () => undefined),
      // a download lands in a temp file; an error page is a download too (statusCode says so)
      downloadFile: api('downloadFile', async (o) => {
        const url = String(o.url ?? '')
        if (!/^(https?:\/\/|\/)/.test(url)) throw fail('downloadFile', 'invalid url')
        sim.inflight++
        try {
          const res = await fetch(url.startsWith('/') ? sim.opts.cloudUrl + url : url)
          const bytes = Buffer.from(await res.arrayBuffer())
          return { tempFilePath: sim.tempFile(bytes, (/\.(\w+)(?:\?|$)/.exec(url)?.[1] ?? 'bin').toLowerCase()), statusCode: res.status }
        } finally {
          sim.inflight--
        }
      }),
      // WeChat's document viewer: only the types it lists, and only a file that is there
      openDocument: api('openDocument', (o) => {
        const path = sim.fromTemp(String(o.filePath ?? ''))
        const fileType = String(o.fileType ?? /\.(\w+)$/.exec(path)?.[1] ?? '')
        if (!['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'].includes(fileType)) throw fail('openDocument', 'filetype not supported')
        if (!existsSync(path)) throw fail('openDocument', 'file not found')
        sim.openedDocuments.push({ path, fileType, showMenu: Boolean(o.showMenu) })
      }),
      // the mini-program's own user folder (no permission needed) and sending a file to a chat
      env: { USER_DATA_PATH: 'wxfile://usr' },
      shareFileMessage: api('shareFileMessage', (o) => {
        const filePath = String(o.filePath ?? '')
        if (!sim.userFiles.has(filePath)) throw fail('shareFileMessage', 'file not found')
        sim.sharedFiles.push({ filePath, fileName: String(o.fileName ?? '') })
      }),
      setClipboardData: privacyApi('setClipboardData', () => undefined),
      getClipboardData: privacyApi('getClipboardData', () => ({ data: '' })),
      scanCode: api('scanCode', () => {
        if (sim.opts.scanResult === undefined) throw fail('scanCode', 'cancel')
        return { result: sim.opts.scanResult, scanType: 'QR_CODE', charSet: 'utf-8', rawData: '' }
      }),
      login: api('login', () => ({ code: 'sim-code' })),
      cloud: {
        init: sync('cloud.init', () => undefined),
        callFunction: api('cloud.callFunction', async (o) => {
          if (sim.opts.noCloudEnv) throw { errMsg: 'cloud.callFunction:fail Error: errCode: -501000  | errMsg: Environment not found', errCode: -501000 }
          const text = await cloudCall(`/api/functions/${o.name}`, JSON.stringify(o.data ?? {}), { 'content-type': 'application/json' })
          return { result: JSON.parse(text), requestID: 'sim' }
        }),
        uploadFile: api('cloud.uploadFile', async (o) => {
          if (sim.opts.noCloudEnv) throw { errMsg: 'cloud.uploadFile:fail Error: errCode: -501000  | errMsg: Environment not found' }
          const bytes = readFileSync(sim.fromTemp(o.filePath))
          const text = await cloudCall(`/api/local/storage/upload?cloudPath=${encodeURIComponent(o.cloudPath)}`, bytes, { 'content-type': 'application/octet-stream' })
          const r = JSON.parse(text) as { fileID?: string; error?: { message: string } }
          if (!r.fileID) throw { errMsg: `cloud.uploadFile:fail ${r.error?.message ?? text}` }
          return { fileID: r.fileID, statusCode: 200 }
        }),
        // the local cloud's files (local:<path>) are what a cloud fileID is there
        downloadFile: api('cloud.downloadFile', async (o) => {
          const id = String(o.fileID ?? '')
          const path = id.replace(/^local:/, '')
          const res = await fetch(`${sim.opts.cloudUrl}/api/local/files/${path}`)
          if (res.status !== 200) throw { errMsg: `cloud.downloadFile:fail ${res.status}` }
          return { tempFilePath: sim.tempFile(Buffer.from(await res.arrayBuffer()), /\.(\w+)$/.exec(path)?.[1] ?? 'bin'), statusCode: 200 }
        }),
        getTempFileURL: api('cloud.getTempFileURL', (o) => ({ fileList: (o.fileList as string[]).map((f) => ({ fileID: f, tempFileURL: f, status: 0 })) }))
      }
    }
    return wx
  }
}

function parseUrl(url: string): { path: string; query: Record<string, string> } {
  const [p, q = ''] = url.split('?')
  const query: Record<string, string> = {}
  for (const part of q.split('&').filter(Boolean)) {
    const [k, v = ''] = part.split('=')
    query[decodeURIComponent(k)] = decodeURIComponent(v)
  }
  return { path: p.replace(/^\//, ''), query }
}

/** Relative urls ("../detail/index?id=1") resolve against the current page, as in WeChat. */
function normalizeUrl(url: string, from: string): string {
  if (url.startsWith('/')) return url
  return '/' + posix.join(posix.dirname(from), url)
}
