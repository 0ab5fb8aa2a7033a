import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PolicyItem } from '../core/policy/contract'
import { CATEGORIES } from '../core/policy/categories'
import { FIT_LABELS } from '../core/policy/fit'
import { Tag } from './ui'

const FIT_TONE = { match: 'green', almost: 'orange', no: 'gray', elsewhere: 'gray', regionUnknown: 'gray', expired: 'gray' } as const

/**
 * One policy in a list: what you get, whether it may fit you (or why it cannot: another region,
 * ended), what is missing if one step away, where it applies and which document says so.
 */
export function PolicyCard({ p }: { p: PolicyItem }) {
  return (
    <View className='notice-text policy-card' onClick={() => Taro.navigateTo({ url: `/policy/pages/detail/index?id=${p.id}` })}>
      <View className='notice-text__heading' style={{ marginTop: 0 }}>
        {p.read ? null : <Text style={{ color: 'var(--c-warn)' }}>● </Text>}
        {p.title}
      </View>
      <View style={{ margin: '6px 0', display: 'flex', gap: '6px', flexWrap: 'wrap' }}>
        {p.fit && p.fit !== 'expired' ? <Tag tone={FIT_TONE[p.fit]}>{FIT_LABELS[p.fit]}</Tag> : null}
        <Tag tone='gray'>{CATEGORIES[p.category]}</Tag>
        {p.expired ? <Tag tone='gray'>已过期</Tag> : p.age === 'unconfirmed' ? <Tag tone='orange'>请先确认仍在执行</Tag> : null}
        {p.favorite ? <Tag tone='blue'>已收藏</Tag> : null}
      </View>
      {p.missing ? <View className='notice-text__body' style={{ color: '#c86a00' }}>还差：{p.missing}</View> : null}
      <View className='notice-text__body teaser'>{p.what}</View>
      <View className='grid__hint policy-card__meta'>适用：{p.place}</View>
      <View className='grid__hint policy-card__meta policy-card__source'>出自{p.sourceLine}</View>
    </View>
  )
}
