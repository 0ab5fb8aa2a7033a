import { LOCAL_POLICY_TEMPLATE_ID, LOCAL_REMINDER_TEMPLATE_ID } from '../../src/core/notify/template'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalDb } from '../../cloudfunctions/common/adapters/local/db'
import { DEFAULT_BLOCKLIST, LocalContentCheck, LocalPush, LocalQr, LocalStorage, SettableClock } from '../../cloudfunctions/common/adapters/local/ports'
import type { Ports } from '../../cloudfunctions/common/ports'
import { memoryLogger } from './cloud'

/** The local ports over a fresh temporary folder, for calling dispatch in-process. */
export function localPorts(): { ports: Ports; clock: SettableClock; errors: string[]; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'getihu-ports-'))
  const db = new LocalDb(join(dir, 'db'))
  const clock = new SettableClock()
  const { log, errors } = memoryLogger()
  return {
    ports: {
      config: { templates: { reminder: LOCAL_REMINDER_TEMPLATE_ID, policy: LOCAL_POLICY_TEMPLATE_ID } },
      db,
      clock,
      log,
      push: new LocalPush(db, clock),
      storage: new LocalStorage(join(dir, 'files')),
      qr: new LocalQr(() => 'http://127.0.0.1:1'),
      contentCheck: new LocalContentCheck(DEFAULT_BLOCKLIST)
    },
    clock,
    errors,
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
}
