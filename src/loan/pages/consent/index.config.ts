export default definePageConfig({ navigationBarTitleText: '单独同意' })
