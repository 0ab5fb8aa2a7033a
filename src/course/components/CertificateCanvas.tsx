import { Image, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { certificateQrText } from '../../core/course/certificateCode'
import { drawQr, qrModules } from '../certificateArt'

/**
 * The certificate's QR code in the browser (H5): drawn on a detached canvas and shown as an image.
 * CertificateCanvas.weapp.tsx is the mini-program's.
 */
export function CertificateQr({ code, size }: { code: string; size: number }) {
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = size * 2
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    ctx.scale(2, 2)
    drawQr(ctx, qrModules(certificateQrText(code)), 0, 0, size)
    setSrc(canvas.toDataURL('image/png'))
  }, [code, size])
  const style = { width: `${size}px`, height: `${size}px` }
  return src ? <Image id='cert-qr' className='certificate__qr' src={src} style={style} mode='scaleToFill' /> : <View className='certificate__qr' style={style} />
}

/** The browser draws the picture to save on a detached canvas (saveCertificate.h5.ts): nothing on the page. */
export function CertificateImageCanvas() {
  return null
}
