import { Switch, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { DevPanel } from '../../components/DevPanel'
import { Page } from '../../components/Page'
import { Cell, Loading, Notice, Section, Tag } from '../../components/ui'
import type { Affairs } from '../../core/user/contract'
import type { VerifyStatus } from '../../core/verify/contract'
import { INDUSTRIES } from '../../core/user/options'
import { call, errorMessage } from '../../services/api'
import { openPolicyTab } from '../../services/policyTab'
import { showUnread } from '../../services/subscribe'
import { useSession } from '../../store/session'

const go = (url: string) => () => void Taro.navigateTo({ url })

/** A row of 我的办事: what it is, a line of detail under it, its state on the right. */
function AffairRow({ id, title, hint, state, onClick }: { id: string; title: string; hint?: string | null; state: string; onClick: () => void }) {
  return (
    <Cell
      wide
      arrow
      onClick={onClick}
      label={
        <View id={`affair-${id}`}>
          <View>{title}</View>
          {hint ? <View className='cell__hint'>{hint}</View> : null}
        </View>
      }
      value={<Text id={`affair-${id}-state`}>{state}</Text>}
    />
  )
}

function permitsLine(p: Affairs['permits']): { state: string; hint: string | null } {
  if (!p.count) return { state: '还没有添加', hint: '添加后到期前提醒您' }
  const parts: string[] = []
  if (p.expired) parts.push(`${p.expired}张已过期`)
  // a count of days helps when it is near; years ahead, the date says it better
  if (p.nearest) parts.push(`${p.nearest.name} ${p.nearest.expiresOn}到期${p.nearest.daysLeft === 0 ? '（今天）' : p.nearest.daysLeft <= 90 ? `（还有${p.nearest.daysLeft}天）` : ''}`)
  return { state: `${p.count}张`, hint: parts.join('；') || null }
}

/** 我的办事: the owner's own business, gathered (one call: user.affairs). */
function MyAffairs({ a }: { a: Affairs }) {
  const permits = permitsLine(a.permits)
  return (
    <Section title='我的办事'>
      <AffairRow
        id='complaints'
        title='我的诉求'
        hint={a.complaints.total ? `共${a.complaints.total}件` : null}
        state={a.complaints.open ? `${a.complaints.open}件办理中` : a.complaints.total ? '都已办结' : '还没有'}
        onClick={go('/complaint/pages/index/index')}
      />
      <AffairRow
        id='loan'
        title='我的贷款申请'
        hint={a.loan ? `${a.loan.bankName} · ${a.loan.productName}` : null}
        state={a.loan ? a.loan.statusLabel : '还没有'}
        onClick={go('/loan/pages/index/index')}
      />
      <AffairRow
        id='certificate'
        title='结业证书'
        hint='开业第一课'
        state={a.certificate ? '已取得' : '还没有'}
        onClick={go(a.certificate ? '/course/pages/certificate/index' : '/course/pages/index/index')}
      />
      <AffairRow id='permits' title='证照' hint={permits.hint} state={permits.state} onClick={go('/reminder/pages/permits/index')} />
      <AffairRow id='favorites' title='收藏的政策' state={a.favorites ? `${a.favorites}条` : '还没有'} onClick={() => openPolicyTab('favorites')} />
      {a.stallRequest ? (
        <AffairRow
          id='stall-request'
          title='摊位申请'
          hint={`${a.stallRequest.marketName} ${a.stallRequest.stallNumber}`}
          state={a.stallRequest.statusLabel}
          onClick={go(`/pages/onboard/index?scene=${a.stallRequest.stallCode}`)}
        />
      ) : null}
    </Section>
  )
}

export default function Me() {
  const { data, saveSettings, careMode } = useSession()
  const [unread, setUnread] = useState(0)
  const [affairs, setAffairs] = useState<Affairs | null>(null)
  const [affairsError, setAffairsError] = useState<string | null>(null)
  const [verify, setVerify] = useState<VerifyStatus | null>(null)
  // a helper at someone's stall (no profile of their own): their page is the shop's reminders
  const [helperOf, setHelperOf] = useState<string | null>(null)
  const loaded = useRef(false)
  const load = () => {
    if (!data || data.staff) return
    loaded.current = true
    call('reminder.inbox.list', { limit: 1 })
      .then((r) => {
        setUnread(r.unread)
        showUnread(r.unread)
      })
      .catch(() => undefined)
    // 已核验 / 待核验 with the next step (#16); a failure only hides the row's state
    if (data.profile) call('user.verify.status', {}).then(setVerify).catch(() => setVerify(null))
    if (!data.profile) {
      call('admin.helper.mine', {})
        .then((r) => setHelperOf(r.helperOf?.businessName ?? null))
        .catch(() => setHelperOf(null))
    }
    // every show: a 诉求 filed or a permit added elsewhere is counted on return
    call('user.affairs', {})
      .then((r) => {
        setAffairs(r)
        setAffairsError(null)
      })
      .catch((err) => setAffairsError(errorMessage(err)))
  }
  useDidShow(load)
  // the first show can come before login answers: load once it has
  useEffect(() => {
    if (data && !loaded.current) load()
  }, [data])
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
          <Cell label='信用代码' stack value={<Text className='code'>{p.creditCode}</Text>} />
          <Cell label='行业' value={INDUSTRIES[p.industry]} />
          <Cell label='经营类型' arrow onClick={() => Taro.navigateTo({ url: '/classification/pages/index/index' })}>
            {data.decision ? <Tag>{`${data.decision.label}（${data.decision.year}年判定）`}</Tag> : data.classification ? <Tag tone='gray'>{`${data.classification.label}（估算）`}</Tag> : null}
          </Cell>
          <Cell
            wide
            arrow
            onClick={() => Taro.navigateTo({ url: '/verify/pages/index/index' })}
            label={
              <View id='verify-row'>
                <View>营业执照核验</View>
                {verify && verify.state === 'pending' ? <View className='cell__hint'>{verify.why}。可用电子营业执照核验，或到市场监管所现场核验</View> : null}
              </View>
            }
            value={verify ? <Tag tone={verify.state === 'verified' ? 'green' : 'orange'}>{verify.label}</Tag> : '查看'}
          />
          <Cell label='市场摊位' value={data.market ? `${data.market.name} ${data.stall?.number ?? ''}${data.stallShared ? '（与另一户共用）' : ''}` : '未绑定（扫摊位码可绑定）'} />
          <Cell label='修改档案' arrow onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })} />
        </Section>
      ) : helperOf ? (
        <Section title='店铺帮手'>
          <Cell label='我是帮手' value={helperOf} arrow onClick={() => Taro.navigateTo({ url: '/helper/pages/index/index' })} />
        </Section>
      ) : !data.staff ? (
        <Section title='经营档案'>
          <Cell label='还没有建档' value='去建档' arrow onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })} />
        </Section>
      ) : null}

      {!data.staff && affairs ? <MyAffairs a={affairs} /> : null}
      {!data.staff && !helperOf && !affairs && affairsError ? <Notice tone='error'>我的办事没有加载出来：{affairsError}</Notice> : null}

      {!data.staff ? (
        <Section title='消息与提醒'>
          <Cell label='消息' value={unread ? `${unread}条未读` : '查看'} arrow onClick={() => Taro.navigateTo({ url: '/reminder/pages/inbox/index' })} />
          <Cell label='证照与年报' value='到期前提醒' arrow onClick={() => Taro.navigateTo({ url: '/reminder/pages/permits/index' })} />
        </Section>
      ) : null}

      {!data.staff ? (
        <Section title='店员与邀请'>
          {p ? <Cell label='店员/帮手' value='让帮手看提醒和消息' arrow onClick={() => Taro.navigateTo({ url: '/helper/pages/index/index' })} /> : null}
          <Cell label='我有邀请码' value='工作人员、帮手加入' arrow onClick={() => Taro.navigateTo({ url: '/pages/join/index' })} />
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
        <Cell
          label='个人信息保护告知书'
          value={data.privacy.acceptedVersion === data.privacy.currentVersion ? `已同意（${data.privacy.acceptedVersion}版）` : data.privacy.declined ? '不同意' : '未同意'}
          arrow={!data.staff && data.privacy.acceptedVersion !== data.privacy.currentVersion}
          onClick={!data.staff && data.privacy.acceptedVersion !== data.privacy.currentVersion ? go('/pages/onboard/index') : undefined}
        />
        {!data.staff ? <Cell label='个人信息' value='查看、导出、撤回、注销' arrow onClick={go('/rights/pages/index/index')} /> : null}
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
