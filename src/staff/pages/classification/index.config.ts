export default definePageConfig({ navigationBarTitleText: '分型异议复核' })
