import { Input, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { LoadMore } from '../../components/LoadMore'
import { Page } from '../../components/Page'
import { usePaged } from '../../components/usePaged'
import { PolicyCard } from '../../components/PolicyCard'
import { Empty, Loading, Notice, PrimaryButton, SecondaryButton } from '../../components/ui'
import { useSession } from '../../store/session'
import type { PolicyItem } from '../../core/policy/contract'
import { CATEGORIES, type Category } from '../../core/policy/categories'
import { call } from '../../services/api'
import { takePolicyTab } from '../../services/policyTab'
import './index.css'

type Tab = 'feed' | 'all' | 'favorites'
const TABS: Record<Tab, string> = { feed: '为您推荐', all: '全部', favorites: '收藏' }

/** 全部 and search come region first (core/policy/rank): each group says where it applies. */
const SCOPE_TITLES: Record<NonNullable<PolicyItem['scope']>, string> = {
  local: '您所在地区的政策',
  province: '您所在省的政策',
  national: '不限地区的政策',
  elsewhere: '其他地区的政策（不适用于您所在的地区）',
  unknown: '文件没写地区的政策'
}

/** The 政策 tab: recommendations with reasons, browsing, search, favourites. */
export default function Policy() {
  const { data: session } = useSession()
  // wait for the role: the owner feed would be refused for staff
  if (!session) return <Page><Loading /></Page>
  if (session.staff) {
    // the owner feed is for owners; staff write and publish policies in the workbench
    return (
      <Page>
        <Notice>工作人员请在工作台的“政策管理”里编写、发布政策，查看推送覆盖。</Notice>
        <View className='actions'>
          <PrimaryButton onClick={() => Taro.navigateTo({ url: '/staff/pages/policies/index' })}>去政策管理</PrimaryButton>
        </View>
      </Page>
    )
  }
  return <OwnerPolicy />
}

function OwnerPolicy() {
  // 我的 → 收藏的政策 opens this tab at 收藏 (services/policyTab.ts)
  const [tab, setTab] = useState<Tab>(() => takePolicyTab() ?? 'feed')
  const [category, setCategory] = useState<Category | undefined>()
  const [department, setDepartment] = useState<string | undefined>()
  const [departments, setDepartments] = useState<string[]>([])
  const [q, setQ] = useState('')
  const [searching, setSearching] = useState<string | null>(null)
  const [info, setInfo] = useState<{ personalized: boolean; hasProfile: boolean } | null>(null)

  // a page at a time with the server's cursor: a policy published meanwhile never repeats or skips one
  const list = usePaged<PolicyItem>(
    async (cursor, limit) => {
      const at = { ...(cursor ? { cursor } : {}), limit }
      if (searching) return call('policy.search', { q: searching, ...at })
      if (tab === 'feed') {
        const r = await call('policy.feed', at)
        setInfo({ personalized: r.personalized, hasProfile: r.hasProfile })
        return r
      }
      const r = await call('policy.list', { ...at, ...(tab === 'favorites' ? { favorites: true } : { category, department }) })
      setDepartments(r.departments)
      return r
    },
    20,
    50
  )
  const items = list.items
  const error = list.error

  // a new view (tab, filter, search) starts from the top
  useEffect(() => {
    void list.reset(true)
  }, [tab, category, department, searching])
  // back from a detail page: read and favourite marks may have changed (the first show is the
  // effect's load above, not a second one)
  const shown = useRef(false)
  useDidShow(() => {
    const asked = shown.current ? takePolicyTab() : null
    if (asked) {
      setSearching(null)
      setTab(asked)
    }
    if (shown.current && (!asked || asked === tab)) void list.reload()
    shown.current = true
  })

  const search = () => setSearching(q.trim() ? q.trim().slice(0, 40) : null)

  return (
    <Page>
      <View className='policy-search'>
        <Input className='policy-search__input' name='policySearch' placeholder='搜索政策，如：贷款、补贴、社保' maxlength={40} value={q} confirmType='search' onInput={(e) => setQ(e.detail.value)} onConfirm={search} />
        <Text className='policy-search__go' onClick={search}>搜索</Text>
      </View>
      {searching ? (
        <Notice>
          “{searching}”的搜索结果 · <Text style={{ color: 'var(--c-link)' }} onClick={() => { setQ(''); setSearching(null) }}>清除</Text>
        </Notice>
      ) : (
        <View className='policy-tabs'>
          {(Object.keys(TABS) as Tab[]).map((t) => (
            <View key={t} className={`policy-tab${t === tab ? ' policy-tab--on' : ''}`} onClick={() => setTab(t)}>
              {TABS[t]}
            </View>
          ))}
        </View>
      )}
      {!searching && tab === 'all' ? (
        <ScrollView scrollX className='policy-cats'>
          <View className={`chip${!category && !department ? ' chip--on' : ''}`} onClick={() => { setCategory(undefined); setDepartment(undefined) }}>全部</View>
          {(Object.keys(CATEGORIES) as Category[]).map((c) => (
            <View key={c} className={`chip${c === category ? ' chip--on' : ''}`} onClick={() => { setCategory(c); setDepartment(undefined) }}>
              {CATEGORIES[c]}
            </View>
          ))}
          {departments.slice(0, 12).map((d) => (
            <View key={d} className={`chip${d === department ? ' chip--on' : ''}`} onClick={() => { setDepartment(d); setCategory(undefined) }}>
              {d.length > 10 ? `${d.slice(0, 10)}…` : d}
            </View>
          ))}
        </ScrollView>
      ) : null}
      {!searching && tab === 'feed' && info && !info.personalized ? <Notice tone='warn'>您已关闭个性化推荐，下面按发布时间列出全部政策。可在“我的”里重新打开。</Notice> : null}
      {!searching && tab === 'feed' && info && info.personalized && !info.hasProfile ? (
        <View>
          <Notice>建好经营档案后，这里会按您的情况推荐政策，并说明为什么适合您。</Notice>
          <View className='actions' style={{ paddingTop: '12px' }}>
            <SecondaryButton onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })}>去建档</SecondaryButton>
          </View>
        </View>
      ) : null}
      {error ? <Notice tone='error'>{error}</Notice> : null}
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 ? <Empty title={tab === 'favorites' && !searching ? '还没有收藏' : '没有找到政策'}>{tab === 'feed' && !searching ? '暂时没有符合您条件的政策，可以看看“全部”。' : null}</Empty> : null}
      {items?.length ? <View className='section__title' id='policy-count'>{searching ? `找到${list.total}条` : `共${list.total}条`}</View> : null}
      <View className='cells' id='policy-list'>
        {items?.map((p, i) => (
          <View key={p.id}>
            {/* the recommendations have their own order; the rest is grouped by where it applies */}
            {(searching || tab === 'all') && p.scope && p.scope !== items[i - 1]?.scope ? (
              <View className='policy-group' id={`policy-group-${p.scope}`}>{SCOPE_TITLES[p.scope]}</View>
            ) : null}
            <PolicyCard p={p} />
          </View>
        ))}
      </View>
      {items ? <LoadMore shown={items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} /> : null}
    </Page>
  )
}
