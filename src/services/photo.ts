/**
 * Picking and compressing photos for upload. Taro picks photo.weapp.ts or photo.h5.ts by
 * platform; this file is what other targets and the type checker see.
 */
export interface PickedPhoto {
  contentType: 'image/jpeg' | 'image/png' | 'image/webp'
  /** the compressed photo, at most MAX_PHOTO_BYTES: a temp file path in WeChat, the bytes in H5 */
  file: string | Blob
}

export async function pickPhotos(_max: number): Promise<PickedPhoto[]> {
  throw new Error(`no photo picker for platform ${process.env.TARO_ENV}`)
}
