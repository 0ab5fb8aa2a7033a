export default definePageConfig({ navigationBarTitleText: '市场与摊位' })
