import { Page } from '../../components/Page'
import { Empty } from '../../components/ui'

/** The 政策 tab. The policy library, matching and push arrive with the policy feature. */
export default function Policy() {
  return (
    <Page>
      <Empty title='政策库正在整理'>各级扶持政策正在逐条整理、注明出处，整理好后会在这里按您的情况推荐。</Empty>
    </Page>
  )
}
