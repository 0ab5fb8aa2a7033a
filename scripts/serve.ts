import { resolve } from 'node:path'
import { startLocalCloud } from './local-cloud/server'

/** Serves dist/h5 and the functions on 127.0.0.1 (PORT, DATA_DIR and HOST override). */
export async function serve() {
  const port = process.env.PORT ? Number(process.env.PORT) : 8686
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 不是有效端口：${process.env.PORT}`)
  const cloud = await startLocalCloud({
    port,
    host: process.env.HOST || '127.0.0.1',
    dataDir: resolve(process.env.DATA_DIR || '.data'),
    staticDir: resolve('dist/h5'),
    timers: true,
    seed: process.env.SEED !== '0'
  })
  console.log(`本地云已启动：${cloud.url}/  （数据目录 ${resolve(process.env.DATA_DIR || '.data')}）`)
  console.log(`  云函数 POST ${cloud.url}/api/functions/<name>   消息发件箱 GET ${cloud.url}/api/local/outbox`)
  // the first admin of this data folder: printed until it has been used (then it is void)
  if (!(await cloud.ports.db.collection('meta').get('admin-setup-code'))) {
    console.log(`  首位管理员安装码：${cloud.ports.config.adminSetupCode}（我的 → 我有邀请码 → 使用安装码；用过一次即失效）`)
  }
  const stop = async () => {
    await cloud.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return cloud
}

if (require.main === module) {
  serve().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
