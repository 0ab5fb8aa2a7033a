import Taro from '@tarojs/taro'
import { MAX_PHOTO_BYTES } from '../core/complaint/labels'
import type { PickedPhoto } from './photo'

export type { PickedPhoto } from './photo'

/** compressImage always writes a JPEG: lower quality, then narrower, until it fits. */
async function compress(path: string, size: number): Promise<PickedPhoto> {
  const fs = Taro.getFileSystemManager()
  let src = path
  let bytes = size
  for (const [quality, width] of [[80, 1600], [60, 1280], [45, 1024], [35, 800]] as const) {
    if (bytes <= MAX_PHOTO_BYTES && src !== path) break
    src = (await Taro.compressImage({ src: path, quality, compressedWidth: width } as Taro.compressImage.Option)).tempFilePath
    bytes = (fs.statSync(src) as { size: number }).size
  }
  if (bytes > MAX_PHOTO_BYTES) throw new Error('照片太大，请换一张')
  // the temp file itself goes to cloud storage (services/storage.weapp.ts), never through a call
  return { contentType: 'image/jpeg', file: src }
}

export async function pickPhotos(max: number): Promise<PickedPhoto[]> {
  const r = await Taro.chooseMedia({ count: max, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  const out: PickedPhoto[] = []
  for (const f of r.tempFiles.slice(0, max)) out.push(await compress(f.tempFilePath, f.size))
  return out
}
