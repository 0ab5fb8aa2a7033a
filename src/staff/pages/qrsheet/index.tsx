import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { Empty, LoadFailed, Loading, Notice, PrimaryButton } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'
import './index.css'

type Sheet = Output<Contracts['admin.qr.sheet']>

export default function QrSheet() {
  const { marketId } = useRouter().params
  const [sheet, setSheet] = useState<Sheet | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!marketId) return setError('缺少市场编号')
    let stop = false
    ;(async () => {
      try {
        // A large market's images are made over several calls (wxacode is rate-limited).
        for (let i = 0; i < 30 && !stop; i++) {
          const s = await call('admin.qr.sheet', { marketId })
          setSheet(s)
          if (s.pending === 0) break
        }
      } catch (err) {
        setError(errorMessage(err))
      }
    })()
    return () => {
      stop = true
    }
  }, [marketId])

  const print = () => {
    if (process.env.TARO_ENV === 'h5') window.print()
    else Taro.showToast({ title: '长按二维码可保存到相册后打印', icon: 'none' })
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!sheet) return <Page><Loading /></Page>
  return (
    <Page className='qrsheet'>
      <View className='qrsheet__head'>
        <Text className='qrsheet__title'>{sheet.market.name}</Text>
        <Text className='qrsheet__sub'>{sheet.market.address} · 微信扫码建档、查政策、办事</Text>
      </View>
      {sheet.pending > 0 ? <Notice tone='warn'>还有{sheet.pending}个二维码正在生成…</Notice> : null}
      {sheet.items.length === 0 && sheet.pending === 0 ? <Empty title='这个市场还没有摊位'>先在“市场与摊位”里添加摊位。</Empty> : null}
      <View className='qrsheet__grid'>
        {sheet.items.map((it) => (
          <View className='qrsheet__item' key={it.stallId}>
            {/* codes are square: scaleToFill is exact, and aspectFit mis-positions the H5 img */}
            <Image className='qrsheet__img' src={it.imageUrl} mode='scaleToFill' showMenuByLongpress />
            <View className='qrsheet__number'>摊位 {it.number}</View>
            <View className='qrsheet__code'>{it.code}</View>
          </View>
        ))}
      </View>
      <View className='actions qrsheet__actions'>
        <PrimaryButton onClick={print}>打印</PrimaryButton>
      </View>
    </Page>
  )
}
