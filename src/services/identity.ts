import Taro from '@tarojs/taro'

/**
 * Local only (H5 build): which WeChat user the browser pretends to be. In WeChat the identity
 * comes from the platform and none of this is used.
 */
const KEY = 'local-openid'

export function currentOpenid(): string {
  let id = Taro.getStorageSync(KEY) as string
  if (!id) {
    id = newLocalOpenid()
    Taro.setStorageSync(KEY, id)
  }
  return id
}

export function setOpenid(openid: string) {
  Taro.setStorageSync(KEY, openid === 'new' ? newLocalOpenid() : openid)
}

const newLocalOpenid = () => `local-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
