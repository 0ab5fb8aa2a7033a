import Taro, { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { SessionProvider } from './store/session'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // The environment id comes from build config (.env.production), never from source.
      Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV, traceUser: true })
    }
  })
  return <SessionProvider>{children}</SessionProvider>
}

export default App
