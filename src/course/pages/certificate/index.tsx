import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { LoadFailed, Loading, Notice, PrimaryButton } from '../../../components/ui'
import { formatCode } from '../../../core/course/certificateCode'
import { call, errorMessage } from '../../../services/api'
import { issuedOnText, issuerLine, type Certificate } from '../../certificateArt'
import { CertificateImageCanvas, CertificateQr } from '../../components/CertificateCanvas'
import { saveCertificateImage } from '../../saveCertificate'
import './index.css'

/** CSS pixels of the QR on the page: large enough for an officer's phone to scan from arm's length. */
const QR_SIZE = 150

/**
 * A certificate the owner can show on their phone or save as a picture: name, course, score, who
 * runs the course, the date, the serial, and a verification code (also as a QR) an officer checks.
 */
export default function CertificatePage() {
  const [c, setC] = useState<Certificate | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  useDidShow(() => {
    call('course.certificate.get', {})
      .then(setC)
      .catch((err) => setError(errorMessage(err)))
  })
  const save = async () => {
    if (!c) return
    setSaving(true)
    setSaveError(null)
    try {
      const done = await saveCertificateImage(c)
      if (done) Taro.showToast({ title: done, icon: 'success' })
    } catch (err) {
      setSaveError((err as Error)?.message || '保存失败，请稍后再试，或截屏保存')
    } finally {
      setSaving(false)
    }
  }
  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!c) return <Page><Loading /></Page>
  return (
    <Page>
      <View className='certificate' id='certificate'>
        <Text className='certificate__title'>结业证书</Text>
        <Text className='certificate__name'>{c.businessName}</Text>
        <Text className='certificate__line'>参加“{c.courseTitle}”学习，</Text>
        <Text className='certificate__line'>学完全部课程，</Text>
        <Text className='certificate__line'>结业测验成绩 {c.percent} 分，准予结业。</Text>
        <View className='certificate__qrbox'>
          <CertificateQr code={c.code} size={QR_SIZE} />
        </View>
        <Text className='certificate__code' id='cert-code'>核验码 {formatCode(c.code)}</Text>
        <Text className='certificate__line'>证书编号 {c.serial}</Text>
        {/* the issuer on its own line: a long department name wraps by itself, not after “主办单位：” */}
        <View id='cert-issuer'>
          {c.issuer ? (
            <>
              <Text className='certificate__line certificate__label'>主办单位</Text>
              <Text className='certificate__line'>{c.issuer}</Text>
            </>
          ) : (
            <Text className='certificate__line'>{issuerLine(c)}</Text>
          )}
        </View>
        <Text className='certificate__line'>{issuedOnText(c.issuedOn)}</Text>
      </View>
      <View className='notice-text'>
        <Text className='notice-text__body'>市场监管工作人员扫证书上的二维码，或输入核验码，就能核对这张证书是不是真的。</Text>
      </View>
      {saveError ? (
        <View id='cert-save-error'>
          <Notice tone='error'>{saveError}</Notice>
        </View>
      ) : null}
      <View className='actions'>
        <PrimaryButton loading={saving} onClick={save}>{process.env.TARO_ENV === 'h5' ? '下载证书图片' : '保存到相册'}</PrimaryButton>
      </View>
      <CertificateImageCanvas />
    </Page>
  )
}
