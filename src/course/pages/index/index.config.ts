export default definePageConfig({ navigationBarTitleText: '开业第一课' })
