import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { Cell, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { ApiError, call, errorMessage, newRequestId } from '../../../services/api'
import { chinaDate } from '../../../core/common/time'

type Assessment = Output<Contracts['loan.assess']>
type Products = Output<Contracts['loan.products']>

/** The last 12 complete months, oldest first. */
// China months, whatever zone the phone is set to
const lastMonths = () => Array.from({ length: 12 }, (_, i) => dayjs(chinaDate(new Date())).subtract(12 - i, 'month').format('YYYY-MM'))

export default function LoanAssess() {
  const months = useMemo(lastMonths, [])
  const [data, setData] = useState<Products | null>(null)
  const [amounts, setAmounts] = useState<Record<string, string>>({})
  const [csv, setCsv] = useState('')
  const [result, setResult] = useState<Assessment | null>(null)
  const [apply, setApply] = useState({ bankId: '', productId: '', amount: '', termMonths: '12', phone: '', idNumber: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [requestId] = useState(newRequestId)

  useEffect(() => {
    call('loan.products', {})
      .then((p) => {
        setData(p)
        setAmounts(Object.fromEntries(p.turnover.map((m) => [m.month, String(m.amount)])))
      })
      .catch((err) => setError(errorMessage(err)))
  }, [])

  const evaluate = async () => {
    setBusy(true)
    setError(null)
    try {
      if (csv.trim()) {
        const r = await call('loan.turnover.import', { csv })
        setAmounts(Object.fromEntries(r.months.map((m) => [m.month, String(m.amount)])))
        setCsv('')
      } else {
        const filled = months.filter((m) => amounts[m]?.trim()).map((m) => ({ month: m, amount: Number(amounts[m]) }))
        if (filled.some((m) => !Number.isFinite(m.amount) || m.amount < 0)) throw new ApiError({ code: 'INVALID_INPUT', message: '流水金额请填写数字' })
        await call('loan.turnover.save', { months: filled })
      }
      setResult(await call('loan.assess', {}))
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const submit = async () => {
    setErrors({})
    setError(null)
    setBusy(true)
    try {
      await call(
        'loan.apply',
        { bankId: apply.bankId, productId: apply.productId, amount: Number(apply.amount), termMonths: Number(apply.termMonths), phone: apply.phone, idNumber: apply.idNumber },
        { requestId }
      )
      Taro.showToast({ title: '申请已提交', icon: 'success' })
      Taro.navigateBack()
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors())
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  if (!data) return <Page>{error ? <Notice tone='error'>{error}</Notice> : <Loading />}</Page>
  const banks = Object.fromEntries(data.banks.filter((b) => b.consented).map((b) => [b.id, b.name]))
  const products = Object.fromEntries(data.products.map((p) => [p.id, p.name]))
  const fieldError = (k: string) => (errors[k] ? <Text className='field-error'>{errors[k]}</Text> : null)
  return (
    <Page>
      <Section title='近12个月收款码流水（元）' footer='可逐月填写，也可以把银行流水（每行：日期,金额）粘贴到下面，自动按月汇总。'>
        {months.map((m) => (
          <Cell key={m} label={m}>
            <Input className='input' type='digit' name={`turnover-${m}`} placeholder='0' value={amounts[m] ?? ''} onInput={(e) => setAmounts({ ...amounts, [m]: e.detail.value })} />
          </Cell>
        ))}
        <View className='notice-text'>
          <Textarea className='textarea' name='statementCsv' maxlength={200000} placeholder='粘贴银行流水，如：2026-10-03,1280.00' value={csv} onInput={(e) => setCsv(e.detail.value)} />
        </View>
      </Section>
      <View className='actions'>
        <SecondaryButton onClick={evaluate}>保存流水并评估</SecondaryButton>
      </View>
      {result ? (
        <View id='loan-assessment'>
          <View className='hero'>
            <View className='hero__name' style={{ fontSize: 'var(--fs-lg)' }}>
              评估 {result.score} 分 · {result.band}
            </View>
            <View className='hero__meta'>{result.range[1] ? `参考额度 ${result.range[0]}–${result.range[1]} 元` : '暂不建议申请信用贷款，可先看下面怎么提高'}</View>
            <View className='reasons'>
              {result.factors.map((f) => (
                <View className='reason' key={f.name}>
                  <Text className={`reason__mark reason__mark--${f.points > 0 ? 'met' : 'unmet'}`}>{f.points > 0 ? `+${f.points}` : f.points}</Text>
                  <Text>
                    {f.name}：{f.detail}
                    {f.raise ? `（提高：${f.raise}）` : ''}
                  </Text>
                </View>
              ))}
            </View>
            <View className='hero__meta'>{result.disclaimer}</View>
          </View>
          <Section title='适合您的产品'>
            {result.products.map((p) => (
              <Cell key={p.id} wide label={p.name}>
                {p.fits ? <Tag>适合</Tag> : <Tag tone='gray'>暂不适合</Tag>}
                <Text className='grid__hint' style={{ display: 'block' }}>{p.reasons.join(' ')}</Text>
              </Cell>
            ))}
          </Section>
          <Section title='提交申请' footer={Object.keys(banks).length ? '提交后信息只发给您选择的、已同意的银行。' : '请先回到上一页，同意向一家银行提供信息。'}>
            <SelectCell id='loanBank' label='银行' options={banks} value={apply.bankId} onChange={(k) => setApply({ ...apply, bankId: k })} />
            <SelectCell id='loanProduct' label='产品' options={products} value={apply.productId} onChange={(k) => setApply({ ...apply, productId: k })} />
            <Cell label='金额（元）'>
              <Input className='input' type='number' name='loanAmount' value={apply.amount} onInput={(e) => setApply({ ...apply, amount: e.detail.value })} />
            </Cell>
            {fieldError('amount')}
            <Cell label='期限（月）'>
              <Input className='input' type='number' name='loanTerm' value={apply.termMonths} onInput={(e) => setApply({ ...apply, termMonths: e.detail.value })} />
            </Cell>
            {fieldError('termMonths')}
            <Cell label='手机号'>
              <Input className='input' type='number' name='loanPhone' maxlength={11} value={apply.phone} onInput={(e) => setApply({ ...apply, phone: e.detail.value })} />
            </Cell>
            {fieldError('phone')}
            <Cell label='身份证号'>
              <Input className='input' type='idcard' name='loanId' maxlength={18} value={apply.idNumber} onInput={(e) => setApply({ ...apply, idNumber: e.detail.value })} />
            </Cell>
            {fieldError('idNumber')}
          </Section>
          <View className='actions'>
            <PrimaryButton loading={busy} disabled={!apply.bankId || !apply.productId} onClick={submit}>提交申请</PrimaryButton>
          </View>
        </View>
      ) : null}
      {error ? <Notice tone='error'><Text id='loan-error'>{error}</Text></Notice> : null}
    </Page>
  )
}
