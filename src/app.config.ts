import { TABS } from './core/tabs'

// Staff pages live in a sub-package so owners never download them; the local-only developer
// pages (outbox) exist only in the H5 build.
const devPackage = process.env.TARO_ENV === 'h5' ? [{ root: 'dev', pages: ['pages/outbox/index'] }] : []

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/policy/index', 'pages/services/index', 'pages/me/index', 'pages/onboard/index', 'pages/join/index'],
  subPackages: [
    { root: 'staff', pages: ['pages/home/index', 'pages/markets/index', 'pages/qrsheet/index', 'pages/policies/index', 'pages/policy/index', 'pages/loans/index', 'pages/complaints/index', 'pages/complaint/index', 'pages/course/index', 'pages/stallrequests/index', 'pages/contacts/index', 'pages/register/index', 'pages/verify/index', 'pages/claims/index', 'pages/visits/index', 'pages/people/index', 'pages/audit/index', 'pages/visitlist/index', 'pages/visit/index', 'pages/followups/index', 'pages/monitor/index', 'pages/monitor/list', 'pages/surveys/index', 'pages/survey/index', 'pages/inspections/index', 'pages/hints/index', 'pages/hint/index', 'pages/abnormal/index', 'pages/recognitions/index', 'pages/recognition/index', 'pages/classification/index', 'pages/questions/index'] },
    { root: 'loan', pages: ['pages/index/index', 'pages/consent/index', 'pages/assess/index'] },
    { root: 'policy', pages: ['pages/detail/index'] },
    { root: 'course', pages: ['pages/index/index', 'pages/lesson/index', 'pages/exam/index', 'pages/certificate/index'] },
    { root: 'complaint', pages: ['pages/index/index', 'pages/new/index', 'pages/detail/index'] },
    { root: 'reminder', pages: ['pages/permits/index', 'pages/permit/index', 'pages/inbox/index', 'pages/annual/index'] },
    { root: 'verify', pages: ['pages/index/index'] },
    // #18: the owner's 抽查迎检 / 违规提示 / 信用修复 notices (办事 and 消息 open them)
    { root: 'notice', pages: ['pages/index/index', 'pages/hint/index', 'pages/inspection/index', 'pages/repair/index'] },
    // 名特优新 (#18): the owner's 申报 and the public 公示 with its 异议 form
    { root: 'recog', pages: ['pages/index/index', 'pages/public/index'] },
    // 我的分型 (#18): the year's decision, the estimate apart, the 异议
    { root: 'classification', pages: ['pages/index/index'] },
    // an owner's helpers (我的 → 店员/帮手); a helper's own page too
    { root: 'helper', pages: ['pages/index/index'] },
    // 我的 → 个人信息 (view, export, withdraw, delete): rarely opened, so not in the main package
    { root: 'rights', pages: ['pages/index/index', 'pages/delete/index'] },
    // 问卷: an owner answers a survey from 消息 (#17)
    { root: 'survey', pages: ['pages/answer/index'] },
    // 问一问 (#19), from 首页 and 办事
    { root: 'assistant', pages: ['pages/index/index'] },
    ...devPackage
  ],
  // WeChat injects only the components a page uses, when it renders them: faster start-up
  lazyCodeLoading: 'requiredComponents',
  // WeChat's privacy gate through our own dialog (services/privacy.ts). Required opt-in before
  // 15 Sep 2023, the default since; kept so base libraries from that time behave the same.
  __usePrivacyCheck__: true,
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ededed',
    navigationBarTitleText: '个体工商户服务',
    navigationBarTextStyle: 'black',
    backgroundColor: '#ededed'
  },
  tabBar: {
    // In the weapp the tab bar is ours (custom-tab-bar/) so 关怀模式 can enlarge it; WeChat still
    // needs the list. Taro's H5 has no custom tab bar and keeps its own (scaled by app.css).
    custom: process.env.TARO_ENV === 'weapp',
    color: '#7f7f7f',
    selectedColor: '#07c160',
    backgroundColor: '#f7f7f7',
    borderStyle: 'black',
    list: TABS.map((t) => ({ pagePath: t.pagePath, text: t.text, iconPath: `assets/tab/${t.icon}.png`, selectedIconPath: `assets/tab/${t.icon}-on.png` }))
  }
})
