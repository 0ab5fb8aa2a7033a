import Taro from '@tarojs/taro'
import { canvasNode } from './canvas.weapp'
import { drawCertificate, IMAGE_HEIGHT, IMAGE_SCALE, IMAGE_WIDTH, type Certificate, type Ctx2D } from './certificateArt'

const ALBUM = 'scope.writePhotosAlbum'
const errMsg = (err: unknown) => String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? '')

/**
 * The album permission. WeChat asks by itself the first time saveImageToPhotosAlbum runs; once
 * refused it never asks again and only its settings page can grant it, so we say so and offer it.
 * Resolves false when the owner leaves it off.
 */
async function albumAllowed(): Promise<boolean> {
  const setting = await Taro.getSetting()
  if (setting.authSetting[ALBUM] !== false) return true
  const m = await Taro.showModal({
    title: '需要相册权限',
    content: '保存证书图片需要“添加到相册”的权限。您之前没有允许，请在设置里打开后再保存。',
    confirmText: '去设置',
    cancelText: '不用了'
  })
  if (!m.confirm) return false
  // a modal's confirm counts as the tap WeChat requires before openSetting
  const after = await Taro.openSetting()
  return after.authSetting[ALBUM] === true
}

/** In WeChat: draw the picture on the page's off-screen Canvas 2D, make a file of it, save it to the album. */
export async function saveCertificateImage(c: Certificate): Promise<string | null> {
  const { node } = await canvasNode('#cert-image')
  // setting the size clears the canvas: every save draws afresh
  node.width = IMAGE_WIDTH * IMAGE_SCALE
  node.height = IMAGE_HEIGHT * IMAGE_SCALE
  const ctx = node.getContext('2d') as Ctx2D & { scale(x: number, y: number): void }
  ctx.scale(IMAGE_SCALE, IMAGE_SCALE)
  drawCertificate(ctx, c)
  let file: string
  try {
    file = (await Taro.canvasToTempFilePath({ canvas: node, fileType: 'png' } as unknown as Taro.canvasToTempFilePath.Option)).tempFilePath
  } catch {
    throw new Error('证书图片生成失败，请稍后再试，或截屏保存')
  }
  if (!(await albumAllowed())) throw new Error('没有相册权限，证书图片没有保存。您也可以截屏保存')
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: file })
    return '已保存到手机相册'
  } catch (err) {
    const m = errMsg(err)
    if (/cancel/i.test(m)) return null
    if (/privacy/i.test(m)) throw new Error('您没有同意隐私保护指引，不能保存到相册。需要时再点保存，在弹窗里点同意即可')
    if (/auth|deny|denied|permission/i.test(m)) throw new Error('您没有允许保存到相册，证书图片没有保存。需要时再点保存，按提示去设置里打开“添加到相册”')
    throw new Error('保存到相册失败，请稍后再试，或截屏保存')
  }
}
