import Taro from '@tarojs/taro'
import type { PickedPhoto } from './photo'

/**
 * In WeChat the phone stores the file in cloud storage itself: a function call could not carry
 * it (see MAX_PHOTO_BYTES). The function then checks the stored bytes at complaint.upload.confirm.
 */
export async function storeFile(cloudPath: string, photo: PickedPhoto): Promise<string> {
  const r = await Taro.cloud.uploadFile({ cloudPath, filePath: photo.file as string })
  return r.fileID
}
