import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PolicyItem } from '../core/policy/contract'
import { CATEGORIES } from '../core/policy/categories'
import { Tag } from './ui'

/** One policy in a list: what you get, whether it fits you, and what is missing if almost. */
export function PolicyCard({ p }: { p: PolicyItem }) {
  return (
    <View className='notice-text policy-card' onClick={() => Taro.navigateTo({ url: `/policy/pages/detail/index?id=${p.id}` })}>
      <View className='notice-text__heading' style={{ marginTop: 0 }}>
        {p.read ? null : <Text style={{ color: 'var(--c-warn)' }}>● </Text>}
        {p.title}
      </View>
      <View style={{ margin: '6px 0', display: 'flex', gap: '6px', flexWrap: 'wrap' }}>
        {p.status === 'match' ? <Tag>可能符合</Tag> : p.status === 'almost' ? <Tag tone='orange'>差一项</Tag> : null}
        <Tag tone='gray'>{CATEGORIES[p.category]}</Tag>
        {p.expired ? <Tag tone='gray'>已过期</Tag> : p.age === 'unconfirmed' ? <Tag tone='orange'>请先确认仍在执行</Tag> : null}
        {p.favorite ? <Tag tone='blue'>已收藏</Tag> : null}
      </View>
      {p.missing ? <View className='notice-text__body' style={{ color: '#c86a00' }}>还差：{p.missing}</View> : null}
      <View className='notice-text__body teaser'>{p.what}</View>
      <Text className='grid__hint'>{p.department}</Text>
    </View>
  )
}
