export default definePageConfig({ navigationBarTitleText: '经营户核验' })
