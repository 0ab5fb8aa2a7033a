import { Switch, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { DevPanel } from '../../components/DevPanel'
import { Page } from '../../components/Page'
import { Cell, Loading, Section, Tag } from '../../components/ui'
import { INDUSTRIES } from '../../core/user/options'
import { call, errorMessage } from '../../services/api'
import { showUnread } from '../../services/subscribe'
import { useSession } from '../../store/session'

export default function Me() {
  const { data, saveSettings, careMode } = useSession()
  const [unread, setUnread] = useState(0)
  useDidShow(() => {
    if (!data || data.staff) return
    call('reminder.inbox.list', { limit: 1 })
      .then((r) => {
        setUnread(r.unread)
        showUnread(r.unread)
      })
      .catch(() => undefined)
  })
  if (!data) return <Page><Loading /></Page>

  const toggle = (key: 'careMode' | 'personalized') => async (e: { detail: { value: boolean } }) => {
    try {
      await saveSettings({ [key]: e.detail.value })
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }
  const p = data.profile

  return (
    <Page>
      {p ? (
        <Section title='经营档案'>
          <Cell label='字号名称' value={p.businessName} />
          <Cell label='信用代码' value={<Text className='code'>{p.creditCode}</Text>} />
          <Cell label='行业' value={INDUSTRIES[p.industry]} />
          <Cell label='经营类型'>{data.classification ? <Tag>{data.classification.label}</Tag> : null}</Cell>
          <Cell label='市场摊位' value={data.market ? `${data.market.name} ${data.stall?.number ?? ''}` : '未绑定（扫摊位码可绑定）'} />
          <Cell label='修改档案' arrow onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })} />
        </Section>
      ) : !data.staff ? (
        <Section title='经营档案'>
          <Cell label='还没有建档' value='去建档' arrow onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })} />
        </Section>
      ) : null}

      {!data.staff ? (
        <Section title='消息与提醒'>
          <Cell label='消息' value={unread ? `${unread}条未读` : '查看'} arrow onClick={() => Taro.navigateTo({ url: '/reminder/pages/inbox/index' })} />
          <Cell label='证照与年报' value='到期前提醒' arrow onClick={() => Taro.navigateTo({ url: '/reminder/pages/permits/index' })} />
        </Section>
      ) : null}

      <Section title='设置' footer='关闭个性化推荐后，政策按发布时间排列，不再使用您的档案信息筛选。'>
        <Cell label='关怀模式'>
          <View style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: '8px' }}>
            <Text className='grid__hint'>{careMode ? '大字已开' : '字更大更清楚'}</Text>
            <Switch id='care-switch' checked={careMode} color='#07c160' onChange={toggle('careMode')} />
          </View>
        </Cell>
        <Cell label='个性化推荐'>
          <Switch id='personalized-switch' checked={data.settings.personalized} color='#07c160' onChange={toggle('personalized')} />
        </Cell>
      </Section>

      <Section title='隐私'>
        <Cell label='个人信息保护告知书' value={data.privacy.acceptedVersion ? `已同意（${data.privacy.acceptedVersion}版）` : '未同意'} />
      </Section>

      {data.staff ? (
        <Section title='工作人员'>
          <Cell label='工作台' value={data.staff.name} arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/home/index' })} />
        </Section>
      ) : null}

      {process.env.TARO_ENV === 'h5' ? <DevPanel /> : null}
    </Page>
  )
}
