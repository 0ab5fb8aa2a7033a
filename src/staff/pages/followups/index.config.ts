export default definePageConfig({ navigationBarTitleText: '跟进事项' })
