import Taro from '@tarojs/taro'

/** A Canvas 2D node of the current page, with its CSS size (WeChat's SelectorQuery `fields({ node, size })`). */
export interface CanvasNode {
  node: {
    width: number
    height: number
    getContext(type: '2d'): unknown
  }
  width: number
  height: number
}

/**
 * Finds `<Canvas type='2d' id=…>` on the page. The node exists only once the view layer has drawn
 * the element, which can be a moment after React rendered it, so a few tries are allowed.
 */
export function canvasNode(selector: string, tries = 20): Promise<CanvasNode> {
  return new Promise((resolve, reject) => {
    const attempt = (left: number) =>
      Taro.createSelectorQuery()
        .select(selector)
        .fields({ node: true, size: true })
        .exec((res: Array<CanvasNode | null> | undefined) => {
          const hit = res?.[0]
          if (hit?.node) resolve(hit)
          else if (left > 0) setTimeout(() => attempt(left - 1), 50)
          else reject(new Error('图片还没有准备好，请稍后再试'))
        })
    attempt(tries)
  })
}
