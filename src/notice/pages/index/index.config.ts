export default definePageConfig({ navigationBarTitleText: '检查与信用提醒', enablePullDownRefresh: false })
