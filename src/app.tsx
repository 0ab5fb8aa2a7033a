import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { CLOUD_ENV } from './services/deploy'
import { startPrivacyGuard } from './services/privacy'
import { SessionProvider } from './store/session'
import './app.css'

// At module load, before any page's first call (the session logs in as soon as it mounts).
// The environment id comes from build config (.env.production), never from source. Without one,
// WeChat uses the mini-program's default environment; if there is none, calls fail and the
// transport says so in plain words (NO_CLOUD_MESSAGE) instead of the app crashing.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ ...(CLOUD_ENV ? { env: CLOUD_ENV } : {}), traceUser: true })
}
// Before any page can call a privacy API (chooseMedia): WeChat asks this listener for consent.
startPrivacyGuard()

function App({ children }: PropsWithChildren) {
  return <SessionProvider>{children}</SessionProvider>
}

export default App
