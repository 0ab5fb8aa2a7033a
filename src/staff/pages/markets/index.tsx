import { Input, Switch, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { AreaPicker } from '../../../components/AreaPicker'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { useFormErrors } from '../../../components/useFormErrors'
import { Cell, Empty, Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import { rangeProblem, stallNumbers } from '../../../core/admin/stallRange'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage, newRequestId } from '../../../services/api'
import { useSession } from '../../../store/session'

type Market = Output<Contracts['admin.market.list']>['markets'][number]
type StaffStall = Output<Contracts['admin.stall.list']>['stalls'][number]

/** A stall's own sharing setting, as the picker offers it. */
type StallSharing = 'market' | 'yes' | 'no'
const sharingOf = (s: StaffStall): StallSharing => (s.allowShared === null ? 'market' : s.allowShared ? 'yes' : 'no')

export default function Markets() {
  const { data } = useSession()
  const [markets, setMarkets] = useState<Market[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [creating, setCreating] = useState({ name: '', region: '', address: '' })
  const form = useFormErrors()
  const [busy, setBusy] = useState(false)
  const [openId, setOpenId] = useState<string | null>(null)
  const [range, setRange] = useState({ prefix: 'A-', from: '1', to: '10' })
  const [rangeError, setRangeError] = useState<string | null>(null)
  const [requestId, setRequestId] = useState(newRequestId)
  /** the open market's stalls, when the regulator asked to see them */
  const [stalls, setStalls] = useState<StaffStall[] | null>(null)
  const [stallsError, setStallsError] = useState<string | null>(null)

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

  const open = (id: string) => {
    setOpenId(openId === id ? null : id)
    setStalls(null)
    setStallsError(null)
    setRangeError(null)
  }

  const createMarket = async () => {
    const name = creating.name.trim()
    const address = creating.address.trim()
    const region = creating.region || data?.staff?.region || ''
    const missing: Record<string, string> = {}
    if (!name) missing.name = '请填写市场名称'
    if (!region) missing.region = '请选择市场所在地区'
    if (!address) missing.address = '请填写市场的详细地址'
    if (!form.check(missing)) return
    setBusy(true)
    try {
      await call('admin.market.create', { name, region, address }, { requestId })
      setCreating({ name: '', region: '', address: '' })
      setRequestId(newRequestId())
      await load()
      Taro.showToast({ title: '市场已创建', icon: 'success' })
    } catch (err) {
      // the server's field messages go under their fields; what typed stays
      form.fail(err)
    } finally {
      setBusy(false)
    }
  }

  const addStalls = async (marketId: string) => {
    const problem = rangeProblem(range.prefix, range.from, range.to)
    setRangeError(problem)
    if (problem) return
    setBusy(true)
    try {
      const r = await call('admin.stall.create', { marketId, numbers: stallNumbers(range.prefix.trim(), Number(range.from), Number(range.to)) }, { requestId: newRequestId() })
      Taro.showToast({ title: `新增${r.created.length}个${r.existing.length ? `，${r.existing.length}个已存在` : ''}`, icon: 'none' })
      await load()
      if (stalls) await loadStalls(marketId)
    } catch (err) {
      setRangeError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const setMarketSharing = async (m: Market, allowShared: boolean) => {
    try {
      const next = await call('admin.market.sharing', { marketId: m.id, allowShared })
      setMarkets((list) => list?.map((x) => (x.id === m.id ? next : x)) ?? null)
      Taro.showToast({ title: allowShared ? '已允许一个摊位绑定多户' : '已改为一个摊位只绑定一户', icon: 'none' })
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  const loadStalls = async (marketId: string) => {
    try {
      setStalls((await call('admin.stall.list', { marketId })).stalls)
      setStallsError(null)
    } catch (err) {
      setStallsError(errorMessage(err))
    }
  }

  const setStallSharing = async (s: StaffStall, choice: StallSharing) => {
    try {
      const next = await call('admin.stall.sharing', { stallId: s.id, allowShared: choice === 'market' ? null : choice === 'yes' })
      setStalls((list) => list?.map((x) => (x.id === s.id ? next : x)) ?? null)
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
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
              <Cell label={m.name} wide value={`${m.stallCount}个摊位`} arrow onClick={() => open(m.id)} />
              {openId === m.id ? (
                <View className='notice-text' id='market-detail'>
                  <Text>{m.address}</Text>
                  <View className='market-sharing'>
                    <View className='market-sharing__text'>
                      <View>一个摊位可绑定多户</View>
                      <View className='cell__hint'>
                        {m.allowShared
                          ? '已允许：扫到已被绑定摊位的经营者，可以作为另一户绑定。'
                          : '未允许：扫到已被绑定的摊位，只能申请转到自己名下，由您审核。'}
                      </View>
                    </View>
                    <Switch id='market-sharing-switch' checked={m.allowShared} color='#07c160' onChange={(e) => setMarketSharing(m, e.detail.value)} />
                  </View>
                  <View className='stall-range'>
                    <Text className='stall-range__label'>编号</Text>
                    <Input className='input stall-range__input stall-range__input--prefix' name='rangePrefix' value={range.prefix} onInput={(e) => setRange({ ...range, prefix: e.detail.value })} />
                    <Text className='stall-range__label'>从</Text>
                    <Input className='input stall-range__input' name='rangeFrom' type='number' value={range.from} onInput={(e) => setRange({ ...range, from: e.detail.value })} />
                    <Text className='stall-range__label'>到</Text>
                    <Input className='input stall-range__input' name='rangeTo' type='number' value={range.to} onInput={(e) => setRange({ ...range, to: e.detail.value })} />
                  </View>
                  {rangeError ? <Text className='field-error market-range-error' id='error-range'>{rangeError}</Text> : null}
                  <View className='actions' style={{ paddingTop: '8px' }}>
                    <SecondaryButton onClick={() => addStalls(m.id)}>按编号添加摊位</SecondaryButton>
                    <PrimaryButton onClick={() => Taro.navigateTo({ url: `/staff/pages/qrsheet/index?marketId=${m.id}` })}>查看并打印二维码</PrimaryButton>
                    {stalls === null ? <SecondaryButton onClick={() => loadStalls(m.id)}>逐个摊位设置</SecondaryButton> : null}
                  </View>
                  {stallsError ? <Notice tone='error'>{stallsError}</Notice> : null}
                </View>
              ) : null}
              {openId === m.id && stalls ? (
                <View id='market-stalls'>
                  <View className='section__footer'>每个摊位可以单独设置能否绑定多户；“跟随市场”按上面的开关。</View>
                  {stalls.length === 0 ? <Empty title='还没有摊位' /> : null}
                  {stalls.map((s) => (
                    <SelectCell
                      key={s.id}
                      id={`stall-${s.number}`}
                      label={`${s.number} · ${s.businesses ? `已绑定${s.businesses}户` : '空闲'}`}
                      options={{ market: `跟随市场（${m.allowShared ? '可多户' : '只一户'}）`, yes: '可绑定多户', no: '只绑定一户' }}
                      value={sharingOf(s)}
                      onChange={(k) => setStallSharing(s, k)}
                    />
                  ))}
                </View>
              ) : null}
            </View>
          ))}
        </Section>
      ) : null}

      <Section title='新建市场'>
        <Cell label='市场名称'>
          <Input className='input' name='marketName' placeholder='如：东门农贸市场' maxlength={40} value={creating.name} onInput={(e) => {
            setCreating({ ...creating, name: e.detail.value })
            form.setError('name', '')
          }} />
        </Cell>
        {form.fieldError('name')}
        <AreaPicker id='marketRegion' label='所在地区' whole value={creating.region || data.staff?.region || ''} onChange={(code) => {
          setCreating({ ...creating, region: code })
          form.setError('region', '')
        }} />
        {form.fieldError('region')}
        <Cell label='详细地址'>
          <Input className='input' name='marketAddress' placeholder='街道门牌' maxlength={80} value={creating.address} onInput={(e) => {
            setCreating({ ...creating, address: e.detail.value })
            form.setError('address', '')
          }} />
        </Cell>
        {form.fieldError('address')}
      </Section>
      {form.formNotice}
      <View className='actions'>
        <PrimaryButton loading={busy} onClick={createMarket}>新建市场</PrimaryButton>
      </View>
    </Page>
  )
}
