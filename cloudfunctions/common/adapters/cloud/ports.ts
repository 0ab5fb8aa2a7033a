import { systemClock } from '../../../../src/core/common/time'
import type { ContentCheck, ContentVerdict, Logger, Ports, Push, PushMessage, PushResult, QrCode, Storage } from '../../ports'
import { CloudDb } from './db'
import type { WxCloud } from './sdk'
import { cloudLicense } from './license'
import { cloudAnswerModel } from './model'

/** WeChat subscribe messages (needs subscribeMessage.send in the function's config.json). */
export class CloudPush implements Push {
  constructor(private readonly cloud: WxCloud) {}
  async send(msg: PushMessage): Promise<PushResult> {
    try {
      await this.cloud.openapi.subscribeMessage.send({
        touser: msg.openid,
        templateId: msg.templateId,
        page: msg.page ?? undefined,
        data: msg.data,
        miniprogramState: process.env.WX_MINIPROGRAM_STATE || 'formal'
      })
      return { ok: true }
    } catch (err) {
      // 43101: no quota left; 47003: bad data; 41030: bad page; 40003: bad openid; others: retry.
      return { ok: false, errCode: Number((err as { errCode?: number }).errCode ?? -1) }
    }
  }
}

export class CloudStorage implements Storage {
  constructor(private readonly cloud: WxCloud) {}
  async put(path: string, bytes: Uint8Array): Promise<string> {
    return (await this.cloud.uploadFile({ cloudPath: path, fileContent: Buffer.from(bytes) })).fileID
  }
  async urls(fileIds: string[]): Promise<string[]> {
    const out: string[] = []
    // getTempFileURL takes at most 50 files a call.
    for (let i = 0; i < fileIds.length; i += 50) {
      const { fileList } = await this.cloud.getTempFileURL({ fileList: fileIds.slice(i, i + 50) })
      const byId = new Map(fileList.map((f) => [f.fileID, f.tempFileURL]))
      for (const id of fileIds.slice(i, i + 50)) out.push(byId.get(id) ?? '')
    }
    return out
  }
  async remove(fileIds: string[]): Promise<string[]> {
    const gone: string[] = []
    // deleteFile also takes at most 50 files a call; a file that failed stays for the next run.
    for (let i = 0; i < fileIds.length; i += 50) {
      const { fileList } = await this.cloud.deleteFile({ fileList: fileIds.slice(i, i + 50) })
      // a file that no longer exists (STORAGE_FILE_NONEXIST) is as gone as a deleted one
      for (const f of fileList) if (f.status === 0 || /NONEXIST|not exist/i.test(f.errMsg ?? '')) gone.push(f.fileID)
    }
    return gone
  }
  pathOf(fileId: string): string | null {
    const m = /^cloud:\/\/([^/\s]+)\/(.+)$/.exec(fileId)
    if (!m) return null
    // only a file of this function's own environment (cloud://<env>.<bucket>/...): a phone could
    // otherwise name a file it put in an environment of its own under the same path
    const env = this.cloud.getWXContext().ENV
    if (env && env !== 'local' && !m[1].startsWith(`${env}.`)) return null
    return m[2]
  }
  async download(fileId: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array((await this.cloud.downloadFile({ fileID: fileId })).fileContent)
    } catch (err) {
      // a missing file is an answer (the phone never stored it); anything else is a real failure
      if (/NONEXIST|not exist|STORAGE_FILE_NONEXIST|-503003/i.test(`${(err as { errCode?: unknown }).errCode ?? ''} ${(err as Error).message ?? ''}`)) return null
      throw err
    }
  }
}

/** 小程序码 with a scene: wxacode.getUnlimited (needs openapi permission in config.json). */
export class CloudQr implements QrCode {
  constructor(private readonly cloud: WxCloud) {}
  async png(scene: string, page: string) {
    const r = await this.cloud.openapi.wxacode.getUnlimited({
      scene,
      page,
      checkPath: false,
      envVersion: process.env.WX_ENV_VERSION || 'release',
      width: 430
    })
    return { bytes: new Uint8Array(r.buffer), target: `${page}?scene=${scene}` }
  }
}

/** security.msgSecCheck version 2; scene 1 = 资料 (profile), 2 = 评论, 3 = 论坛, 4 = 社交日志. */
export class CloudContentCheck implements ContentCheck {
  constructor(private readonly cloud: WxCloud) {}
  async check(text: string, openid: string): Promise<ContentVerdict> {
    const r = await this.cloud.openapi.security.msgSecCheck({ content: text.slice(0, 2500), version: 2, scene: 1, openid })
    const s = r.result?.suggest
    return s === 'risky' ? 'risky' : s === 'review' ? 'review' : 'pass'
  }
}

const cloudLogger: Logger = {
  error: (message, err) => console.error(message, err instanceof Error ? err.stack : err ?? ''),
  info: (message, fields) => console.log(message, JSON.stringify(fields ?? {}))
}

/** The TriggerName a run that continues itself gives the next one (it arrives as a timer event). */
export const RELAUNCH_TRIGGER = 'continue'
/**
 * How long a run waits for the call that starts the next one. wx-server-sdk's callFunction
 * answers only when the callee has finished (its async invocation is not exposed), so the run
 * does not await it to the end: it waits long enough for the request to be on its way, then
 * returns. Should the call be lost, the 5-minute timer starts the next run all the same.
 */
export const RELAUNCH_WAIT_MS = 2_000

export function cloudRelaunch(cloud: WxCloud, log: Logger, waitMs = RELAUNCH_WAIT_MS) {
  return async (name: string) => {
    const call = cloud
      .callFunction({ name, data: { Type: 'Timer', TriggerName: RELAUNCH_TRIGGER, Time: new Date().toISOString() } })
      .then(() => undefined, (err) => log.error(`[${name}] relaunch failed; the timer takes over`, err))
    await Promise.race([call, new Promise<void>((resolve) => setTimeout(resolve, waitMs))])
  }
}

export function cloudPorts(cloud: WxCloud): Ports {
  const db = new CloudDb(cloud.database())
  return {
    relaunch: cloudRelaunch(cloud, cloudLogger),
    // Template ids are environment variables of the function (cloud console), see README.
    config: {
      templates: { reminder: process.env.TMPL_REMINDER || null, policy: process.env.TMPL_POLICY || null },
      complaintReplyWorkingDays: Number(process.env.COMPLAINT_REPLY_DAYS) || undefined,
      courseIssuer: process.env.COURSE_ISSUER?.trim() || null,
      adminSetupCode: process.env.ADMIN_SETUP_CODE?.trim() || null,
      privacyOperator:
        process.env.PRIVACY_OPERATOR?.trim() && process.env.PRIVACY_CONTACT?.trim()
          ? { name: process.env.PRIVACY_OPERATOR.trim(), contact: process.env.PRIVACY_CONTACT.trim() }
          : null
    },
    db,
    push: new CloudPush(cloud),
    storage: new CloudStorage(cloud),
    qr: new CloudQr(cloud),
    contentCheck: new CloudContentCheck(cloud),
    // 电子营业执照: function env LICENSE_AUTH_URL, LICENSE_AUTH_KEY, LICENSE_APP_ID (README "Deploying")
    license: cloudLicense(process.env, cloudLogger),
    // 问一问's model: ASSISTANT_MODEL_PROVIDER, ASSISTANT_MODEL and ASSISTANT_MODEL_PRIVACY=covered (README "Deploying")
    answerModel: cloudAnswerModel(cloud, process.env, cloudLogger),
    clock: systemClock,
    log: cloudLogger
  }
}
