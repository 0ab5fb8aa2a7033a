import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, Empty, LoadFailed, Loading, Notice, PrimaryButton, Section, SecondaryButton, Tag } from '../../../components/ui'
import type { VisitRow } from '../../../core/visit/contract'
import { stallCodeFrom } from '../../../core/visit/scan'
import { call, errorMessage } from '../../../services/api'

type Counts = Array<{ kind: string; label: string; count: number | null }>

/**
 * 走访问需: the region's households to visit and why (several reasons merged per household), the
 * last visit of each, 扫码走访 at the stall, and a tap on a row to start a visit without scanning.
 */
export default function VisitList() {
  const [rows, setRows] = useState<VisitRow[] | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const [markets, setMarkets] = useState<Array<{ id: string; name: string }>>([])
  const [counts, setCounts] = useState<Counts>([])
  const [error, setError] = useState<string | null>(null)
  const [scanError, setScanError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [market, setMarket] = useState<string>('')
  const marketRef = useRef('')

  const load = async (cursor?: string) => {
    const r = await call('visit.list', { ...(marketRef.current ? { marketId: marketRef.current } : {}), ...(cursor ? { cursor } : {}), limit: 20 })
    setMarkets(r.markets)
    setCounts(r.counts)
    setNext(r.nextCursor)
    return r.items
  }
  const reload = () =>
    load()
      .then((items) => {
        setRows(items)
        setError(null)
      })
      .catch((err) => setError(errorMessage(err)))
  useDidShow(() => void reload())

  const more = async () => {
    if (!next || loadingMore) return
    setLoadingMore(true)
    try {
      const items = await load(next)
      setRows((r) => [...(r ?? []), ...items])
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoadingMore(false)
    }
  }

  const scan = async () => {
    setScanError(null)
    try {
      const r = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      const code = stallCodeFrom((r as { path?: string }).path, r.result)
      if (!code) return setScanError('这不是摊位二维码，请扫市场发放的摊位码')
      void Taro.navigateTo({ url: `/staff/pages/visit/index?scene=${code}` })
    } catch (err) {
      // closing the scanner is not an error
      if (!/cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? ''))) setScanError('没能扫到二维码，请再试一次')
    }
  }

  const options = [{ id: '', name: '全部市场' }, ...markets, { id: 'none', name: '不在市场内' }]
  const pickMarket = (i: number) => {
    const id = options[i]?.id ?? ''
    marketRef.current = id
    setMarket(id)
    setRows(null)
    void reload()
  }

  if (error && !rows) return <Page><LoadFailed message={error} /></Page>
  return (
    <Page>
      <View className='hero'>
        <View className='hero__name'>走访问需</View>
        <View className='hero__meta'>到摊位上扫摊位码，或在名单里点一户开始走访。</View>
      </View>
      <View className='actions'>
        <PrimaryButton onClick={() => void scan()}>扫码走访</PrimaryButton>
        <SecondaryButton onClick={() => void Taro.navigateTo({ url: '/staff/pages/followups/index' })}>跟进事项</SecondaryButton>
      </View>
      {scanError ? <View id='scan-error'><Notice tone='error'>{scanError}</Notice></View> : null}
      <Section title='名单范围'>
        <Picker mode='selector' range={options.map((o) => o.name)} value={Math.max(0, options.findIndex((o) => o.id === market))} onChange={(e) => pickMarket(Number(e.detail.value))}>
          <Cell label='市场' arrow>
            <Text className='picker-value' id='market-value'>{options.find((o) => o.id === market)?.name ?? '全部市场'}</Text>
          </Cell>
        </Picker>
        {counts.filter((c) => c.count !== null).map((c) => <Cell key={c.kind} wide label={c.label} value={`${c.count}户`} />)}
      </Section>
      <Section
        title='走访名单'
        footer='列入原因（本平台口径）：诉求超过办理期限或经营者催办过；年报过了6月30日仍没有报送记录；登记的证照已过期；分型为生存型（我们的估计）；登记名录中有、从未加入小程序。参考：甘州区《关于做好2024年度扶持个体工商户发展的通知》（征求意见稿）第23条“推行个体工商户未年报时必访、经营困难时必访、分类入库时必访”。经营者姓名已隐去部分。'
      >
        {!rows ? <Loading /> : rows.length ? (
          rows.map((r) => (
            <View key={r.id} className='visit-row cell--link' onClick={() => void Taro.navigateTo({ url: `/staff/pages/visit/index?code=${r.code}` })}>
              <View className='visit-row__head'>
                <Text className='visit-row__name'>{r.businessName}</Text>
                <Text className='visit-row__go'>去走访 ›</Text>
              </View>
              <View className='visit-row__tags'>
                {r.reasons.map((x) => <Tag key={x.kind} tone={x.kind === 'help' || x.kind === 'permitExpired' || x.kind === 'annualOverdue' ? 'orange' : 'gray'}>{x.label}</Tag>)}
              </View>
              {r.reasons.filter((x) => x.detail).map((x) => <View key={x.kind} className='visit-row__meta'>{x.label}：{x.detail}</View>)}
              <View className='visit-row__meta'>
                {[r.operator ? `经营者 ${r.operator}` : null, r.marketName, r.lastVisitedOn ? `上次走访 ${r.lastVisitedOn}` : '还没有走访记录'].filter(Boolean).join(' · ')}
              </View>
            </View>
          ))
        ) : (
          <Empty title='名单里暂时没有需要走访的经营户' />
        )}
      </Section>
      {rows && next ? (
        <View className='actions'>
          <SecondaryButton onClick={() => void more()}>{loadingMore ? '正在加载…' : '加载更多'}</SecondaryButton>
        </View>
      ) : null}
      {error && rows ? <Notice tone='error'>{error}</Notice> : null}
    </Page>
  )
}
