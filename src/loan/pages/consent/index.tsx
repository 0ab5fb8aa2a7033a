import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { LoadFailed, Loading, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'
import { bankSharingBlocker } from '../../../core/loan/consentGate'
import { useSession } from '../../../store/session'
import { Notice } from '../../../components/ui'

type Products = Output<Contracts['loan.products']>

/** 个人信息保护法 Art. 23: a separate consent naming the data, the bank and the purpose. */
export default function LoanConsent() {
  const { bankId } = useRouter().params
  const session = useSession()
  // the same rule the server applies (a profile first): lead there instead of a button that fails
  const blocked = session.data ? bankSharingBlocker(session.data) : null
  const [data, setData] = useState<Products | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    call('loan.products', {}).then(setData).catch((err) => setError(errorMessage(err)))
  }, [])
  const bank = data?.banks.find((b) => b.id === bankId)
  const act = async (grant: boolean) => {
    if (!bank || !data) return
    try {
      if (grant) await call('loan.consent.grant', { bankId: bank.id, version: data.consent.version })
      else await call('loan.consent.revoke', { bankId: bank.id })
      Taro.showToast({ title: grant ? '已同意' : '已撤回', icon: 'none' })
      Taro.navigateBack()
    } catch (err) {
      setError(errorMessage(err))
    }
  }
  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!data) return <Page><Loading /></Page>
  if (!bank) return <Page><LoadFailed message='没有找到这家银行，请从“码上贷”里选择银行' /></Page>
  return (
    <Page>
      <Section title={`向${bank.name}提供信息的单独同意（${data.consent.version}版）`}>
        <View className='notice-text' id='loan-consent'>
          <View className='notice-text__heading' style={{ marginTop: 0 }}>提供哪些信息</View>
          {data.consent.data.map((d) => (
            <View className='notice-text__body' key={d}>· {d}</View>
          ))}
          <View className='notice-text__heading'>用来做什么</View>
          <View className='notice-text__body'>{data.consent.purpose.replace('所选银行', bank.name)}</View>
          <View className='notice-text__heading'>您的权利</View>
          <View className='notice-text__body'>{data.consent.rights}</View>
        </View>
      </Section>
      <View className='actions'>
        {bank.consented ? (
          <SecondaryButton onClick={() => act(false)}>撤回同意</SecondaryButton>
        ) : blocked ? (
          <View id='consent-blocked'>
            <Notice tone='warn'>{blocked}</Notice>
            <PrimaryButton onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })}>先去建档</PrimaryButton>
          </View>
        ) : (
          <PrimaryButton onClick={() => act(true)}>我同意向{bank.name}提供以上信息</PrimaryButton>
        )}
      </View>
    </Page>
  )
}
