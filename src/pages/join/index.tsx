import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Page } from '../../components/Page'
import { useFormErrors } from '../../components/useFormErrors'
import { Cell, Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../components/ui'
import { showDate } from '../../core/common/time'
import type { InviteOffer } from '../../core/staff/contract'
import { call, errorMessage } from '../../services/api'
import { useSession } from '../../store/session'

/** The code a QR (scene) or a link (code) carries; WeChat may hand the scene encoded. */
function codeFromParams(params: Record<string, string | undefined>): string {
  const raw = params.code ?? params.scene ?? ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

type Done = { kind: 'staff' | 'helper'; roleLabel: string }

/**
 * Accepting an invitation (a regulator, a bank officer, an admin, or a helper at a stall): what
 * it makes you, who invites you, until when; 接受 binds it to this WeChat. Also where the first
 * admin of a new environment uses the deployment's one-time setup code.
 */
export default function Join() {
  const params = useRouter().params
  const { refresh } = useSession()
  const [code, setCode] = useState(() => codeFromParams(params))
  const [offer, setOffer] = useState<InviteOffer | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<Done | null>(null)
  const [setupOpen, setSetupOpen] = useState(false)
  const [setup, setSetup] = useState({ name: '', code: '' })
  const form = useFormErrors()

  const look = async (c: string) => {
    if (!c.trim()) {
      setError('请输入邀请码')
      return
    }
    setLoading(true)
    setError(null)
    try {
      setOffer(await call('admin.invite.show', { code: c }))
    } catch (err) {
      setOffer(null)
      setError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }
  useEffect(() => {
    if (code) void look(code)
  }, [])

  const accept = async () => {
    setBusy(true)
    setError(null)
    try {
      const r = await call('admin.invite.accept', { code })
      await refresh()
      setDone({ kind: r.kind, roleLabel: r.roleLabel })
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const claimSetup = async () => {
    const missing: Record<string, string> = {}
    if (!setup.name.trim()) missing.name = '请填写您的姓名'
    if (!setup.code.trim()) missing.code = '请输入安装码'
    if (!form.check(missing)) return
    setBusy(true)
    try {
      const r = await call('admin.setupCode.use', { name: setup.name.trim(), code: setup.code.trim() })
      await refresh()
      setDone({ kind: 'staff', roleLabel: r.roleLabel })
    } catch (err) {
      form.fail(err)
    } finally {
      setBusy(false)
    }
  }

  const leave = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.switchTab({ url: '/pages/me/index' })
  }

  if (done) {
    return (
      <Page>
        <Notice tone='info'>
          <Text id='join-done'>已加入，您现在是{done.roleLabel}。</Text>
        </Notice>
        <View className='actions'>
          {done.kind === 'staff' ? (
            <PrimaryButton onClick={() => Taro.redirectTo({ url: '/staff/pages/home/index' })}>去工作台</PrimaryButton>
          ) : (
            <PrimaryButton onClick={() => Taro.redirectTo({ url: '/reminder/pages/permits/index' })}>去看店里的提醒</PrimaryButton>
          )}
        </View>
      </Page>
    )
  }

  return (
    <Page>
      {!offer ? (
        <Section title='输入邀请码' footer='邀请码是8位字母和数字，由邀请您的人给您（也可以直接用微信扫对方给的二维码）。'>
          <Cell label='邀请码'>
            <Input className='input code' name='inviteCode' placeholder='如 K7QM-X3P9' maxlength={12} value={code} onInput={(e) => setCode(e.detail.value)} />
          </Cell>
        </Section>
      ) : null}
      {loading ? <Loading /> : null}
      {error ? (
        <Notice tone='error'>
          <Text id='join-error'>{error}</Text>
        </Notice>
      ) : null}
      {!offer && !loading ? (
        <View className='actions'>
          <PrimaryButton onClick={() => look(code)}>查看邀请</PrimaryButton>
        </View>
      ) : null}

      {offer ? (
        <View>
          <Section title={offer.kind === 'helper' ? `${offer.businessName ?? ''}邀请您做店铺帮手` : `${offer.inviterName}邀请您加入`}>
            <View className='notice-text'>
              <View className='join-offer__role'>{offer.roleLabel}</View>
              <View className='notice-text__body'>
                {offer.name}
                {offer.regionName ? ` · 负责${offer.regionName}` : ''}
                {offer.bankName ? ` · ${offer.bankName}` : ''}
              </View>
              {offer.can ? <View className='notice-text__body'>{offer.can}</View> : null}
              {offer.cannot ? <View className='notice-text__body'>{offer.cannot}</View> : null}
            </View>
            <Cell label='有效期至' value={showDate(offer.expiresAt)} />
          </Section>
          {offer.problem ? <Notice tone='error'><Text id='join-problem'>{offer.problem}</Text></Notice> : null}
          {offer.mine ? <Notice tone='info'>您已经接受了这个邀请。</Notice> : null}
          {!offer.problem && !offer.mine ? (
            <View className='actions'>
              <PrimaryButton loading={busy} onClick={accept}>接受</PrimaryButton>
              <SecondaryButton onClick={leave}>不接受</SecondaryButton>
            </View>
          ) : (
            <View className='actions'>
              <SecondaryButton onClick={leave}>返回</SecondaryButton>
            </View>
          )}
          <View className='section__footer'>接受后，这个微信号就绑定为上面的身份；{offer.kind === 'helper' ? '店主随时可以移除您。' : '管理员可以修改或停用。'}</View>
        </View>
      ) : null}

      {!offer ? (
        <View>
          {setupOpen ? (
            <Section title='首位管理员：使用安装码' footer='安装码在部署时设置，只能用一次；用过后请由管理员邀请其他人。'>
              <Cell label='您的姓名'>
                <Input className='input' name='setupName' placeholder='填写真实姓名' maxlength={20} value={setup.name} onInput={(e) => {
                  setSetup({ ...setup, name: e.detail.value })
                  form.setError('name', '')
                }} />
              </Cell>
              {form.fieldError('name')}
              <Cell label='安装码'>
                <Input className='input code' name='setupCode' placeholder='部署配置里的安装码' maxlength={64} value={setup.code} onInput={(e) => {
                  setSetup({ ...setup, code: e.detail.value })
                  form.setError('code', '')
                }} />
              </Cell>
              {form.fieldError('code')}
            </Section>
          ) : null}
          {setupOpen ? form.formNotice : null}
          <View className='actions'>
            {setupOpen ? (
              <PrimaryButton loading={busy} onClick={claimSetup}>成为管理员</PrimaryButton>
            ) : (
              <SecondaryButton onClick={() => setSetupOpen(true)}>首次部署：使用安装码</SecondaryButton>
            )}
          </View>
        </View>
      ) : null}
    </Page>
  )
}
