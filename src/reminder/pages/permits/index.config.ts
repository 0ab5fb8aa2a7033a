export default definePageConfig({ navigationBarTitleText: '证照与年报提醒' })
