/**
 * The privacy gate's plumbing, as the weapp build runs it: WeChat's listener is registered once,
 * the dialog hears of a request, and the owner's answer goes back through WeChat's resolve.
 */
type Listener = (resolve: (a: unknown) => void, info: { referrer: string }) => void
const registered: Listener[] = []
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { onNeedPrivacyAuthorization: (l: Listener) => registered.push(l) } }))

describe('WeChat privacy gate', () => {
  const env = process.env.TARO_ENV
  afterAll(() => {
    process.env.TARO_ENV = env
  })

  test('not registered outside the weapp build', () => {
    process.env.TARO_ENV = 'h5'
    jest.isolateModules(() => require('../../src/services/privacy').startPrivacyGuard())
    expect(registered).toHaveLength(0)
  })

  test('a request reaches the dialog; 同意 and 不同意 answer WeChat as its documentation asks', () => {
    process.env.TARO_ENV = 'weapp'
    const privacy = require('../../src/services/privacy') as typeof import('../../src/services/privacy')
    privacy.startPrivacyGuard()
    expect(registered).toHaveLength(1)
    const seen: Array<unknown> = []
    const stop = privacy.onPrivacyRequest((r) => seen.push(r))

    const answers: unknown[] = []
    registered[0]((a) => answers.push(a), { referrer: 'chooseMedia' })
    expect(privacy.currentPrivacyRequest()).toEqual({ referrer: 'chooseMedia' })
    privacy.privacyShown()
    privacy.answerPrivacy(true)
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { buttonId: 'agree-privacy', event: 'agree' }])
    expect(privacy.currentPrivacyRequest()).toBeNull()

    registered[0]((a) => answers.push(a), { referrer: 'chooseMedia' })
    privacy.answerPrivacy(false)
    expect(answers.at(-1)).toEqual({ event: 'disagree' })
    expect(seen).toEqual([{ referrer: 'chooseMedia' }, null, { referrer: 'chooseMedia' }, null])
    stop()
  })

  test('the API’s failure after 不同意 is told apart from a cancel or a missing declaration', () => {
    const { isPrivacyRefusal } = require('../../src/services/privacy') as typeof import('../../src/services/privacy')
    expect(isPrivacyRefusal({ errMsg: 'chooseMedia:fail privacy permission is not authorized' })).toBe(true)
    expect(isPrivacyRefusal({ errMsg: 'chooseMedia:fail cancel' })).toBe(false)
    expect(isPrivacyRefusal({ errMsg: 'chooseMedia:fail api scope is not declared in the privacy agreement' })).toBe(false)
    expect(isPrivacyRefusal(new Error('网络不稳定'))).toBe(false)
  })
})
