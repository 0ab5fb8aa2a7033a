export default definePageConfig({ navigationBarTitleText: '问一问·群众提问' })
