import Taro from '@tarojs/taro'
import { FeatureGrid } from '../../components/Features'
import { Page } from '../../components/Page'
import { Cell, Section } from '../../components/ui'
import { useSession } from '../../store/session'

export default function Services() {
  const { data } = useSession()
  return (
    <Page>
      <FeatureGrid />
      {data?.staff ? (
        <Section title='工作人员'>
          <Cell label='工作台' value='市场、摊位与二维码' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/home/index' })} />
        </Section>
      ) : null}
    </Page>
  )
}
