import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import { DELETE_BASIS, DELETE_PHRASE, ERASED_SUMMARY, KEPT } from '../../../core/rights/kept'
import { call, errorMessage } from '../../../services/api'
import { useSession } from '../../../store/session'

type Step = 'read' | 'type' | 'working' | 'done'

/**
 * Deleting the account: what goes, what is kept and why, then two confirmations — a dialog, then
 * the owner types 确认注销 — before anything is erased. A large account takes several calls.
 */
export default function DeletePage() {
  const { refresh } = useSession()
  const [step, setStep] = useState<Step>('read')
  const [phrase, setPhrase] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [progress, setProgress] = useState<string | null>(null)

  const first = async () => {
    const ok = await Taro.showModal({
      title: '确定要注销账号吗？',
      content: '注销后档案、证照、消息和学习记录都会删除，不能恢复。诉求和贷款申请去掉您的身份后保留。',
      confirmText: '继续注销',
      cancelText: '不注销了',
      confirmColor: '#e64340'
    })
    if (ok.confirm) setStep('type')
  }

  const erase = async () => {
    if (phrase.trim() !== DELETE_PHRASE) {
      setError(`请输入“${DELETE_PHRASE}”这四个字`)
      return
    }
    setError(null)
    setStep('working')
    try {
      // a large account is erased in pages: keep calling until the server says it is all gone
      for (let i = 0; i < 50; i++) {
        const r = await call('user.rights.delete', { confirm: DELETE_PHRASE })
        if (r.finished) {
          setStep('done')
          return
        }
        setProgress(`正在删除……（${r.done}/${r.total}）`)
      }
      setProgress('还在删除中，稍后会自动删完，您可以先离开。')
    } catch (err) {
      // the typed phrase stays; the owner can tap again
      setError(`注销没有完成：${errorMessage(err)}。可以再点一次，已删除的不会出错。`)
      setStep('type')
    }
  }

  if (step === 'done') {
    return (
      <Page>
        <View id='deleted'>
          <Notice>账号已注销，您的信息已删除。</Notice>
          <Section title='保留了什么'>
            {Object.values(KEPT).map((k) => (
              <View key={k.title} className='notice-text'>
                <View className='notice-text__heading' style={{ marginTop: 0 }}>{k.title}</View>
                <View className='notice-text__body'>{k.what}</View>
              </View>
            ))}
          </Section>
          <View className='actions'>
            <SecondaryButton
              onClick={() => {
                // using the app again starts a new, empty account
                void refresh().then(() => Taro.switchTab({ url: '/pages/index/index' }))
              }}
            >
              返回首页（再次使用将是一个新账号）
            </SecondaryButton>
          </View>
        </View>
      </Page>
    )
  }

  return (
    <Page>
      <Notice tone='warn'>{DELETE_BASIS}注销是最终的，不能恢复。注销前可以先在“个人信息”里导出留存。</Notice>
      <Section title='会删除'>
        <View id='erased' className='notice-text'>
          {ERASED_SUMMARY.map((t) => (
            <View key={t} className='notice-text__body'>· {t}</View>
          ))}
        </View>
      </Section>
      <Section title='会去掉您的身份后保留'>
        <View id='kept'>
          {Object.values(KEPT).map((k) => (
            <View key={k.title} className='notice-text'>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>{k.title}</View>
              <View className='notice-text__body'>{k.what}</View>
              <View className='notice-text__body'>为什么：{k.why}</View>
            </View>
          ))}
        </View>
      </Section>

      {step === 'read' ? (
        <View className='actions'>
          <PrimaryButton danger onClick={first}>注销账号</PrimaryButton>
          <SecondaryButton onClick={() => Taro.navigateBack()}>不注销了</SecondaryButton>
        </View>
      ) : (
        <View id='confirm-delete'>
          <Section title={`最后确认：请输入“${DELETE_PHRASE}”`}>
            <Cell label='确认'>
              <Input className='input' name='confirm' placeholder={`请输入${DELETE_PHRASE}`} maxlength={10} value={phrase} onInput={(e) => {
                setPhrase(e.detail.value)
                setError(null)
              }} />
            </Cell>
            {error ? <Notice tone='error'>{error}</Notice> : null}
          </Section>
          {progress ? <Notice>{progress}</Notice> : null}
          <View className='actions'>
            <PrimaryButton danger loading={step === 'working'} onClick={erase}>永久注销</PrimaryButton>
            <SecondaryButton onClick={() => Taro.navigateBack()}>不注销了</SecondaryButton>
          </View>
        </View>
      )}
    </Page>
  )
}
