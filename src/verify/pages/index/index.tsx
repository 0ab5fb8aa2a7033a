import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import { showDate, showDateTime } from '../../../core/common/time'
import type { VerifyStatus } from '../../../core/verify/contract'
import { call, errorMessage } from '../../../services/api'
import { useSession } from '../../../store/session'
import { canOpenLicenseApp, onLicenseReturn, openLicenseApp } from '../../licenseReturn'

/**
 * 营业执照核验: where the owner's business stands (已核验 / 待核验 and why) and every way to get
 * verified: the 电子营业执照 (the official mini-program, or the local demo), the register again,
 * or in person at the office.
 */
export default function Verify() {
  const { data } = useSession()
  const [s, setS] = useState<VerifyStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [demoOpen, setDemoOpen] = useState(false)
  const [authCode, setAuthCode] = useState('')
  const [formError, setFormError] = useState<string | null>(null)
  const load = () =>
    call('user.verify.status', {})
      .then((r) => {
        setS(r)
        setError(null)
      })
      .catch((err) => setError(errorMessage(err)))
  useDidShow(() => void load())

  const sendCode = async (code: string) => {
    setBusy(true)
    setFormError(null)
    try {
      const r = await call('user.verify.license', { authCode: code })
      setS(r)
      setDemoOpen(false)
      Taro.showToast({ title: '已核验', icon: 'success' })
    } catch (err) {
      // the code stays in the box: the owner corrects it and taps again
      setFormError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  // back from the official 电子营业执照 mini-program with an authorization code (weapp only)
  const sendRef = useRef(sendCode)
  sendRef.current = sendCode
  useEffect(() => onLicenseReturn((code) => void sendRef.current(code)), [])

  const startLicense = async () => {
    if (!s) return
    setFormError(null)
    if (s.license.mode === 'demo') return setDemoOpen(true)
    if (s.license.mode === 'official' && s.license.appId && canOpenLicenseApp) {
      try {
        await openLicenseApp(s.license.appId, s.license.path)
      } catch {
        setFormError('没有打开电子营业执照小程序。可以再点一次，或带营业执照到市场监管所现场核验。')
      }
      return
    }
    setFormError(s.license.mode === 'official' ? '电子营业执照核验请在微信小程序里进行。' : '电子营业执照核验暂未开通，请带营业执照到市场监管所或市场管理处现场核验。')
  }

  const recheck = async () => {
    setBusy(true)
    setFormError(null)
    try {
      const r = await call('user.verify.check', {})
      setS(r)
      Taro.showToast({ title: r.state === 'verified' ? '已核验' : '仍待核验', icon: r.state === 'verified' ? 'success' : 'none' })
    } catch (err) {
      setFormError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!s || !data) return <Page><Loading /></Page>
  const p = data.profile
  if (!s.hasProfile || !p) {
    return (
      <Page>
        <Notice>先建立经营档案，填上营业执照上的名称和统一社会信用代码，再来核验。</Notice>
        <View className='actions'>
          <PrimaryButton onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })}>去建档</PrimaryButton>
        </View>
      </Page>
    )
  }
  const verified = s.state === 'verified'
  return (
    <Page>
      <Section title='营业执照'>
        <Cell label='核验状态' value={<Tag tone={verified ? 'green' : 'orange'}><Text id='verify-state'>{s.label}</Text></Tag>} />
        <Cell label='字号名称' value={p.businessName} />
        <Cell label='信用代码' stack value={<Text className='code'>{p.creditCode}</Text>} />
        {verified && s.at ? <Cell label='核验日期' value={showDate(s.at)} /> : null}
      </Section>
      {verified ? (
        <Notice>您的营业执照已核验，可以申请码上贷；市场监管部门的统计也按已核验的经营户计算。修改名称或信用代码后会重新核验。</Notice>
      ) : (
        <View id='verify-pending'>
          <Notice tone='warn'>待核验：{s.why}</Notice>
          <Section title='怎样核验' footer='核验通过前：档案、政策、提醒照常使用；申请码上贷需要先核验。'>
            <View className='notice-text'>
              {s.steps.map((step, i) => (
                <View key={i} className='notice-text__body'>{i + 1}. {step}</View>
              ))}
            </View>
          </Section>
          {demoOpen ? (
            <Section title='电子营业执照授权（本地演示）'>
              <View className='notice-text'>
                <View className='notice-text__body'>这里在本地演示中代替电子营业执照小程序，不是真的授权。演示授权码：888888</View>
              </View>
              <Cell label='授权码'>
                <Input className='input' name='authCode' placeholder='输入授权码' maxlength={40} value={authCode} onInput={(e) => setAuthCode(e.detail.value)} />
              </Cell>
            </Section>
          ) : null}
          {formError ? <Notice tone='error'>{formError}</Notice> : null}
          <View className='actions'>
            {demoOpen ? (
              <PrimaryButton loading={busy} onClick={() => (authCode.trim() ? void sendCode(authCode.trim()) : setFormError('请填写授权码'))}>确认授权</PrimaryButton>
            ) : (
              <PrimaryButton loading={busy} onClick={startLicense}>用电子营业执照核验</PrimaryButton>
            )}
            <SecondaryButton onClick={recheck}>重新比对登记信息</SecondaryButton>
            <SecondaryButton onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })}>修改档案</SecondaryButton>
          </View>
        </View>
      )}
      {s.claim ? (
        <Section title='营业执照转移申请'>
          <Cell label={s.claim.businessName} value={<Text id='claim-status'>{s.claim.statusLabel}</Text>} wide />
          <View className='notice-text'>
            <View className='notice-text__body'>{showDateTime(s.claim.createdAt)}提交，市场监管部门核实后决定，结果会发到“消息”。</View>
            {s.claim.reason ? <View className='notice-text__body'>未同意的原因：{s.claim.reason}</View> : null}
          </View>
        </Section>
      ) : null}
    </Page>
  )
}
