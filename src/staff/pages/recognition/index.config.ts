export default definePageConfig({ navigationBarTitleText: '名特优新申报' })
