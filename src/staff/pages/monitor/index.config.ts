export default definePageConfig({ navigationBarTitleText: '监测分析' })
