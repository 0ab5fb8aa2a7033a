import { Canvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useId, useRef } from 'react'
import { canvasNode } from '../../course/canvas.weapp'
import { useSession } from '../../store/session'
import { ChartFigures } from './ChartFigures'
import { echarts } from './echarts'
import { chartOption, type ChartProps } from './chartOption'
import './chart.css'

type Ctx = { font: string; measureText(t: string): { width: number } | undefined }
type Img = { onload: unknown; onerror: unknown; src: string }
type Node = { width: number; height: number; getContext(t: '2d'): unknown; createImage?(): Img }

/**
 * What ECharts draws on in WeChat: the Canvas 2D node behind `<canvas type="2d">`, shaped like the
 * DOM canvas zrender expects (getContext, width/height, event hooks it may call). The same idea as
 * ECharts' own echarts-for-weixin `WxCanvas`.
 */
class WxCanvas {
  constructor(private readonly node: Node, private readonly ctx: Ctx) {}
  getContext(type: string) {
    return type === '2d' ? this.ctx : null
  }
  get width() {
    return this.node.width
  }
  set width(w: number) {
    this.node.width = w
  }
  get height() {
    return this.node.height
  }
  set height(h: number) {
    this.node.height = h
  }
  addEventListener() {}
  removeEventListener() {}
  attachEvent() {}
  detachEvent() {}
}

/** Text width for ECharts' layout: the canvas's own measure, else an estimate from the font size. */
function measure(ctx: Ctx, text: string, font: string) {
  ctx.font = font || '12px sans-serif'
  const m = ctx.measureText(text)
  if (m && typeof m.width === 'number') return { width: m.width }
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(ctx.font)?.[1] ?? 12)
  return { width: [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? size : size * 0.55), 0) }
}

/**
 * A bar, pie or line chart with its figures as text below. ECharts draws on a Canvas 2D node
 * (WeChat has no DOM); taps are not forwarded, so there are no tooltips: every number is in the
 * text under the picture instead.
 */
export function Chart(p: ChartProps) {
  const { careMode } = useSession()
  const id = `chart${useId().replace(/[^a-zA-Z0-9]/g, '')}`
  const chart = useRef<{ dispose(): void; setOption(o: unknown, notMerge?: boolean): void } | null>(null)
  const height = p.height ?? 220
  const font = careMode ? 16 : 12
  useEffect(() => {
    let gone = false
    if (p.data.length === 0) return
    // a static import: WeChat loads no code chunks on demand (the sub-package holds it)
    canvasNode(`#${id}`)
      .then(({ node, width, height: h }) => {
        if (gone) return
        const ctx = node.getContext('2d') as Ctx
        const canvas = new WxCanvas(node, ctx)
        // zrender makes its helper canvases (text measuring) through this hook, never `document`
        // and its pictures through the node's createImage (WeChat has no `Image`)
        echarts.setPlatformAPI({
          createCanvas: () => canvas as never,
          measureText: (text: string, f?: string) => measure(ctx, text, f ?? ''),
          loadImage: (src: string, onload: unknown, onerror: unknown) => {
            const img = (node as Node).createImage?.()
            if (!img) return null as never
            img.onload = onload
            img.onerror = onerror
            img.src = src
            return img as never
          }
        })
        chart.current?.dispose()
        const dpr = Math.max(1, Taro.getWindowInfo?.().pixelRatio || 2)
        // a canvas not yet laid out reports 0: the page's width less its padding is what it gets
        const w = width || Math.max(200, (Taro.getWindowInfo?.().windowWidth || 375) - 32)
        chart.current = echarts.init(canvas as never, null, { width: w, height: h || height, devicePixelRatio: dpr })
        chart.current.setOption(chartOption(p, font), true)
      })
      // the figures are listed under the picture: a chart that cannot be drawn loses nothing
      .catch(() => undefined)
    return () => {
      gone = true
    }
  }, [id, p.kind, p.title, p.unit, JSON.stringify(p.data), font, height])
  useEffect(
    () => () => {
      chart.current?.dispose()
      chart.current = null
    },
    []
  )
  return (
    <View className='chart'>
      <View className='chart__title'>{p.title}</View>
      {p.data.length ? <Canvas type='2d' id={id} className='chart__canvas' style={{ width: '100%', height: `${height}px` }} /> : null}
      <ChartFigures title={p.title} data={p.data} unit={p.unit} showTotal={p.showTotal} />
    </View>
  )
}
