import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Output } from '../core/common/action'
import { showDate } from '../core/common/time'
import type { Contracts } from '../core/contracts'
import { Tag } from './ui'

type View_ = Output<Contracts['user.profile.get']>
type C = NonNullable<View_['classification']>
type D = NonNullable<View_['decision']>

const tone = (t: string) => (t === 'survival' ? 'orange' : t === 'growth' ? 'green' : 'blue') as 'orange' | 'green' | 'blue'
const open = () => Taro.navigateTo({ url: '/classification/pages/index/index' })

/**
 * 分型 on 首页: the year's decision where one has run (with its year and date), and the estimate
 * from the current profile apart, labelled 估算. Without a decision, the estimate with every
 * reason, so the owner sees why (REFERENCE.md: thresholds are configuration).
 */
export function ClassificationView({ c, decision, showReasons = true }: { c: C; decision?: D | null; showReasons?: boolean }) {
  if (decision) {
    return (
      <View id='classification'>
        <View className='hero__type' id='decided-type' onClick={open}>
          <Tag tone={tone(decision.type)}>{decision.label}</Tag>
          <Text className='hero__meta'>{`${decision.year}年分型结果 · ${showDate(decision.decidedAt)}${decision.roundLabel}`}</Text>
        </View>
        <View className='reasons'>
          <View className='reason' id='estimate-line' onClick={open}>
            <Text>{`估算（按您现在的档案）：${c.label}${c.type === decision.type ? '，与判定结果一致' : '，与判定结果不同；有异议可在“我的分型”里提出'} ›`}</Text>
          </View>
        </View>
      </View>
    )
  }
  return (
    <View id='classification'>
      <View className='hero__type'>
        <Tag tone={tone(c.type)}>{`估算 · ${c.label}`}</Tag>
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
