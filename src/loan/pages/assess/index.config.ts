export default definePageConfig({ navigationBarTitleText: '评估与申请' })
