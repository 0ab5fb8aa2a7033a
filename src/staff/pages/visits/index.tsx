import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { usePaged } from '../../../components/usePaged'
import { Cell, Empty, LoadFailed, Loading, Section } from '../../../components/ui'
import type { CoverageRow, Visit } from '../../../core/verify/contract'
import { call, errorMessage } from '../../../services/api'

const line = (r: Omit<CoverageRow, 'marketId' | 'name'>) => `登记${r.inRegister}户 · 已加入${r.joined} · 已核验${r.verified} · 未加入${r.neverJoined}`

/**
 * 覆盖与走访: per market, businesses in the register, joined (bound to an account), verified and
 * never joined; a market's never-joined businesses are its 走访名单. The list is our reading: seed 001
 * measure 23 names moments to visit (未年报时必访…), not this list; the footer quotes it as a reference.
 */
export default function Coverage() {
  const [rows, setRows] = useState<CoverageRow[] | null>(null)
  const [totals, setTotals] = useState<Omit<CoverageRow, 'marketId' | 'name'> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [market, setMarket] = useState<CoverageRow | null>(null)
  const marketRef = useRef<string>('')
  const visits = usePaged<Visit>(async (cursor, limit) => call('user.coverage.visits', { marketId: marketRef.current, ...(cursor ? { cursor } : {}), limit }))
  useDidShow(() => {
    call('user.coverage', {})
      .then((r) => {
        setRows(r.markets)
        setTotals(r.totals)
      })
      .catch((err) => setError(errorMessage(err)))
  })
  const open = (r: CoverageRow) => {
    marketRef.current = r.marketId ?? 'none'
    setMarket(r)
    void visits.reset(true)
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!rows || !totals) return <Page><Loading /></Page>
  return (
    <Page>
      <View className='hero' id='coverage-totals'>
        <View className='hero__name'>辖区登记{totals.inRegister}户，已核验{totals.verified}户</View>
        <View className='hero__meta'>已加入{totals.joined}户（已绑定微信号，含待核验） · 从未加入{totals.neverJoined}户。登记数来自导入的登记名录。</View>
      </View>
      <Section title='走访问需'>
        <Cell label='走访名单（含各种原因）' value='扫码走访、记录需求、跟进事项' arrow onClick={() => void Taro.navigateTo({ url: '/staff/pages/visitlist/index' })} />
      </Section>
      <Section title='按市场（点开看走访名单）'>
        {rows.length ? rows.map((r) => <Cell key={r.marketId ?? 'none'} wide arrow label={r.name} value={line(r)} onClick={() => open(r)} />) : <Cell label='辖区还没有登记名录' />}
      </Section>
      {market ? (
        <View id='visit-list'>
          <Section title={`${market.name} · 走访名单（从未加入${visits.items ? visits.total : market.neverJoined}户）`} footer='本平台口径：登记名录中有、从未加入的经营户列为走访名单。参考：甘州区《关于做好2024年度扶持个体工商户发展的通知》（征求意见稿）第23条“推行个体工商户未年报时必访、经营困难时必访、分类入库时必访”。经营者姓名已隐去部分。'>
            {visits.error ? <Cell label={visits.error} /> : !visits.items ? <Loading /> : visits.items.length ? (
              visits.items.map((v) => (
                <View key={v.id} className='notice-text visit' style={{ borderBottom: '1px solid var(--c-line)' }}>
                  <View className='notice-text__heading' style={{ marginTop: 0 }}>{v.name}</View>
                  <View className='notice-text__body'>经营者 {v.operator} · {v.address}</View>
                  <Text className='grid__hint'>
                    信用代码 <Text className='code'>{v.creditCode}</Text>
                  </Text>
                  <View className='notice-text__body'>
                    <Text className='link' onClick={() => void Taro.navigateTo({ url: `/staff/pages/visit/index?code=${v.creditCode}` })}>记录走访 ›</Text>
                  </View>
                </View>
              ))
            ) : (
              <Empty title='这里登记的经营户都已加入' />
            )}
          </Section>
          {visits.items ? <LoadMore shown={visits.items.length} total={visits.total} more={visits.more} beyond={visits.beyond} loading={visits.loadingMore} onMore={visits.loadMore} unit='户' /> : null}
        </View>
      ) : null}
    </Page>
  )
}
