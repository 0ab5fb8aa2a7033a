import type { AnswerModel, Logger } from '../../ports'
import type { WxCloud } from './sdk'

/**
 * 问一问's language model in the cloud (#19): 云开发's model service through wx-server-sdk's
 * `cloud.ai().createModel(<provider>).generateText({model, messages})`. Function env:
 * ASSISTANT_MODEL_PROVIDER (the model group createModel takes, e.g. `hunyuan-exp`, or the name of a
 * custom endpoint group), ASSISTANT_MODEL (the model the group serves) and ASSISTANT_MODEL_PRIVACY,
 * which must read `covered`: the operator's statement that the 个人信息保护告知书 and the 用户隐私保护指引
 * say questions are sent to that model. Without all three the port is absent and nothing an owner
 * types leaves the function. The model only ever gets the retrieved passages and the question
 * (core/assistant/cite.ts), and its answer is shown only if its citations check out.
 */
export function cloudAnswerModel(cloud: WxCloud, env: Record<string, string | undefined>, log: Logger): AnswerModel | undefined {
  const provider = env.ASSISTANT_MODEL_PROVIDER?.trim()
  const model = env.ASSISTANT_MODEL?.trim()
  if (!provider || !model || env.ASSISTANT_MODEL_PRIVACY?.trim() !== 'covered') return undefined
  return {
    async generate({ system, user }) {
      if (typeof cloud.ai !== 'function') {
        log.error('[assistant] ASSISTANT_MODEL is set but this wx-server-sdk has no cloud.ai(); answering extractively')
        return ''
      }
      const r = await cloud.ai().createModel(provider).generateText({ model, messages: [{ role: 'system', content: system }, { role: 'user', content: user }] })
      return typeof r?.text === 'string' ? r.text : ''
    }
  }
}
