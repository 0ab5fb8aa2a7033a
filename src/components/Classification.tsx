import { Text, View } from '@tarojs/components'
import type { Output } from '../core/common/action'
import type { Contracts } from '../core/contracts'
import { Tag } from './ui'

type C = NonNullable<Output<Contracts['user.profile.get']>['classification']>

/** 分型 with every reason, so the owner sees why (REFERENCE.md: thresholds are configuration). */
export function ClassificationView({ c, showReasons = true }: { c: C; showReasons?: boolean }) {
  return (
    <View>
      <View className='hero__type'>
        <Tag tone={c.type === 'survival' ? 'orange' : c.type === 'growth' ? 'green' : 'blue'}>{c.label}</Tag>
        <Text className='hero__meta'>{c.focus}</Text>
      </View>
      {showReasons ? (
        <View className='reasons'>
          {c.reasons.map((r) => (
            <View className='reason' key={r.text}>
              <Text className={`reason__mark reason__mark--${r.met ? 'met' : 'unmet'}`}>{r.met ? '✓' : '…'}</Text>
              <Text>{r.text}</Text>
            </View>
          ))}
          <View className='reason'>
            <Text>{c.note}</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}
