import { currentOpenid } from './identity'
import type { PickedPhoto } from './photo'

/**
 * In the H5 build: the local cloud's stand-in for wx.cloud.uploadFile, so both platforms take
 * the same prepare → store → confirm path. Its errors are already plain Chinese.
 */
export async function storeFile(cloudPath: string, photo: PickedPhoto): Promise<string> {
  const res = await fetch(`/api/local/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': currentOpenid() },
    body: photo.file as Blob
  })
  const body = (await res.json()) as { fileID?: string; error?: { message?: string } }
  if (!res.ok || !body.fileID) throw new Error(body.error?.message ?? '照片没有传上去，请稍后再试')
  return body.fileID
}
