import Taro from '@tarojs/taro'
import { MAX_PHOTO_BYTES } from '../core/complaint/labels'
import type { PickedPhoto } from './photo'

export type { PickedPhoto } from './photo'

/** Longest side after scaling: enough to read a receipt or a notice on a phone. */
const MAX_SIDE = 1600

function load(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('这不是可以打开的图片'))
    img.src = src
  })
}

const toJpeg = (canvas: HTMLCanvasElement, quality: number) =>
  new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('这张照片无法处理，请换一张'))), 'image/jpeg', quality))

/** Redraws the photo as a JPEG, smaller and at lower quality until it fits (also drops EXIF/GPS). */
async function compress(src: string): Promise<PickedPhoto> {
  const img = await load(src)
  let scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight))
  for (let quality = 0.82; ; ) {
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
    const g = canvas.getContext('2d')!
    g.fillStyle = '#fff'
    g.fillRect(0, 0, canvas.width, canvas.height)
    g.drawImage(img, 0, 0, canvas.width, canvas.height)
    const file = await toJpeg(canvas, quality)
    if (file.size <= MAX_PHOTO_BYTES) return { contentType: 'image/jpeg', file }
    if (quality > 0.5) quality -= 0.15
    else scale *= 0.75
  }
}

export async function pickPhotos(max: number): Promise<PickedPhoto[]> {
  const r = await Taro.chooseImage({ count: max, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  const out: PickedPhoto[] = []
  for (const path of r.tempFilePaths.slice(0, max)) out.push(await compress(path))
  return out
}
