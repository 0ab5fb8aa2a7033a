import { setTabBarCare } from './tabBar'

/** Where 关怀模式 is cached on the phone, so the first paint (and the tab bar) know it before login. */
export const CARE_KEY = 'care-mode'

/** What 关怀模式 must reach outside the pages: in the weapp, our own tab bar (custom-tab-bar/). */
export function applyCareChrome(on: boolean) {
  setTabBarCare(on)
}
