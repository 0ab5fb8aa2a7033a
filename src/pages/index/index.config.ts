export default definePageConfig({ navigationBarTitleText: '个体工商户服务', enablePullDownRefresh: true })
