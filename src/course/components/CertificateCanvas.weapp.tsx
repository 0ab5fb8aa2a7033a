import { Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { certificateQrText } from '../../core/course/certificateCode'
import { canvasNode } from '../canvas.weapp'
import { drawQr, IMAGE_HEIGHT, IMAGE_WIDTH, qrModules, type Ctx2D } from '../certificateArt'

/**
 * The certificate's QR code, drawn on a Canvas 2D in the mini-program (WeChat draws no <img> from
 * a data URL we could make here without a file). Officers scan it in 核验结业证书.
 */
export function CertificateQr({ code, size }: { code: string; size: number }) {
  useEffect(() => {
    let gone = false
    canvasNode('#cert-qr')
      .then(({ node, width, height }) => {
        if (gone) return
        // a whole scale keeps every module on whole device pixels (no hairlines between rows)
        const dpr = Math.max(1, Math.round(Taro.getWindowInfo?.().pixelRatio || 2))
        node.width = Math.round(width * dpr)
        node.height = Math.round(height * dpr)
        const ctx = node.getContext('2d') as Ctx2D & { scale(x: number, y: number): void }
        ctx.scale(dpr, dpr)
        drawQr(ctx, qrModules(certificateQrText(code)), 0, 0, width)
      })
      // the code is printed under the QR as well: a QR that cannot be drawn loses nothing
      .catch(() => undefined)
    return () => {
      gone = true
    }
  }, [code])
  return <Canvas type='2d' id='cert-qr' className='certificate__qr' style={{ width: `${size}px`, height: `${size}px` }} />
}

/**
 * Where the picture to save is drawn: a Canvas 2D of the picture's size, kept off screen (a
 * canvas that is not displayed cannot be drawn, and wx.canvasToTempFilePath needs a real one).
 */
export function CertificateImageCanvas() {
  return <Canvas type='2d' id='cert-image' className='certificate__offscreen' style={{ width: `${IMAGE_WIDTH}px`, height: `${IMAGE_HEIGHT}px` }} />
}
