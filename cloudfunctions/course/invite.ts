import type { Context } from '../common/context'
import { notify } from '../common/notify'

/**
 * The one inbox invitation to 开业第一课, sent when an owner first sets up their profile (they are
 * new to the app then). The key makes it once per owner, however often this runs.
 */
export async function inviteToCourse(ctx: Context) {
  await notify(ctx.ports, ctx.now, {
    openid: ctx.openid,
    topic: 'course',
    key: `course-invite:${ctx.openid}`,
    title: '邀请您学习开业第一课',
    body: '经营须知、安全、守法、记账、税费、找钱和反映问题，每课约3分钟；学完参加小测验，通过可获得结业证书。',
    page: 'course/pages/index/index'
  })
}
