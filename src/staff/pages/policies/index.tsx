import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { usePaged } from '../../../components/usePaged'
import { Cell, LoadFailed, Loading, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { call, errorMessage } from '../../../services/api'

type Row = Output<Contracts['policy.admin.list']>['policies'][number]
const STATUS = { draft: ['草稿', 'gray'], published: ['已发布', 'green'], withdrawn: ['已撤回', 'orange'] } as const
const PUSH = { none: '', queued: '推送中', done: '已推送', stopped: '推送已停止' } as const

/** Staff policies: 待复核 first, then every policy, newest written first, a page at a time. */
export default function StaffPolicies() {
  const list = usePaged<Row>(async (cursor, limit) => {
    const r = await call('policy.admin.list', { ...(cursor ? { cursor } : {}), limit })
    return { items: r.policies, total: r.total, nextCursor: r.nextCursor }
  }, 30)
  const rows = list.items
  const [toReview, setToReview] = useState<Row[]>([])
  const [reviewError, setReviewError] = useState<string | null>(null)
  const loadReview = () =>
    call('policy.admin.reviewList', {})
      .then((due) => setToReview(due.policies))
      .catch((err) => setReviewError(errorMessage(err)))
  const shown = useRef(false)
  const load = () => Promise.all([shown.current ? list.reload() : list.reset(), loadReview()])
  useDidShow(() => {
    void load()
    shown.current = true
  })
  const error = list.error ?? reviewError
  // one tap records that a policy with no stated end is still in force (who and when)
  const review = async (p: Row) => {
    try {
      await call('policy.admin.review', { id: p.id })
      Taro.showToast({ title: '已记录：仍在执行', icon: 'none' })
      await load()
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }
  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!rows) return <Page><Loading /></Page>
  return (
    <Page>
      <View className='actions' style={{ paddingBottom: 0 }}>
        <PrimaryButton onClick={() => Taro.navigateTo({ url: '/staff/pages/policy/index' })}>新建政策</PrimaryButton>
        <SecondaryButton onClick={() => Taro.navigateTo({ url: '/staff/pages/contacts/index' })}>办事联系方式（政策页上的电话、地址）</SecondaryButton>
      </View>
      {toReview.length ? (
        <Section title={`待复核（${toReview.length}条）`} footer='文件没写截止日期、发布或上次复核已满12个月的政策。个体户看到的是“请向主管部门确认是否仍在执行”；向主管部门核实后点“仍在执行”。已停止的请撤回。'>
          {toReview.map((p) => (
            <View key={p.id} className='cell' id={`review-${p.id}`}>
              <View className='cell__label cell__label--wide'><Text>{p.title}</Text></View>
              <View className='cell__value'>
                <Text className='link' onClick={() => review(p)}>仍在执行</Text>
              </View>
            </View>
          ))}
        </Section>
      ) : null}
      <Section title={`共${list.total}条`} footer='推送：发送给按档案可能符合条件的个体户；打开、收藏按户计。'>
        {rows.map((p) => (
          <Cell key={p.id} wide label={<Text>{p.title}</Text>} arrow onClick={() => Taro.navigateTo({ url: `/staff/pages/policy/index?id=${p.id}` })}>
            <Tag tone={STATUS[p.status][1]}>{STATUS[p.status][0]}</Tag>
            <Text className='grid__hint' style={{ display: 'block' }}>
              {PUSH[p.push] ? `${PUSH[p.push]} · ` : ''}推送{p.stats.pushed} 打开{p.stats.opened} 收藏{p.stats.favorited}
            </Text>
          </Cell>
        ))}
      </Section>
      <LoadMore shown={rows.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} />
    </Page>
  )
}
