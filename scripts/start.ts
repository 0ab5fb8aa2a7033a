import { spawnSync } from 'node:child_process'
import { serve } from './serve'

/** `npm start`: build the H5 app and the functions, then serve both on the local cloud. */
function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

if (process.env.SKIP_BUILD !== '1') {
  run('npx', ['taro', 'build', '--type', 'h5'])
  run('npx', ['tsx', 'scripts/build-functions.ts'])
}
serve().catch((err) => {
  console.error(err)
  process.exit(1)
})
