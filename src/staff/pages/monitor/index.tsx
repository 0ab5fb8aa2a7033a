import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { useFormErrors } from '../../../components/useFormErrors'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'
import { Chart } from '../../components/Chart'
import { openExport } from '../../../services/openFile'
import './index.css'

type Dash = Output<Contracts['monitor.dashboard']>
type Service = Output<Contracts['monitor.serviceMonth']>
interface Filters {
  marketId: string
  from: string
  to: string
}

/** The query of the filters: the period once one is known (the first load takes the server's this-month). */
export const queryOf = (f: Filters) => ({ ...(f.marketId !== 'all' ? { marketId: f.marketId } : {}), ...(f.from && f.to ? { from: f.from, to: f.to } : {}) })

/**
 * 监测分析: the regulator's region at a glance for a market and a period. Every number taps through
 * to the list behind it; the charts show their numbers as text too; 导出月报 and 服务月报告 use
 * the same filters.
 */
export default function Monitor() {
  const [f, setF] = useState<Filters>({ marketId: 'all', from: '', to: '' })
  const [data, setData] = useState<Dash | null>(null)
  const [failed, setFailed] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [service, setService] = useState<Service | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const errors = useFormErrors()
  const seq = useRef(0)

  const load = async (next: Filters) => {
    const mine = ++seq.current
    setLoading(true)
    errors.setFormError(null)
    try {
      const d = await call('monitor.dashboard', queryOf(next))
      if (mine !== seq.current) return
      setData(d)
      setFailed(null)
      // the pickers show the period the figures are for (the server's this-month at first)
      setF({ ...next, from: d.scope.from, to: d.scope.to })
      errors.setError('from', '')
      errors.setError('to', '')
    } catch (err) {
      if (mine !== seq.current) return
      // a refused period keeps what was picked, with the reason under the field
      if (data) errors.fail(err)
      else setFailed(errorMessage(err))
    } finally {
      if (mine === seq.current) setLoading(false)
    }
  }
  const shown = useRef(false)
  useDidShow(() => {
    if (!shown.current) void load(f)
    shown.current = true
  })
  const change = (patch: Partial<Filters>) => {
    const next = { ...f, ...patch }
    setF(next)
    setService(null)
    void load(next)
  }

  const exportFile = async (figure: 'monthly') => {
    setStatus('正在生成Excel文件…')
    try {
      setStatus(await openExport(await call('monitor.export', { figure, ...queryOf(f) })))
    } catch (err) {
      setStatus(errorMessage(err))
    }
  }
  const serviceReport = async (xlsx: boolean) => {
    setStatus(xlsx ? '正在生成Excel文件…' : null)
    try {
      const r = await call('monitor.serviceMonth', { ...queryOf(f), xlsx })
      setService(r)
      if (r.file) setStatus(await openExport(r.file))
    } catch (err) {
      setStatus(errorMessage(err))
    }
  }

  if (failed) return <Page><LoadFailed message={failed} /></Page>
  if (!data) return <Page><Loading /></Page>
  const marketOptions: Record<string, string> = { all: '全部市场', ...Object.fromEntries(data.markets.map((m) => [m.id, m.name])) }
  const open = (figure: string) => Taro.navigateTo({ url: `/staff/pages/monitor/list?${Object.entries({ figure, ...queryOf(f) }).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` })
  return (
    <Page className='monitor'>
      <Section title={`监测分析 · ${data.scope.regionName ?? '全部地区'}`}>
        <SelectCell id='monitorMarket' label='市场' options={marketOptions} value={f.marketId} onChange={(k) => change({ marketId: k })} />
        <Picker mode='date' value={f.from} end={f.to || undefined} onChange={(e) => change({ from: String(e.detail.value) })}>
          <Cell label='开始日期' arrow>
            <Text className='picker-value' id='monitorFrom-value'>{f.from}</Text>
          </Cell>
        </Picker>
        {errors.fieldError('from')}
        <Picker mode='date' value={f.to} start={f.from || undefined} onChange={(e) => change({ to: String(e.detail.value) })}>
          <Cell label='结束日期' arrow>
            <Text className='picker-value' id='monitorTo-value'>{f.to}</Text>
          </Cell>
        </Picker>
        {errors.fieldError('to')}
      </Section>
      {errors.formNotice}
      {loading ? <Notice>正在更新数字…</Notice> : null}

      <Section title='图表'>
        <Chart kind='line' title='新加入的个体户（按月）' unit='户' data={data.charts.newByMonth} />
        <Chart kind='pie' title='分型（我们的估计）' unit='户' data={data.charts.byType} showTotal />
        <Chart kind='bar' title='诉求类别（所选时间段）' unit='件' data={data.charts.complaintsByCategory} />
      </Section>

      {data.groups.map((g) => (
        <Section key={g.id} title={g.title}>
          {g.figures.map((x) => (
            <View key={x.id} className='monitor-figure'>
              <Cell
                label={x.label}
                value={<Text className='monitor-figure__value' id={`fig-${x.id.replace(':', '-')}`}>{x.value === null ? '暂无' : `${x.value}${x.unit}`}</Text>}
                arrow={!!x.figure}
                onClick={x.figure ? () => open(x.figure!) : undefined}
              />
              {x.note ? <Text className='monitor-figure__note'>{x.note}</Text> : null}
            </View>
          ))}
        </Section>
      ))}

      <Section title='报表'>
        <View className='monitor-actions'>
          <PrimaryButton onClick={() => void exportFile('monthly')}>导出月报</PrimaryButton>
          <SecondaryButton onClick={() => void serviceReport(false)}>服务月报告</SecondaryButton>
        </View>
        {status ? <Text className='monitor-status' id='monitor-status'>{status}</Text> : null}
      </Section>
      {service ? (
        <Section title={`服务月报告 ${service.scope.from} 至 ${service.scope.to}`} footer={service.notes.join('')}>
          {service.lines.map((l) => (
            <View key={l.key} className='monitor-figure'>
              <Cell label={l.label} value={`${l.value}${l.unit}`} />
              <Text className='monitor-figure__note'>参照《{service.source}》：“{l.quote}”</Text>
            </View>
          ))}
          <View className='monitor-actions'>
            <PrimaryButton onClick={() => void serviceReport(true)}>导出服务月报告</PrimaryButton>
          </View>
        </Section>
      ) : null}
      <Section footer={data.notes.join('')}>{null}</Section>
    </Page>
  )
}
