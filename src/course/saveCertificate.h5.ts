import { formatCode } from '../core/course/certificateCode'
import { drawCertificate, IMAGE_HEIGHT, IMAGE_SCALE, IMAGE_WIDTH, type Certificate } from './certificateArt'

/** In the browser: draw the picture on a detached canvas and download it as a PNG. */
export async function saveCertificateImage(c: Certificate): Promise<string | null> {
  const canvas = document.createElement('canvas')
  canvas.width = IMAGE_WIDTH * IMAGE_SCALE
  canvas.height = IMAGE_HEIGHT * IMAGE_SCALE
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('这个浏览器画不了证书图片，请截屏保存')
  ctx.scale(IMAGE_SCALE, IMAGE_SCALE)
  drawCertificate(ctx, c)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('证书图片生成失败，请截屏保存')
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = `结业证书-${formatCode(c.code)}.png`
  document.body.appendChild(a)
  a.click()
  a.remove()
  // the download has its own copy by now; free the blob a little later
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return '证书图片已下载'
}
