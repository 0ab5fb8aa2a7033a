export default definePageConfig({ navigationBarTitleText: '我的分型' })
