import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Chart } from '../../components/Chart'
import { Page } from '../../../components/Page'
import { Cell, Empty, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { checkCertificateCode, formatCode, QR_PREFIX } from '../../../core/course/certificateCode'
import { call, errorMessage, firstErrorMessage } from '../../../services/api'
import './index.css'

type Stats = Output<Contracts['course.staff.stats']>
type Certificate = Output<Contracts['course.staff.verify']>
type Row = { owners: number; started: number; completed: number; passed: number }

const pct = (n: number, d: number) => (d ? `${Math.round((n / d) * 100)}%` : '—')
// the three figures nest: 通过 counts only owners who also 学完, and 学完 only owners who started
const line = (r: Row) => `${r.owners}户 · 已开始${r.started} · 学完${r.completed}（${pct(r.completed, r.owners)}） · 通过${r.passed}（${pct(r.passed, r.owners)}）`

/**
 * An officer checks the certificate an owner shows them: scans its QR (in WeChat) or types its
 * 核验码, and sees whether it is real and whose (the name partly masked, to compare with the
 * certificate and the licence in front of them).
 */
function VerifyCertificate() {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [found, setFound] = useState<Certificate | null>(null)
  const [error, setError] = useState<string | null>(null)
  const verify = async (typed = code) => {
    setFound(null)
    // the same rule as the server's: a typo is caught here, with the field's own message
    const checked = checkCertificateCode(typed)
    if (!checked.ok) return setError(checked.message)
    setBusy(true)
    setError(null)
    try {
      setFound(await call('course.staff.verify', { code: typed }))
    } catch (err) {
      setError(firstErrorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      const text = (r.result ?? '').trim()
      if (!text.toUpperCase().startsWith(QR_PREFIX)) {
        setFound(null)
        return setError('这不是结业证书上的二维码，请扫证书上核验码上方的二维码')
      }
      const shown = formatCode(text.slice(QR_PREFIX.length))
      setCode(shown)
      await verify(text)
    } catch (err) {
      // closing the scanner is not an error
      if (!/cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? ''))) setError('没能扫到二维码，请再试一次，或直接输入核验码')
    }
  }
  return (
    <Section title='核验结业证书' footer='扫证书上的二维码，或输入二维码下方的8位核验码。核对名称、信用代码尾号与店里的营业执照是否一致。'>
      <Cell label='核验码'>
        <Input className='input' name='certCode' maxlength={20} placeholder='如 K7QM-X3P9' value={code} onInput={(e) => setCode(e.detail.value)} onConfirm={() => void verify()} />
      </Cell>
      {error ? (
        <View id='cert-error'>
          <Notice tone='error'>{error}</Notice>
        </View>
      ) : null}
      <View className='actions'>
        <PrimaryButton loading={busy} disabled={!code.trim()} onClick={() => void verify()}>核验</PrimaryButton>
        {process.env.TARO_ENV === 'weapp' ? <SecondaryButton onClick={() => void scan()}>扫证书二维码</SecondaryButton> : null}
      </View>
      {found ? (
        <View id='cert-verified'>
          <View className='verify-ok'>
            <Text className='verify-ok__title'>✓ 证书有效</Text>
            <Text className='verify-ok__meta'>{found.issuedOn}结业，测验{found.percent}分。请核对名称与店里的营业执照是否一致。</Text>
          </View>
          <Cell label='名称' value={found.holder} />
          {found.industry ? <Cell label='行业' value={found.industry} /> : null}
          {found.creditCodeTail ? <Cell label='信用代码尾号' value={found.creditCodeTail} /> : null}
          <Cell label='证书编号' value={found.serial} />
          <Cell label='主办单位' value={found.issuer ?? '未配置（由本小程序出具）'} />
        </View>
      ) : null}
    </Section>
  )
}

/** 开业第一课 in the regulator's region: completion and pass rates, and who still needs a visit. */
export default function CourseStats() {
  const [s, setS] = useState<Stats | null>(null)
  const [error, setError] = useState<string | null>(null)
  useDidShow(() => {
    call('course.staff.stats', {})
      .then(setS)
      .catch((err) => setError(errorMessage(err)))
  })
  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!s) return <Page><Loading /></Page>
  return (
    <Page>
      <View className='hero' id='course-totals'>
        <View className='hero__name'>通过率 {pct(s.totals.passed, s.totals.owners)}</View>
        <View className='hero__meta'>
          辖区已核验{s.totals.verified}户，另有{s.totals.owners - s.totals.verified}户待核验 · 已开始学习{s.totals.started}户 · 学完全部课程{s.totals.completed}户 · 学完并通过测验{s.totals.passed}户
        </View>
      </View>
      <Chart
        kind='bar'
        title='辖区学习进度'
        unit='户'
        data={[
          { label: '已开始学习', value: s.totals.started },
          { label: '学完全部课程', value: s.totals.completed },
          { label: '通过测验', value: s.totals.passed }
        ]}
      />
      <VerifyCertificate />
      <Section title='按市场'>
        {s.byMarket.length ? s.byMarket.map((m) => <Cell key={m.marketId} wide label={m.name} value={`已核验${m.verified}户，另有${m.owners - m.verified}户待核验 · ${line(m)}`} />) : <Cell label='辖区还没有市场' />}
      </Section>
      <Section title='按分型'>
        {s.byType.map((t) => <Cell key={t.type} wide label={t.label} value={line(t)} />)}
      </Section>
      <Section title={`开业90天内、还没开始学习的（${s.notStarted.length}${s.notStartedMore ? '+' : ''}户）`}>
        {s.notStarted.length ? (
          s.notStarted.map((o, i) => (
            <View key={i} className='notice-text course-waiting' style={{ borderBottom: '1px solid var(--c-line)' }}>
              <View className='notice-text__body'>{o.businessName}</View>
              <Text className='grid__hint'>{[o.market, o.stall ? `摊位${o.stall}` : null, `开业${o.openedOn}`].filter(Boolean).join(' · ')}</Text>
            </View>
          ))
        ) : (
          <Empty title='新开业的都已开始学习' />
        )}
      </Section>
    </Page>
  )
}
