export default definePageConfig({ navigationBarTitleText: '建立经营档案' })
