import Taro from '@tarojs/taro'
import { FeatureGrid } from '../../components/Features'
import { Page } from '../../components/Page'
import { Cell, Section } from '../../components/ui'
import { useSession } from '../../store/session'

export default function Services() {
  const { data } = useSession()
  return (
    <Page>
      {/* owner services are for owners; staff work from the workbench */}
      {data && !data.staff ? <FeatureGrid /> : null}
      {data && !data.staff ? (
        <>
        <Section title='检查与信用'>
          <Cell label='抽查、整改与信用修复' value='监管部门的提醒' arrow onClick={() => Taro.navigateTo({ url: '/notice/pages/index/index' })} />
        </Section>
        <Section title='名特优新'>
          <Cell label='名特优新申报' value='知名、特色、优质、新兴' arrow onClick={() => void Taro.navigateTo({ url: '/recog/pages/index/index' })} />
          <Cell label='名特优新公示' value='正在公示的个体户' arrow onClick={() => void Taro.navigateTo({ url: '/recog/pages/public/index' })} />
        </Section>
        </>
      ) : null}
      {data?.staff ? (
        <Section title='工作人员'>
          <Cell label='工作台' value='市场、政策、贷款申请' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/home/index' })} />
        </Section>
      ) : null}
    </Page>
  )
}
