import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { useListOnShow, usePaged } from '../../../components/usePaged'
import { Cell, Empty, LoadFailed, Loading, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { ACTION_LABELS, checkDecision, CONFIRMED, confirmText, type DecisionForm } from '../../../core/loan/decision'
import { TRANSITIONS, type ApplicationStatus } from '../../../core/loan/status'
import { ApiError, call, errorMessage } from '../../../services/api'

type Row = Output<Contracts['loan.bank.queue']>['applications'][number]

const blank = (r: Row): DecisionForm => ({ note: '', amount: String(r.amount), rate: '', term: String(r.termMonths) })

/**
 * The bank officer's queue: only this bank's applications, phone and ID masked, every one of them
 * a page at a time (加载更多). Approving, declining and recording a disbursement are told to the
 * applicant and cannot be undone, so each asks to confirm, naming the business; a missing or
 * wrong field is said next to it first.
 */
export default function BankQueue() {
  const list = usePaged<Row>(async (cursor, limit) => {
    const r = await call('loan.bank.queue', { ...(cursor ? { cursor } : {}), limit })
    return { items: r.applications, total: r.total, nextCursor: r.nextCursor }
  })
  const rows = list.items
  const [form, setForm] = useState<Record<string, DecisionForm>>({})
  const [errors, setErrors] = useState<Record<string, Record<string, string>>>({})
  const [busy, setBusy] = useState<string | null>(null)
  // what was loaded is refreshed in place when the page shows again; what was typed stays (by id)
  useListOnShow(list)

  const move = async (r: Row, status: ApplicationStatus) => {
    if (busy) return
    const checked = checkDecision(status, form[r.id] ?? blank(r))
    if (!checked.ok) {
      setErrors({ ...errors, [r.id]: checked.errors })
      return
    }
    setErrors({ ...errors, [r.id]: {} })
    if (CONFIRMED.includes(status)) {
      const { confirm } = await Taro.showModal({
        ...confirmText(status, r.businessName, checked.payload),
        // WeChat shows at most 4 characters on a modal's buttons
        confirmText: status === 'disbursed' ? '确认' : ACTION_LABELS[status],
        cancelText: '再想想'
      })
      if (!confirm) return
    }
    setBusy(r.id)
    try {
      const next = await call('loan.bank.update', { id: r.id, ...checked.payload })
      Taro.showToast({ title: `已${ACTION_LABELS[status]}`, icon: 'none' })
      const { [r.id]: _done, ...rest } = form
      setForm(rest)
      // only this application changed: the pages loaded below it stay where they are
      list.replace(next)
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {}
      if (Object.keys(fields).length) setErrors({ ...errors, [r.id]: fields })
      else Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  if (list.error) return <Page><LoadFailed message={list.error} /></Page>
  if (!rows) return <Page><Loading /></Page>
  if (!rows.length) return <Page><Empty title='还没有申请' /></Page>
  return (
    <Page>
      <Section title={`共${list.total}份`}>
        {rows.map((r) => {
          const f = form[r.id] ?? blank(r)
          const e = errors[r.id] ?? {}
          const set = (k: keyof DecisionForm, v: string) => {
            setForm({ ...form, [r.id]: { ...f, [k]: v } })
            // the red line goes once the field is changed
            const key = k === 'rate' ? 'annualRate' : k === 'term' ? 'termMonths' : k
            if (e[key] || (k === 'note' && e.reason)) {
              const { [key]: _a, ...restErrors } = e
              if (k === 'note') delete restErrors.reason
              setErrors({ ...errors, [r.id]: restErrors })
            }
          }
          const fieldError = (k: string) => (e[k] ? <Text className='field-error'>{e[k]}</Text> : null)
          const next = TRANSITIONS[r.status]
          const fit = r.snapshot.productFit
          return (
            <View key={r.id} className='bank-app' style={{ borderBottom: '8px solid #ededed', background: '#fff' }}>
              <View className='notice-text'>
                <View className='notice-text__heading' style={{ marginTop: 0 }}>
                  {r.businessName} · {r.productName} · {r.amount}元/{r.termMonths}个月 <Tag>{r.statusLabel}</Tag>
                </View>
                <View className='notice-text__body'>
                  电话 {r.phone} · 身份证 {r.idNumber} · 信用代码 {r.creditCode}
                </View>
                <View className='notice-text__body'>
                  月均流水{r.snapshot.averageTurnover}元（{r.snapshot.months}个月）· 评估{r.snapshot.score}分（本平台估算）· {r.snapshot.abnormal ? '经营异常' : '无经营异常'}
                </View>
                <View className='notice-text__body'>年报：{r.snapshot.annualReport}</View>
                {fit ? (
                  <View className='notice-text__body'>
                    {fit.fits
                      ? '本平台评估：适合这个产品'
                      : `本平台评估：暂不适合这个产品，申请人看过提示后仍申请（${fit.reasons.filter((x) => x.startsWith('✗')).map((x) => x.slice(2)).join('；')}）`}
                  </View>
                ) : null}
              </View>
              {next.includes('approved') ? (
                <View className='cells'>
                  <Cell label='批准金额（元）'>
                    <Input className='input' type='number' name='approveAmount' value={f.amount} onInput={(ev) => set('amount', ev.detail.value)} />
                  </Cell>
                  {fieldError('amount')}
                  <Cell label='年利率（%）'>
                    <Input className='input' type='digit' name='approveRate' placeholder='如 4.35' value={f.rate} onInput={(ev) => set('rate', ev.detail.value)} />
                  </Cell>
                  {fieldError('annualRate')}
                  <Cell label='期限（月）'>
                    <Input className='input' type='number' name='approveTerm' value={f.term} onInput={(ev) => set('term', ev.detail.value)} />
                  </Cell>
                  {fieldError('termMonths')}
                </View>
              ) : null}
              {next.some((s) => s === 'needInfo' || s === 'declined') ? (
                <View className='notice-text'>
                  <View className='notice-text__body' style={{ marginTop: 0 }}>要求补充材料或拒绝时，写明需要什么或原因（申请人会看到）</View>
                  <Textarea
                    className='textarea'
                    name='bankNote'
                    maxlength={200}
                    autoHeight
                    placeholder='如：请补充近6个月的银行流水'
                    value={f.note}
                    onInput={(ev) => set('note', ev.detail.value)}
                  />
                </View>
              ) : null}
              {fieldError('note')}
              {fieldError('reason')}
              <View className='groups' style={{ padding: '8px var(--gap) 24px' }}>
                {next.map((s) => (
                  <View key={s} className={`chip chip--on${busy === r.id ? ' btn--disabled' : ''}`} onClick={() => move(r, s)}>
                    {ACTION_LABELS[s]}
                  </View>
                ))}
              </View>
            </View>
          )
        })}
      </Section>
      <LoadMore shown={rows.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} unit='份' />
    </Page>
  )
}
