import Taro from '@tarojs/taro'
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type PropsWithChildren } from 'react'
import type { Output } from '../core/common/action'
import type { Contracts } from '../core/contracts'
import type { Settings } from '../core/user/contract'
import { call, errorMessage } from '../services/api'
import { applyCareChrome, CARE_KEY } from '../services/careChrome'
import { offerCareMode } from '../services/careMode'
import { setTemplates, showUnread } from '../services/subscribe'

export type LoginData = Output<Contracts['user.login']>

interface SessionState {
  data: LoginData | null
  loading: boolean
  error: string | null
  /** 关怀模式 is known before login returns (cached), so the first paint already honours it */
  careMode: boolean
  refresh(): Promise<LoginData | null>
  saveSettings(patch: Partial<Settings>): Promise<void>
  /** replaces the owner part after a profile save, without another round trip */
  patch(part: Partial<LoginData>): void
}

const SessionContext = createContext<SessionState | null>(null)

export function SessionProvider({ children }: PropsWithChildren) {
  const [data, setData] = useState<LoginData | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [careMode, setCareMode] = useState<boolean>(() => Boolean(Taro.getStorageSync(CARE_KEY)))

  const refresh = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      const d = await call('user.login', {})
      setTemplates(d.templates)
      setData(d)
      // the unread count on the 我的 tab, from the start (staff too: supervisors hear of overdue 诉求)
      void call('reminder.inbox.list', { limit: 1 }).then((r) => showUnread(r.unread)).catch(() => undefined)
      setCareMode(d.settings.careMode)
      Taro.setStorageSync(CARE_KEY, d.settings.careMode)
      return d
    } catch (err) {
      setError(errorMessage(err))
      return null
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const saveSettings = useCallback(async (patch: Partial<Settings>) => {
    // Optimistic for the switch the owner just touched; rolled back if the server refuses.
    const before = careMode
    if (patch.careMode !== undefined) setCareMode(patch.careMode)
    try {
      const settings = await call('user.settings.save', patch)
      setData((d) => (d ? { ...d, settings } : d))
      setCareMode(settings.careMode)
      Taro.setStorageSync(CARE_KEY, settings.careMode)
    } catch (err) {
      setCareMode(before)
      throw err
    }
  }, [careMode])

  // Once per launch, after the first login says whether 关怀模式 is on (WeChat only: H5 has no font size).
  const careOffered = useRef(false)
  useEffect(() => {
    if (!data || careOffered.current) return
    careOffered.current = true
    void offerCareMode(data.settings.careMode, () => saveSettings({ careMode: true }))
  }, [data, saveSettings])

  // the tab bar sits outside every page's root: tell it separately
  useEffect(() => applyCareChrome(careMode), [careMode])

  const patch = useCallback((part: Partial<LoginData>) => setData((d) => (d ? { ...d, ...part } : d)), [])

  const value = useMemo(
    () => ({ data, loading, error, careMode, refresh, saveSettings, patch }),
    [data, loading, error, careMode, refresh, saveSettings, patch]
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionState {
  const s = useContext(SessionContext)
  if (!s) throw new Error('useSession outside SessionProvider')
  return s
}
