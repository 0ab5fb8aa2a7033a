/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn' | undefined
    /** WeChat cloud environment id (set in .env.production, never hard-coded) */
    TARO_APP_CLOUD_ENV?: string
  }
}
