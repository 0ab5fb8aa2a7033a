import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AGREE_BUTTON_ID, answerPrivacy, currentPrivacyRequest, onPrivacyRequest, privacyShown, type PrivacyRequest } from '../services/privacy'

/** What each privacy API we use is for, in the owner's words. */
function purpose(referrer: string) {
  if (/chooseMedia|chooseImage|camera/i.test(referrer)) {
    return '您要给诉求加照片。需要您同意后，才能从手机相册选照片或用相机拍照。照片只随您的诉求交给办理的工作人员查看，不做别的用途。'
  }
  if (/saveImageToPhotosAlbum|album/i.test(referrer)) {
    return '您要把结业证书保存到手机相册。需要您同意后，才能把证书图片存进相册；本小程序只写入这一张图片，不读取您的相册。'
  }
  return '这一步要用到您手机上的信息。需要您同意后才能继续，信息只用于您正在办的事情。'
}

/**
 * Our own answer to WeChat's privacy gate, rendered by every Page. 同意 is WeChat's
 * agreePrivacyAuthorization button (WeChat records the tap, then we resolve with its id);
 * 不同意 lets the waiting API fail, and the page says how to continue.
 */
export function PrivacyDialog() {
  const [request, setRequest] = useState<PrivacyRequest | null>(currentPrivacyRequest)
  useEffect(() => onPrivacyRequest(setRequest), [])
  useEffect(() => {
    if (request) privacyShown()
  }, [request])
  if (!request) return null
  return (
    <View className='privacy-mask' catchMove>
      <View className='privacy-dialog' id='privacy-dialog'>
        <View className='privacy-dialog__title'>需要您同意隐私保护指引</View>
        <View className='privacy-dialog__body'>{purpose(request.referrer)}</View>
        <View className='privacy-dialog__body'>
          详细内容见
          <Text className='privacy-dialog__link' onClick={() => Taro.openPrivacyContract({})}>《用户隐私保护指引》</Text>
          。不同意也可以继续使用其他功能。
        </View>
        <View className='privacy-dialog__actions'>
          <Button className='btn btn--default privacy-dialog__btn' id='disagree-privacy' onClick={() => answerPrivacy(false)}>
            不同意
          </Button>
          <Button
            className='btn btn--primary privacy-dialog__btn'
            id={AGREE_BUTTON_ID}
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answerPrivacy(true)}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  )
}
