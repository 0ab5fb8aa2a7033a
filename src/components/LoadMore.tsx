import { Button, Text, View } from '@tarojs/components'

/**
 * The foot of a paged list: 加载更多 while there is more, and how many are shown of how many;
 * once more than one page is on screen, that all are. `unit` is the measure word (条, 份).
 */
export function LoadMore({ shown, total, more, beyond, loading, onMore, onRefresh, unit = '条' }: { shown: number; total: number; more: boolean; beyond: boolean; loading: boolean; onMore: () => void; onRefresh?: () => void; unit?: string }) {
  if (more) {
    return (
      <View className='load-more'>
        <Button className={`btn btn--default${loading ? ' btn--disabled' : ''}`} onClick={loading ? undefined : onMore}>
          {loading ? '正在加载…' : '加载更多'}
        </Button>
        <Text className='load-more__count'>已显示{shown}{unit}，共{total}{unit}</Text>
      </View>
    )
  }
  if (!shown) return null
  // everything that was there is shown; more may have arrived above it since the first page
  const newer = total > shown
  // one page that holds them all: the list's title already says how many
  if (!newer && !beyond) return null
  return (
    <View className='load-more'>
      <Text className='load-more__count'>
        {newer ? `已显示${shown}${unit}，共${total}${unit}` : `已全部显示，共${shown}${unit}`}
        {newer && onRefresh ? '，' : ''}
        {newer && onRefresh ? <Text className='link' onClick={onRefresh}>刷新看新的</Text> : null}
      </Text>
    </View>
  )
}
