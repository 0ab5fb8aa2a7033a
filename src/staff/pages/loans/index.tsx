import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { Page } from '../../../components/Page'
import { Empty, LoadFailed, Loading, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { APPLICATION_STATUSES, TRANSITIONS, type ApplicationStatus } from '../../../core/loan/status'
import { call, errorMessage } from '../../../services/api'

type Row = Output<Contracts['loan.bank.queue']>['applications'][number]

/** The bank officer's queue: only this bank's applications, phone and ID masked. */
export default function BankQueue() {
  const [rows, setRows] = useState<Row[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [form, setForm] = useState<Record<string, { note: string; amount: string; rate: string; term: string }>>({})
  const load = useCallback(() => {
    call('loan.bank.queue', {})
      .then((r) => setRows(r.applications))
      .catch((err) => setError(errorMessage(err)))
  }, [])
  useDidShow(load)

  const move = async (r: Row, status: ApplicationStatus) => {
    const f = form[r.id] ?? { note: '', amount: '', rate: '', term: '' }
    try {
      await call('loan.bank.update', {
        id: r.id,
        status,
        ...(status === 'needInfo' && f.note ? { note: f.note } : {}),
        ...(status === 'declined' && f.note ? { reason: f.note } : {}),
        ...(status === 'approved' ? { amount: Number(f.amount) || r.amount, annualRate: Number(f.rate) || undefined, termMonths: Number(f.term) || r.termMonths } : {})
      })
      Taro.showToast({ title: `已改为${APPLICATION_STATUSES[status]}`, icon: 'none' })
      load()
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!rows) return <Page><Loading /></Page>
  if (!rows.length) return <Page><Empty title='还没有申请' /></Page>
  return (
    <Page>
      <Section title={`共${rows.length}份`}>
        {rows.map((r) => {
          const f = form[r.id] ?? { note: '', amount: String(r.amount), rate: '', term: String(r.termMonths) }
          const set = (k: keyof typeof f, v: string) => setForm({ ...form, [r.id]: { ...f, [k]: v } })
          return (
            <View key={r.id} className='notice-text bank-app' style={{ borderBottom: '1px solid var(--c-line)' }}>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>
                {r.businessName} · {r.productName} · {r.amount}元/{r.termMonths}月 <Tag>{r.statusLabel}</Tag>
              </View>
              <View className='notice-text__body'>
                电话 {r.phone} · 身份证 {r.idNumber} · 信用代码 {r.creditCode}
              </View>
              <View className='notice-text__body'>
                月均流水{r.snapshot.averageTurnover}元（{r.snapshot.months}个月）· 评估{r.snapshot.score}分 · 年报{r.snapshot.annualReportFiled ? '已报' : '未报'} · {r.snapshot.abnormal ? '经营异常' : '无经营异常'}
              </View>
              {TRANSITIONS[r.status].includes('approved') ? (
                <View className='groups' style={{ padding: '8px 0', alignItems: 'center' }}>
                  <Text>金额</Text>
                  <Input className='input chip' type='number' name='approveAmount' style={{ width: '90px' }} value={f.amount} onInput={(e) => set('amount', e.detail.value)} />
                  <Text>年利率%</Text>
                  <Input className='input chip' type='digit' name='approveRate' style={{ width: '60px' }} value={f.rate} onInput={(e) => set('rate', e.detail.value)} />
                  <Text>月</Text>
                  <Input className='input chip' type='number' name='approveTerm' style={{ width: '50px' }} value={f.term} onInput={(e) => set('term', e.detail.value)} />
                </View>
              ) : null}
              {TRANSITIONS[r.status].some((s) => s === 'needInfo' || s === 'declined') ? (
                <Input className='input chip' name='bankNote' style={{ textAlign: 'left', width: '100%' }} placeholder='需补充的材料或未通过原因' value={f.note} onInput={(e) => set('note', e.detail.value)} />
              ) : null}
              <View className='groups' style={{ padding: '8px 0' }}>
                {TRANSITIONS[r.status].map((s) => (
                  <View key={s} className='chip chip--on' onClick={() => move(r, s)}>
                    {APPLICATION_STATUSES[s]}
                  </View>
                ))}
              </View>
            </View>
          )
        })}
      </Section>
    </Page>
  )
}
