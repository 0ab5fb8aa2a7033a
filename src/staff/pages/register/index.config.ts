export default definePageConfig({ navigationBarTitleText: '登记名录' })
