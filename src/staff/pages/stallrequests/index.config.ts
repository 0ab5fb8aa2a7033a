export default definePageConfig({ navigationBarTitleText: '摊位绑定申请' })
