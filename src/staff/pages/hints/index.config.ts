export default definePageConfig({ navigationBarTitleText: '违规提示' })
