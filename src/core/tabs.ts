/**
 * The four tabs, shared by app.config.ts (WeChat needs the list even for a custom tab bar) and the
 * weapp's own tab bar (custom-tab-bar/), so the two never disagree.
 */
export const TABS = [
  { pagePath: 'pages/index/index', text: '首页', icon: 'home' },
  { pagePath: 'pages/policy/index', text: '政策', icon: 'policy' },
  { pagePath: 'pages/services/index', text: '办事', icon: 'services' },
  { pagePath: 'pages/me/index', text: '我的', icon: 'me' }
] as const

export type TabIndex = 0 | 1 | 2 | 3
/** the tab that carries the unread-message count */
export const INBOX_TAB: TabIndex = 3
