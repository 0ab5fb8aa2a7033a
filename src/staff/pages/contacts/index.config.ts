export default definePageConfig({ navigationBarTitleText: '办事联系方式' })
