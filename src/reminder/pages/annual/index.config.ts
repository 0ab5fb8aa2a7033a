export default definePageConfig({ navigationBarTitleText: '年报' })
