import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, Empty, Loading, Section } from '../../../components/ui'
import { call } from '../../../services/api'
import { useSession } from '../../../store/session'

export default function StaffHome() {
  const { data } = useSession()
  // how many stall requests wait for this regulator (null: not known, the row still opens the queue)
  const [waiting, setWaiting] = useState<number | null>(null)
  useDidShow(() => {
    if (data?.staff?.role === 'bank') return
    call('user.stall.requests', { status: 'open' })
      .then((r) => setWaiting(r.requests.length))
      .catch(() => setWaiting(null))
  })
  if (!data) return <Page><Loading /></Page>
  if (!data.staff) return <Page><Empty title='仅限工作人员使用'>如需开通，请联系本地市场监管部门。</Empty></Page>
  const regulator = data.staff.role === 'regulator' || data.staff.role === 'admin'
  return (
    <Page>
      <Section title={`${data.staff.name}${data.staff.regionName ? ` · ${data.staff.regionName}` : ''}`}>
        {regulator ? (
          <View>
            <Cell label='监测分析' value='辖区数字、图表、名单和报表' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/monitor/index' })} />
            <Cell label='市场与摊位' value='建市场、加摊位、印二维码' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/markets/index' })} />
            <Cell
              label='摊位绑定申请'
              value={waiting ? `${waiting}条待审核` : '改绑到申请人名下'}
              arrow
              onClick={() => Taro.navigateTo({ url: '/staff/pages/stallrequests/index' })}
            />
            <Cell label='经营户核验' value='待核验的经营户、现场核验' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/verify/index' })} />
            <Cell label='营业执照转移申请' value='一个营业执照只绑一个微信号' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/claims/index' })} />
            <Cell label='覆盖与走访' value='登记、加入、核验，走访名单' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/visits/index' })} />
            <Cell label='走访问需' value='走访名单、扫码走访、记录需求' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/visitlist/index' })} />
            <Cell label='跟进事项' value='走访后要办的事、到期提醒' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/followups/index' })} />
            <Cell label='政策管理' value='发布、推送、看覆盖' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/policies/index' })} />
            <Cell label='办事联系方式' value='政策页上的电话、地址' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/contacts/index' })} />
            <Cell label='诉求工作台' value='受理、交办、答复' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/complaints/index' })} />
            <Cell label='问卷调查' value='写问卷、发给个体户、看结果' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/surveys/index' })} />
            <Cell label='双随机抽查' value='抽查计划、事前提醒' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/inspections/index' })} />
            <Cell label='违规提示' value='发送、确认整改、逾期' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/hints/index' })} />
            <Cell label='经营异常' value='标记、信用修复、移出' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/abnormal/index' })} />
            <Cell label='名特优新审核' value='申报、公示、异议、认定' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/recognitions/index' })} />
            <Cell label='分型异议复核' value='经营户对分型结果的异议' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/classification/index' })} />
            <Cell label='问一问·群众提问' value='回复转人工的问题、发布常见问题' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/questions/index' })} />
            <Cell label='开业第一课' value='学习和通过情况' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/course/index' })} />
            <Cell label='登记名录' value='导入、查找个体工商户' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/register/index' })} />
            <Cell label='人员管理' value={data.staff.role === 'admin' ? '邀请、改角色、暂停' : '邀请本地区监管人员'} arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/people/index' })} />
          </View>
        ) : (
          <Cell label='贷款申请' value='本行收到的申请' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/loans/index' })} />
        )}
        <Cell label='消息' value='超期督办等通知' arrow onClick={() => Taro.navigateTo({ url: '/reminder/pages/inbox/index' })} />
      </Section>
    </Page>
  )
}
