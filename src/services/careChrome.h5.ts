/** Where 关怀模式 is cached on the phone, so the first paint (and the tab bar) know it before login. */
export const CARE_KEY = 'care-mode'

export const CARE_EVENT = 'care-mode-changed'

/** In H5 the tab bar is Taro's DOM tab bar beside the pages: a class on <html> scales it (app.css). */
export function applyCareChrome(on: boolean) {
  document.documentElement.classList.toggle('care-mode', on)
}
