import Taro from '@tarojs/taro'

/**
 * WeChat's privacy gate (since 15 Sep 2023): a privacy API such as chooseMedia waits until the
 * user agrees to the 用户隐私保护指引. WeChat tells us through onNeedPrivacyAuthorization and
 * hands over a resolve function; our own dialog (components/PrivacyDialog.weapp.tsx, shown by
 * every Page) explains what is asked and answers through it. Nothing of this runs in H5.
 */
type Resolve = (answer: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

export interface PrivacyRequest {
  /** the API or component that asked, e.g. 'chooseMedia' (WeChat's eventInfo.referrer) */
  referrer: string
}

/** The id of the agree button: WeChat checks that the button with this id was tapped. */
export const AGREE_BUTTON_ID = 'agree-privacy'

let pending: { resolve: Resolve; request: PrivacyRequest } | null = null
const listeners = new Set<(r: PrivacyRequest | null) => void>()
const emit = () => listeners.forEach((l) => l(pending?.request ?? null))

/** Registers the listener once, at app start (app.tsx). */
export function startPrivacyGuard() {
  if (process.env.TARO_ENV !== 'weapp') return
  // Taro copies every wx API onto Taro in the weapp build; older base libraries lack this one
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve, info) => {
    // a second request while one is open: the newest API is the one waiting, answer it
    pending = { resolve, request: { referrer: info?.referrer ?? '' } }
    emit()
  })
}

export function currentPrivacyRequest(): PrivacyRequest | null {
  return pending?.request ?? null
}

export function onPrivacyRequest(listener: (r: PrivacyRequest | null) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Tells WeChat the dialog is on screen (it counts the exposure). */
export function privacyShown() {
  try {
    pending?.resolve({ event: 'exposureAuthorization' })
  } catch {
    // an exposure report is best effort
  }
}

/** The owner's answer: agree after tapping the agree button, or disagree. */
export function answerPrivacy(agree: boolean) {
  const p = pending
  pending = null
  emit()
  p?.resolve(agree ? { buttonId: AGREE_BUTTON_ID, event: 'agree' } : { event: 'disagree' })
}

/**
 * What a privacy API rejects with after 不同意: "…:fail privacy permission is not authorized".
 * Not "…is not declared in the privacy agreement": that is a missing admin declaration, not the owner's answer.
 */
export const isPrivacyRefusal = (err: unknown) => /privacy permission is not authorized/i.test(errText(err))

/** Taro's promisified APIs reject with WeChat's {errMsg}, not an Error. */
export const errText = (err: unknown) =>
  typeof err === 'object' && err !== null ? String((err as { errMsg?: unknown; message?: unknown }).errMsg ?? (err as { message?: unknown }).message ?? '') : String(err ?? '')
