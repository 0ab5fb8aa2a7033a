export default definePageConfig({ navigationBarTitleText: '经营异常与信用修复' })
