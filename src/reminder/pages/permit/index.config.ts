export default definePageConfig({ navigationBarTitleText: '证照信息' })
