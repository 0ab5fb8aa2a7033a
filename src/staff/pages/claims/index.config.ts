export default definePageConfig({ navigationBarTitleText: '营业执照转移申请' })
