export default definePageConfig({ navigationBarTitleText: '监测分析名单', enablePullDownRefresh: false })
