export default definePageConfig({ navigationBarTitleText: '店员/帮手' })
