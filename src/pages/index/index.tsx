import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { ClassificationView } from '../../components/Classification'
import { CourseCard } from '../../components/CourseCard'
import { DevPanel } from '../../components/DevPanel'
import { FeatureGrid } from '../../components/Features'
import { Page } from '../../components/Page'
import { Loading, Notice, PrimaryButton, SecondaryButton } from '../../components/ui'
import { useSession } from '../../store/session'

const STAFF_TITLES = { regulator: '监管人员', bank: '银行客户经理', admin: '系统管理员' } as const

export default function Home() {
  const { data, loading, error, refresh } = useSession()
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <Page>
      {loading && !data ? <Loading /> : null}
      {error ? (
        <View>
          <Notice tone='error'>{error}</Notice>
          <View className='actions'>
            <SecondaryButton onClick={() => refresh()}>重新加载</SecondaryButton>
          </View>
        </View>
      ) : null}

      {data?.staff ? (
        <View className='hero'>
          <View className='hero__name'>{data.staff.name}</View>
          <View className='hero__meta'>
            {STAFF_TITLES[data.staff.role]}
            {data.staff.regionName ? ` · ${data.staff.regionName}` : ''}
            {data.staff.bankName ? ` · ${data.staff.bankName}` : ''}
          </View>
          <View className='actions'>
            <PrimaryButton onClick={() => Taro.navigateTo({ url: '/staff/pages/home/index' })}>进入工作台</PrimaryButton>
          </View>
        </View>
      ) : null}

      {data && !data.staff && !data.profile ? (
        <View className='hero' id='welcome'>
          <View className='hero__name'>欢迎使用个体工商户服务</View>
          <View className='hero__meta'>
            {data.privacy.declined
              ? '您没有同意个人信息保护告知书，所以没有建立档案。政策和开业第一课照样可以看；想用提醒、诉求和码上贷时，再建档即可。'
              : '建好经营档案后，我们会按您的情况推荐扶持政策，并在证照到期、年报截止前提醒您。大约需要2分钟。'}
          </View>
          <View className='actions'>
            <PrimaryButton onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })}>{data.privacy.declined ? '重新阅读告知书' : '开始建档'}</PrimaryButton>
          </View>
        </View>
      ) : null}

      {/* a new notice (or one withdrawn): an owner with a profile is asked again, here where they land */}
      {data?.profile && !data.staff && data.privacy.acceptedVersion !== data.privacy.currentVersion ? (
        <View id='privacy-update'>
          <Notice tone='warn'>
            {data.privacy.declined
              ? '您没有同意现行的个人信息保护告知书：档案保留着，但不能修改，政策也不按档案推荐。'
              : `个人信息保护告知书更新了（${data.privacy.currentVersion}版），请阅读并选择是否同意。`}
          </Notice>
          <View className='actions'>
            <SecondaryButton onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })}>阅读告知书</SecondaryButton>
          </View>
        </View>
      ) : null}

      {data?.profile ? (
        <View className='hero' id='business-card'>
          <View className='hero__name'>{data.profile.businessName}</View>
          <View className='hero__meta'>
            {data.market ? `${data.market.name}` : data.profile.regionName}
            {data.stall ? ` · 摊位 ${data.stall.number}` : ''}
          </View>
          {data.classification ? <ClassificationView c={data.classification} decision={data.decision} /> : null}
        </View>
      ) : null}

      {data?.profile && !data.staff ? <CourseCard /> : null}

      {data && !data.staff ? (
        <View>
          <View className='section__title' style={{ marginTop: '12px' }}>
            <Text>为您服务</Text>
          </View>
          <FeatureGrid />
        </View>
      ) : null}

      {process.env.TARO_ENV === 'h5' ? <DevPanel /> : null}
    </Page>
  )
}
