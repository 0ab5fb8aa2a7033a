import { systemClock } from '../../../../src/core/common/time'
import { writeInbox } from '../../inbox'
import type { ContentCheck, ContentVerdict, Db, Logger, Notification, Notifier, NotifyResult, Ports, QrCode, Storage } from '../../ports'
import { CloudDb } from './db'
import type { WxCloud } from './sdk'

/** Inbox copy in the database, then WeChat's subscribe message when one is asked for. */
export class CloudNotifier implements Notifier {
  constructor(
    private readonly cloud: WxCloud,
    private readonly db: Db
  ) {}
  async notify(n: Notification): Promise<NotifyResult> {
    const inboxId = await writeInbox(this.db, n, new Date())
    if (!n.subscribe) return { inboxId, subscribe: 'skipped' }
    try {
      await this.cloud.openapi.subscribeMessage.send({
        touser: n.openid,
        templateId: n.subscribe.templateId,
        page: n.page,
        data: n.subscribe.data,
        miniprogramState: process.env.WX_MINIPROGRAM_STATE || 'formal'
      })
      return { inboxId, subscribe: 'sent' }
    } catch (err) {
      // 43101: no quota left; 47003: bad data; 41030: bad page; 40003: bad openid.
      return { inboxId, subscribe: { errCode: Number((err as { errCode?: number }).errCode ?? -1) } }
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

export function cloudPorts(cloud: WxCloud): Ports {
  const db = new CloudDb(cloud.database())
  return {
    db,
    notifier: new CloudNotifier(cloud, db),
    storage: new CloudStorage(cloud),
    qr: new CloudQr(cloud),
    contentCheck: new CloudContentCheck(cloud),
    clock: systemClock,
    log: cloudLogger
  }
}
