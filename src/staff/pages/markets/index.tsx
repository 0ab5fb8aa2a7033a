import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { AreaPicker } from '../../../components/AreaPicker'
import { Page } from '../../../components/Page'
import { Cell, Empty, Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { ApiError, call, errorMessage, newRequestId } from '../../../services/api'
import { useSession } from '../../../store/session'

type Market = Output<Contracts['admin.market.list']>['markets'][number]

/** "A-" from 1 to 12 → A-01 … A-12: stalls are usually numbered in runs. */
export function stallNumbers(prefix: string, from: number, to: number): string[] {
  const width = Math.max(2, String(to).length)
  const out: string[] = []
  for (let n = from; n <= to && out.length < 200; n++) out.push(`${prefix}${String(n).padStart(width, '0')}`)
  return out
}

export default function Markets() {
  const { data } = useSession()
  const [markets, setMarkets] = useState<Market[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [creating, setCreating] = useState({ name: '', region: '', address: '' })
  const [createError, setCreateError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [openId, setOpenId] = useState<string | null>(null)
  const [range, setRange] = useState({ prefix: 'A-', from: '1', to: '10' })
  const [requestId, setRequestId] = useState(newRequestId)

  const load = useCallback(async () => {
    try {
      setMarkets((await call('admin.market.list', {})).markets)
      setError(null)
    } catch (err) {
      setError(errorMessage(err))
    }
  }, [])
  useDidShow(() => {
    void load()
  })

  const createMarket = async () => {
    setBusy(true)
    setCreateError(null)
    try {
      await call('admin.market.create', { ...creating, region: creating.region || data?.staff?.region || '' }, { requestId })
      setCreating({ name: '', region: '', address: '' })
      setRequestId(newRequestId())
      await load()
      Taro.showToast({ title: '市场已创建', icon: 'success' })
    } catch (err) {
      setCreateError(err instanceof ApiError && err.details.length ? err.details.map((d) => d.message).join('；') : errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const addStalls = async (marketId: string) => {
    const from = Number(range.from)
    const to = Number(range.to)
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from || to - from >= 200) {
      Taro.showToast({ title: '编号范围不对（一次最多200个）', icon: 'none' })
      return
    }
    setBusy(true)
    try {
      const r = await call('admin.stall.create', { marketId, numbers: stallNumbers(range.prefix.trim(), from, to) }, { requestId: newRequestId() })
      Taro.showToast({ title: `新增${r.created.length}个${r.existing.length ? `，${r.existing.length}个已存在` : ''}`, icon: 'none' })
      await load()
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  if (!data) return <Page><Loading /></Page>
  return (
    <Page>
      {error ? <Notice tone='error'>{error}</Notice> : null}
      {markets === null && !error ? <Loading /> : null}
      {markets?.length === 0 ? <Empty title='还没有市场'>在下面新建第一个市场。</Empty> : null}
      {markets?.length ? (
        <Section title='我负责的市场'>
          {markets.map((m) => (
            <View key={m.id} className='cell-group'>
              <Cell label={m.name} value={`${m.stallCount}个摊位`} arrow onClick={() => setOpenId(openId === m.id ? null : m.id)} />
              {openId === m.id ? (
                <View className='notice-text'>
                  <Text>{m.address}</Text>
                  <View className='groups' style={{ padding: '8px 0', alignItems: 'center' }}>
                    <Text>编号</Text>
                    <Input className='input chip' style={{ width: '70px', textAlign: 'center' }} value={range.prefix} onInput={(e) => setRange({ ...range, prefix: e.detail.value })} />
                    <Text>从</Text>
                    <Input className='input chip' type='number' style={{ width: '60px', textAlign: 'center' }} value={range.from} onInput={(e) => setRange({ ...range, from: e.detail.value })} />
                    <Text>到</Text>
                    <Input className='input chip' type='number' style={{ width: '60px', textAlign: 'center' }} value={range.to} onInput={(e) => setRange({ ...range, to: e.detail.value })} />
                  </View>
                  <View className='actions' style={{ paddingTop: '8px' }}>
                    <SecondaryButton onClick={() => addStalls(m.id)}>按编号添加摊位</SecondaryButton>
                    <PrimaryButton onClick={() => Taro.navigateTo({ url: `/staff/pages/qrsheet/index?marketId=${m.id}` })}>查看并打印二维码</PrimaryButton>
                  </View>
                </View>
              ) : null}
            </View>
          ))}
        </Section>
      ) : null}

      <Section title='新建市场'>
        <Cell label='市场名称'>
          <Input className='input' name='marketName' placeholder='如：东门农贸市场' maxlength={40} value={creating.name} onInput={(e) => setCreating({ ...creating, name: e.detail.value })} />
        </Cell>
        <AreaPicker id='marketRegion' label='所在地区' whole value={creating.region || data.staff?.region || ''} onChange={(code) => setCreating({ ...creating, region: code })} />
        <Cell label='详细地址'>
          <Input className='input' name='marketAddress' placeholder='街道门牌' maxlength={80} value={creating.address} onInput={(e) => setCreating({ ...creating, address: e.detail.value })} />
        </Cell>
      </Section>
      {createError ? <Notice tone='error'>{createError}</Notice> : null}
      <View className='actions'>
        <PrimaryButton loading={busy} onClick={createMarket}>新建市场</PrimaryButton>
      </View>
    </Page>
  )
}
