import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { InviteCard } from '../../../components/InviteCard'
import { Page } from '../../../components/Page'
import { useFormErrors } from '../../../components/useFormErrors'
import { Cell, Empty, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import { showDate } from '../../../core/common/time'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage, newRequestId } from '../../../services/api'
import { useSession } from '../../../store/session'

type Mine = Output<Contracts['admin.helper.mine']>

/**
 * 我的 → 店员/帮手. An owner invites a helper (a code and a QR, one use, 7 days), sees who helps
 * and removes them. A helper sees whose shop they help and can leave.
 */
export default function Helpers() {
  const { refresh } = useSession()
  const [mine, setMine] = useState<Mine | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [requestId, setRequestId] = useState(newRequestId)
  const [busy, setBusy] = useState(false)
  const form = useFormErrors()

  const load = async () => {
    try {
      setMine(await call('admin.helper.mine', {}))
      setError(null)
    } catch (err) {
      setError(errorMessage(err))
    }
  }
  useDidShow(() => {
    void load()
  })

  const invite = async () => {
    if (!form.check(name.trim() ? {} : { name: '请填写帮手的称呼，如“小王”' })) return
    setBusy(true)
    try {
      await call('admin.helper.invite', { name: name.trim() }, { requestId })
      setName('')
      setRequestId(newRequestId())
      await load()
    } catch (err) {
      form.fail(err)
    } finally {
      setBusy(false)
    }
  }

  const remove = async (id: string, who: string, accepted: boolean) => {
    const ok = await Taro.showModal({
      title: accepted ? `移除${who}？` : '撤销这个邀请？',
      content: accepted ? '移除后他马上看不到您店里的提醒和消息。' : `撤销后${who}不能再用这个邀请码。`,
      confirmText: accepted ? '移除' : '撤销',
      cancelText: '取消'
    })
    if (!ok.confirm) return
    try {
      await call('admin.helper.remove', { id })
      Taro.showToast({ title: accepted ? '已移除' : '已撤销', icon: 'none' })
      await load()
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  const leave = async () => {
    const ok = await Taro.showModal({ title: '退出帮手？', content: '退出后您看不到这家店的提醒和消息；要再帮忙需要店主重新邀请。', confirmText: '退出', cancelText: '取消' })
    if (!ok.confirm) return
    try {
      await call('admin.helper.leave', {})
      await refresh()
      await load()
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!mine) return <Page><Loading /></Page>

  if (mine.helperOf) {
    return (
      <Page>
        <Section title='我是帮手'>
          <Cell label='帮忙的店' value={mine.helperOf.businessName} />
          <Cell label='加入时间' value={showDate(mine.helperOf.since)} />
          <Cell label='证照与年报提醒' arrow onClick={() => Taro.navigateTo({ url: '/reminder/pages/permits/index' })} />
          <Cell label='店里的消息' arrow onClick={() => Taro.navigateTo({ url: '/reminder/pages/inbox/index' })} />
        </Section>
        <Notice tone='info'>
          {mine.can}。{mine.cannot}。
        </Notice>
        <View className='actions'>
          <SecondaryButton onClick={leave}>退出帮手</SecondaryButton>
        </View>
      </Page>
    )
  }

  return (
    <Page>
      {mine.invites.map((inv) => (
        <View key={inv.id}>
          <InviteCard invite={inv} />
          <View className='actions'>
            <SecondaryButton onClick={() => remove(inv.id, inv.name, false)}>撤销这个邀请</SecondaryButton>
          </View>
        </View>
      ))}

      <Section title='我的帮手'>
        {mine.helpers.length === 0 ? <Empty title='还没有帮手'>帮您看店的家人或店员，可以替您留意证照到期、年报和消息。</Empty> : null}
        {mine.helpers.map((h) => (
          <Cell
            key={h.id}
            wide
            label={
              <View>
                <View>{h.name}</View>
                <View className='cell__hint'>{showDate(h.joinedAt)}加入</View>
              </View>
            }
            value={
              <Text className='link' onClick={() => remove(h.id, h.name, true)}>
                移除
              </Text>
            }
          />
        ))}
      </Section>
      <Notice tone='info'>
        帮手{mine.can}。{mine.cannot}。
      </Notice>

      {mine.canInvite ? (
        <View>
          <Section title='邀请帮手'>
            <Cell label='称呼'>
              <Input className='input' name='helperName' placeholder='如：小王' maxlength={20} value={name} onInput={(e) => {
                setName(e.detail.value)
                form.setError('name', '')
              }} />
            </Cell>
            {form.fieldError('name')}
          </Section>
          {form.formNotice}
          <View className='actions'>
            <PrimaryButton loading={busy} onClick={invite}>生成邀请码</PrimaryButton>
          </View>
        </View>
      ) : (
        <Notice tone='warn'>{mine.helpers.length + mine.invites.length ? '帮手和邀请已到上限，请先移除不用的。' : '建档后才能邀请帮手。'}</Notice>
      )}
    </Page>
  )
}
