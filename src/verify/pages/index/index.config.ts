export default definePageConfig({ navigationBarTitleText: '营业执照核验' })
