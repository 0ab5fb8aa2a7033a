import { Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, Empty, LoadFailed, Loading, Notice, PrimaryButton, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'

type Stats = Output<Contracts['course.staff.stats']>
type Certificate = Output<Contracts['course.staff.verify']>
type Row = { owners: number; started: number; completed: number; passed: number }

const pct = (n: number, d: number) => (d ? `${Math.round((n / d) * 100)}%` : '—')
const line = (r: Row) => `${r.owners}户 · 已开始${r.started} · 学完${pct(r.completed, r.owners)} · 通过${pct(r.passed, r.owners)}`

/** An officer types the serial on the certificate an owner shows them and sees whether it is real. */
function VerifyCertificate() {
  const [serial, setSerial] = useState('')
  const [busy, setBusy] = useState(false)
  const [found, setFound] = useState<Certificate | null>(null)
  const [error, setError] = useState<string | null>(null)
  const verify = async () => {
    setBusy(true)
    setFound(null)
    setError(null)
    try {
      setFound(await call('course.staff.verify', { serial }))
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Section title='核验结业证书' footer='输入证书上的编号，核对字号、日期与证书是否一致。'>
      <Cell label='证书编号'>
        <Input className='input' name='certSerial' maxlength={20} placeholder='DYK2026000001' value={serial} onInput={(e) => setSerial(e.detail.value)} onConfirm={verify} />
      </Cell>
      <View className='actions'>
        <PrimaryButton loading={busy} disabled={!serial.trim()} onClick={verify}>核验</PrimaryButton>
      </View>
      {found ? (
        <View id='cert-verified'>
          <Notice>证书有效：{found.businessName}，{found.issuedOn}结业，测验{found.percent}分。</Notice>
        </View>
      ) : null}
      {error ? <View id='cert-error'><Notice tone='error'>{error}</Notice></View> : null}
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
          辖区{s.totals.owners}户已建档 · 已开始学习{s.totals.started}户 · 学完全部课程{s.totals.completed}户 · 测验通过{s.totals.passed}户
        </View>
      </View>
      <VerifyCertificate />
      <Section title='按市场'>
        {s.byMarket.length ? s.byMarket.map((m) => <Cell key={m.marketId} wide label={m.name} value={line(m)} />) : <Cell label='辖区还没有市场' />}
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
