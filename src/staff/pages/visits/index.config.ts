export default definePageConfig({ navigationBarTitleText: '覆盖与走访' })
