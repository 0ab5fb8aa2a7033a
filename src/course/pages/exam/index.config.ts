export default definePageConfig({ navigationBarTitleText: '结业测验' })
