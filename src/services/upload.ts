import { ApiError, call, newRequestId } from './api'
import type { PickedPhoto } from './photo'
import { storeFile } from './storage'

/**
 * One photo for a 诉求: the server issues a path in the owner's folder, the phone stores the
 * bytes there, and the server checks them before the photo can be filed.
 */
export async function uploadPhoto(photo: PickedPhoto) {
  const { uploadId, cloudPath } = await call('complaint.upload.prepare', { contentType: photo.contentType }, { requestId: newRequestId() })
  let fileId: string
  try {
    fileId = await storeFile(cloudPath, photo)
  } catch (err) {
    const message = err instanceof Error && /[\u4e00-\u9fa5]/.test(err.message) ? err.message : '照片没有传上去，请检查网络后再试'
    throw new ApiError({ code: 'INTERNAL', message })
  }
  // a retried confirm (a lost answer) gets the first one's answer
  return call('complaint.upload.confirm', { uploadId, fileId }, { requestId: newRequestId() })
}
