export default definePageConfig({ navigationBarTitleText: '摊位二维码' })
