import type { PickedPhoto } from './photo'

/**
 * Stores a photo's bytes at a path the server issued and returns the storage file id. Taro
 * picks storage.weapp.ts (wx.cloud.uploadFile) or storage.h5.ts (the local cloud's storage
 * endpoint) by platform; this file is what other targets and the type checker see.
 */
export async function storeFile(_cloudPath: string, _photo: PickedPhoto): Promise<string> {
  throw new Error(`no storage for platform ${process.env.TARO_ENV}`)
}
