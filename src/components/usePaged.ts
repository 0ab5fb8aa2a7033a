import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { MAX_PAGE } from '../core/common/pageSize'
import { errorMessage } from '../services/api'

export interface PageOf<T> {
  items: T[]
  total: number
  nextCursor: string | null
}

/**
 * A list that pages with the server's cursor (core/common/paging.ts): the first page, 加载更多
 * (the button, or scrolling to the bottom), how many there are in all. `fetchPage` may change
 * with the page's filters; call `reset` then.
 */
export function usePaged<T extends { id: string }>(fetchPage: (cursor: string | undefined, limit: number) => Promise<PageOf<T>>, pageSize = 20, maxLimit = MAX_PAGE) {
  const [items, setItems] = useState<T[] | null>(null)
  const [total, setTotal] = useState(0)
  const [next, setNext] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  // answers to a load the page has since replaced (a filter changed meanwhile) are dropped
  const seq = useRef(0)
  const shown = useRef(0)
  shown.current = items?.length ?? 0
  const busy = useRef(false)

  const first = useCallback(async (limit: number) => {
    const mine = ++seq.current
    busy.current = false
    setLoadingMore(false)
    try {
      const r = await fetchRef.current(undefined, limit)
      if (mine !== seq.current) return
      setItems(r.items)
      setTotal(r.total)
      setNext(r.nextCursor)
      setError(null)
    } catch (err) {
      if (mine === seq.current) setError(errorMessage(err))
    }
  }, [])

  /**
   * From the top again, one page (a new filter). What is on screen stays until the answer comes,
   * unless `clear` (another list altogether: the page shows 正在加载…).
   */
  const reset = useCallback(
    (clear = false) => {
      if (clear) setItems(null)
      return first(pageSize)
    },
    [first, pageSize]
  )

  /** Fresh data for what is on screen (back from a detail page): as many as were loaded, up to the contract's most. */
  const reload = useCallback(() => first(Math.min(maxLimit, Math.max(pageSize, shown.current))), [first, pageSize, maxLimit])

  const loadMore = useCallback(async () => {
    if (!next || busy.current) return
    busy.current = true
    setLoadingMore(true)
    const mine = seq.current
    try {
      const r = await fetchRef.current(next, pageSize)
      if (mine !== seq.current) return
      // the cursor never repeats an entry; the id check guards a page that raced a reload
      setItems((have) => {
        const ids = new Set((have ?? []).map((x) => x.id))
        return [...(have ?? []), ...r.items.filter((x) => !ids.has(x.id))]
      })
      setTotal(r.total)
      setNext(r.nextCursor)
    } catch (err) {
      if (mine === seq.current) Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      if (mine === seq.current) {
        busy.current = false
        setLoadingMore(false)
      }
    }
  }, [next, pageSize])

  useReachBottom(() => {
    void loadMore()
  })

  /** One entry changed in place (an officer's decision): the rest stays where it was. */
  const replace = useCallback((item: T) => setItems((have) => have?.map((x) => (x.id === item.id ? item : x)) ?? have), [])

  return {
    items,
    total,
    more: next !== null,
    /** more than the first page is on screen: the foot then says that all are shown */
    beyond: (items?.length ?? 0) > pageSize,
    loadingMore,
    error,
    reset,
    reload,
    loadMore,
    replace
  }
}

/**
 * A list page's loading on show: the first page when the page first shows; on every later show
 * (back from a detail page that may have changed a row) fresh data for what is on screen.
 */
export function useListOnShow(list: { reset: () => unknown; reload: () => unknown }) {
  const shown = useRef(false)
  useDidShow(() => {
    void (shown.current ? list.reload() : list.reset())
    shown.current = true
  })
}
