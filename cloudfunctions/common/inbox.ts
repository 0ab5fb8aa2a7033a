import type { Db, Notification } from './ports'

export interface InboxDoc {
  _id: string
  openid: string
  topic: string
  title: string
  body: string
  page: string | null
  read: boolean
  createdAt: string
}

/** Every notification lands in the owner's in-app inbox first, whatever else happens. */
export async function writeInbox(db: Db, n: Notification, now: Date): Promise<string> {
  return db.collection<InboxDoc>('inbox').add({
    openid: n.openid,
    topic: n.topic,
    title: n.title,
    body: n.body,
    page: n.page ?? null,
    read: false,
    createdAt: now.toISOString()
  })
}
