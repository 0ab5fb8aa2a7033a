import { testCloud, type TestCloud } from '../helpers/cloud'
import { requireWeappBuild, withSim } from './helpers'
import { NEW_SHOP, OWNER, REGULATOR, SURVEY_FORM } from './pages'
import { weappShot } from './screenshot'

/**
 * 问卷 in the simulated WeChat: an owner opens the survey from 消息, answers it, and a second
 * visit (or a second phone) shows that it was already submitted, never the form again.
 */
let cloud: TestCloud
let surveyId = ''
beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
  await cloud.ok('user', 'user.settings.save', { careMode: true }, NEW_SHOP)
  const s = await cloud.ok('survey', 'survey.admin.save', SURVEY_FORM(), REGULATOR, `weapp-survey-${Date.now()}`)
  await cloud.ok('survey', 'survey.admin.publish', { id: s.id }, REGULATOR)
  await cloud.post('/api/local/trigger/scheduler', '')
  surveyId = s.id
})
afterAll(async () => {
  await cloud?.stop()
})

describe('a survey in the simulated WeChat', () => {
  test.each([
    ['normal', OWNER],
    ['care', NEW_SHOP]
  ])('the owner answers from 消息 (%s mode); a second attempt shows 已提交', async (mode, owner) => {
    await withSim(cloud, owner, '/reminder/pages/inbox/index', async (sim) => {
      expect(sim.text()).toContain('问卷调查：个体户经营状况调查')
      await sim.tap('问卷调查：个体户经营状况调查')
      expect(sim.errors).toEqual([])
      expect(sim.page.route).toBe('survey/pages/answer/index')
      const text = sim.text()
      expect(text).toContain('发起单位：鹿城区市场监督管理局（演示）')
      expect(text).toContain('匿名问卷：您的回答里不记录您是谁')
      // a required question left blank is named, nothing typed is lost
      await sim.input('第3题，最多200字', '希望多办几场培训')
      await sim.tap('提交')
      expect(sim.text()).toContain('第1题是必答题，请选择')
      expect(sim.text()).toContain('希望多办几场培训')
      await sim.tap('差不多')
      await sim.tap('4分')
      await weappShot(sim, `survey-01-answer-${mode}`)
      await sim.tap('提交')
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain('您已提交过这份问卷，谢谢参与')
      await weappShot(sim, `survey-02-submitted-${mode}`)
    })
    // the second attempt: the page says it was submitted and offers no form
    await withSim(cloud, owner, `/survey/pages/answer/index?id=${surveyId}`, async (sim) => {
      expect(sim.text()).toContain('已提交')
      expect(sim.text()).not.toContain('今年生意比去年怎么样？')
    })
  })

  test('the regulator sees the answers counted', async () => {
    const r = await cloud.ok('survey', 'survey.admin.results', { id: surveyId }, REGULATOR)
    expect(r.responses).toBe(2)
    expect(r.questions[0].counts).toContainEqual({ label: '差不多', value: 2 })
    await withSim(cloud, REGULATOR, `/staff/pages/survey/index?id=${surveyId}`, async (sim) => {
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain('已回答')
      expect(sim.text()).toContain('差不多')
      expect(sim.text()).toContain('希望多办几场培训')
      await weappShot(sim, 'survey-03-results')
    })
  })
})
