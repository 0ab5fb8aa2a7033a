import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { MAX_PHOTOS } from '../core/complaint/labels'
import { errorMessage } from '../services/api'
import { pickPhotos } from '../services/photo'
import { errText, isPrivacyRefusal } from '../services/privacy'
import { uploadPhoto } from '../services/upload'

export interface Photo {
  uploadId: string
  url: string
}

/**
 * Photos for a 诉求 or for material added to one: picked, compressed and sent through the one
 * upload path (prepare → storage → confirm, services/upload.ts), so the same limits and checks
 * apply wherever an owner adds a photo.
 */
export function usePhotos(onAdded?: () => void) {
  const [photos, setPhotos] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  // said under the photos after 不同意 in WeChat's privacy dialog: what is kept, how to go on
  const [notice, setNotice] = useState('')

  const add = async () => {
    const room = MAX_PHOTOS - photos.length
    if (room <= 0) return
    let picked
    setNotice('')
    try {
      picked = await pickPhotos(room)
    } catch (err) {
      // the owner declined WeChat's privacy agreement: the form stays as it is
      if (isPrivacyRefusal(err)) {
        setNotice('已保留填写内容。需要加照片时再点“+ 加照片”并同意即可；也可以不加照片直接提交。')
        return
      }
      // closing the picker is not an error (WeChat rejects with {errMsg: '…:fail cancel'})
      const message = errText(err)
      if (/cancel/i.test(message)) return
      Taro.showToast({ title: /[\u4e00-\u9fa5]/.test(message) ? message : '没有选到照片', icon: 'none' })
      return
    }
    setUploading(true)
    try {
      for (const p of picked) {
        const r = await uploadPhoto(p)
        setPhotos((list) => [...list, r])
      }
      onAdded?.()
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setUploading(false)
    }
  }
  const remove = (i: number) => setPhotos((list) => list.filter((_, j) => j !== i))
  return { photos, uploading, notice, add, remove, clear: () => setPhotos([]) }
}

/** The thumbnails with their remove marks and the + 加照片 tile, then the privacy notice if any. */
export function PhotoPicker({ state, addId }: { state: ReturnType<typeof usePhotos>; addId: string }) {
  const { photos, uploading, notice, add, remove } = state
  return (
    <View>
      <View className='photos'>
        {photos.map((p, i) => (
          <View key={p.uploadId} className='photos__item'>
            <Image className='photos__img' src={p.url} mode='aspectFill' onClick={() => Taro.previewImage({ urls: photos.map((x) => x.url), current: p.url })} />
            <View className='photos__remove' onClick={() => remove(i)}>×</View>
          </View>
        ))}
        {photos.length < MAX_PHOTOS ? (
          <View className='photos__add' id={addId} onClick={uploading ? undefined : add}>
            {uploading ? '上传中…' : '+ 加照片'}
          </View>
        ) : null}
      </View>
      {notice ? <View className='notice-text' id='photo-notice'>{notice}</View> : null}
    </View>
  )
}
