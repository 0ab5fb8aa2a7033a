export default definePageConfig({ navigationBarTitleText: '码上贷' })
