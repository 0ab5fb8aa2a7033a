import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { VerifyNotice } from '../../../components/VerifyNotice'
import { Cell, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { ApiError, call, errorMessage, formErrorMessage, newRequestId } from '../../../services/api'
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

  const send = async (confirmUnfit: boolean) => {
    setErrors({})
    setError(null)
    setBusy(true)
    try {
      await call(
        'loan.apply',
        {
          bankId: apply.bankId,
          productId: apply.productId,
          amount: Number(apply.amount),
          termMonths: Number(apply.termMonths),
          phone: apply.phone,
          idNumber: apply.idNumber,
          ...(confirmUnfit ? { confirmUnfit } : {})
        },
        { requestId }
      )
      Taro.showToast({ title: '申请已提交', icon: 'success' })
      // back to 码上贷, where the application is listed; opened directly (a link), open it instead
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
      else void Taro.redirectTo({ url: '/loan/pages/index/index' })
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors())
      setError(formErrorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  /** A product that does not fit is not refused, but the owner reads why before applying. */
  const submit = async () => {
    const fit = result?.products.find((p) => p.id === apply.productId)
    if (fit && !fit.fits) {
      const why = fit.reasons.filter((r) => r.startsWith('✗')).map((r) => r.slice(2))
      const { confirm } = await Taro.showModal({
        title: '这个产品暂不适合您',
        content: `按您填写的信息，${fit.name}暂不适合：${why.join('；')}。仍要申请吗？银行会按自己的条件审核。`,
        confirmText: '仍要申请',
        cancelText: '换一个'
      })
      if (!confirm) return
      return send(true)
    }
    return send(false)
  }

  if (!data) return <Page>{error ? <Notice tone='error'>{error}</Notice> : <Loading />}</Page>
  const banks = Object.fromEntries(data.banks.filter((b) => b.consented).map((b) => [b.id, b.name]))
  // fitting products first; the others say so in the picker itself
  const ranked = result ? [...result.products].sort((a, b) => Number(b.fits) - Number(a.fits)) : []
  const products = Object.fromEntries(ranked.map((p) => [p.id, p.fits ? p.name : `${p.name}（暂不适合）`]))
  const fieldError = (k: string) => (errors[k] ? <Text className='field-error'>{errors[k]}</Text> : null)
  return (
    <Page>
      <VerifyNotice what='提交贷款申请' />
      <Section title='近12个月收款码流水（元）' footer='逐月填写；也可以用下面的办法，从银行流水导入。'>
        {months.map((m) => (
          <Cell key={m} label={m}>
            <Input className='input' type='digit' name={`turnover-${m}`} placeholder='0' value={amounts[m] ?? ''} onInput={(e) => setAmounts({ ...amounts, [m]: e.detail.value })} />
          </Cell>
        ))}
      </Section>
      <Section title='或者：粘贴银行流水'>
        <View className='notice-text' id='loan-statement'>
          <View className='notice-text__body' style={{ marginTop: 0 }}>
            把银行导出的流水复制到下面的框里，每行一笔：日期,金额（如 2026-10-03,1280.00）。会按月加总，填进上面的月份。
          </View>
          <Textarea className='textarea' name='statementCsv' maxlength={200000} placeholder='粘贴银行流水，如：2026-10-03,1280.00' value={csv} onInput={(e) => setCsv(e.detail.value)} />
        </View>
      </Section>
      <View className='actions'>
        <SecondaryButton onClick={evaluate}>保存流水，看看适合哪种贷款</SecondaryButton>
      </View>
      {result ? (
        <View id='loan-assessment'>
          <View className='hero'>
            <View className='hero__name' style={{ fontSize: 'var(--fs-lg)' }}>
              评估 {result.score} 分（满分100，我们的估算）
            </View>
            <View className='reasons'>
              {result.factors.map((f) => (
                <View className='reason' key={f.name}>
                  <Text className={`reason__mark reason__mark--${f.points > 0 ? 'met' : 'unmet'}`} style={{ width: 'auto', minWidth: '2.2em' }}>{f.points > 0 ? `+${f.points}` : f.points}</Text>
                  <Text>
                    {f.name}：{f.detail}
                    {f.raise ? `（提高：${f.raise}）` : ''}
                  </Text>
                </View>
              ))}
            </View>
            <View className='hero__meta'>{result.disclaimer}</View>
          </View>
          <Section title='适合您的贷款'>
            <View className='notice-text' id='loan-advice'>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>{result.advice}</View>
              <View className='notice-text__body'>{result.amountNote}</View>
            </View>
            {result.products.map((p) => (
              <Cell key={p.id} wide label={p.name}>
                {p.fits ? <Tag>适合</Tag> : <Tag tone='gray'>暂不适合</Tag>}
                <Text className='grid__hint' style={{ display: 'block' }}>{p.reasons.join(' ')}</Text>
              </Cell>
            ))}
          </Section>
          <Section title='填写申请' footer={Object.keys(banks).length ? '提交后信息只发给您选择的、已同意的银行。' : '请先回到上一页，同意向一家银行提供信息。'}>
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
