import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { setupChecklist } from '../cloudfunctions/common/indexes'
import { MEMORY_MB, RUNTIME } from './runtime'

/**
 * `npm run deploy`: build, upload every cloud function with its runtime, timeout and timer trigger,
 * then upload the mini-program; `--dry-run` prints exactly what would be sent and touches nothing
 * (no build, no network, miniprogram-ci is not even loaded).
 *
 * Settings come from deploy.config.json (gitignored; see deploy.config.example.json), overridden by
 * flags: --appid --private-key --env --version --desc --robot, plus --weapp (rebuild dist/weapp even
 * if it exists), --config <file>.
 *
 * miniprogram-ci's public `cloud.uploadFunction` creates a missing function as Nodejs8.9 with a 3 s
 * timeout and takes no runtime or timeout; its `cloud.createTimeTrigger` creates triggers. So a
 * function is first created (or its timeout corrected) through the same internal cloud API
 * uploadFunction itself uses (ScfAdmin below), then uploaded with the public call.
 */

export interface DeployConfig {
  appid?: string
  privateKeyPath?: string
  env?: string
  version: string
  desc: string
  robot?: number
}

export interface Trigger {
  name: string
  type: string
  config: string
}

export interface FunctionPlan {
  name: string
  /** dist/cloudfunctions/<name>, absolute */
  path: string
  runtime: string
  timeout: number
  memorySize: number
  /** the bundle's only dependency (wx-server-sdk) is installed by the cloud */
  remoteNpmInstall: true
  triggers: Trigger[]
}

export interface Plan {
  root: string
  config: DeployConfig
  build: { functions: true; weapp: boolean }
  functions: FunctionPlan[]
  weapp: { projectPath: string; miniprogramRoot: string; version: string; desc: string; robot?: number; setting: { es6: boolean; minify: boolean } }
}

/** What the weapp Project globs but never packs (only miniprogramRoot is packed): skipped for speed. */
export const WEAPP_IGNORES = ['dist/h5/**/*', 'dist/cloudfunctions/**/*', '.data/**/*', 'test-artifacts/**/*', 'coverage/**/*', '.swc/**/*']

export interface Args {
  dryRun: boolean
  weapp: boolean
  configFile: string
  flags: Partial<DeployConfig>
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { dryRun: false, weapp: false, configFile: 'deploy.config.json', flags: {} }
  const value = (i: number) => {
    const v = argv[i + 1]
    if (v === undefined || v.startsWith('--')) throw new Error(`参数 ${argv[i]} 后面缺少取值`)
    return v
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--dry-run') args.dryRun = true
    else if (a === '--weapp') args.weapp = true
    else if (a === '--config') args.configFile = value(i++)
    else if (a === '--appid') args.flags.appid = value(i++)
    else if (a === '--private-key') args.flags.privateKeyPath = value(i++)
    else if (a === '--env') args.flags.env = value(i++)
    else if (a === '--version') args.flags.version = value(i++)
    else if (a === '--desc') args.flags.desc = value(i++)
    else if (a === '--robot') args.flags.robot = Number(value(i++))
    else throw new Error(`不认识的参数 ${a}`)
  }
  return args
}

export function loadConfig(root: string, args: Args): DeployConfig {
  const file = resolve(root, args.configFile)
  const fromFile = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<DeployConfig>) : {}
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  const merged = { ...fromFile, ...args.flags }
  return {
    ...merged,
    privateKeyPath: merged.privateKeyPath ? resolve(root, merged.privateKeyPath) : undefined,
    version: merged.version ?? pkg.version,
    desc: merged.desc ?? `版本 ${merged.version ?? pkg.version}`
  }
}

/** The functions the build produces (same rule as scripts/build-functions.ts), with their settings. */
export function planDeploy(root: string, config: DeployConfig, args: Pick<Args, 'weapp'>): Plan {
  const src = join(root, 'cloudfunctions')
  const names = readdirSync(src).filter((d) => existsSync(join(src, d, 'config.json')) && existsSync(join(src, d, 'index.ts'))).sort()
  const functions = names.map((name): FunctionPlan => {
    const fc = JSON.parse(readFileSync(join(src, name, 'config.json'), 'utf8')) as { timeout?: number; memorySize?: number; triggers?: Trigger[] }
    // without one, a new function would get miniprogram-ci's 3 s: refuse rather than guess
    if (!Number.isInteger(fc.timeout)) throw new Error(`cloudfunctions/${name}/config.json 缺少 timeout（秒）`)
    return {
      name,
      path: join(root, 'dist/cloudfunctions', name),
      runtime: RUNTIME,
      timeout: fc.timeout!,
      memorySize: fc.memorySize ?? MEMORY_MB,
      remoteNpmInstall: true,
      triggers: fc.triggers ?? []
    }
  })
  const pc = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')) as { miniprogramRoot: string; setting?: { es6?: boolean; minified?: boolean } }
  return {
    root,
    config,
    build: { functions: true, weapp: args.weapp || !existsSync(join(root, pc.miniprogramRoot, 'app.json')) },
    functions,
    weapp: {
      projectPath: root,
      miniprogramRoot: pc.miniprogramRoot,
      version: config.version,
      desc: config.desc,
      robot: config.robot,
      setting: { es6: pc.setting?.es6 ?? false, minify: pc.setting?.minified ?? false }
    }
  }
}

const unset = '（未设置）'

/** Every step and the exact settings it sends, one line each. */
export function describePlan(plan: Plan): string[] {
  const c = plan.config
  const lines = [
    `小程序 AppID：${c.appid ?? unset}；云开发环境：${c.env ?? unset}；上传密钥：${c.privateKeyPath ?? unset}`,
    `1. 构建云函数：npm run build:functions → dist/cloudfunctions/`,
    plan.build.weapp ? `   构建小程序：npm run build:weapp → ${plan.weapp.miniprogramRoot}` : `   小程序沿用已有的 ${plan.weapp.miniprogramRoot}（加 --weapp 重新构建）`,
    `2. 上传云函数（环境 ${c.env ?? unset}；不存在则先按下列设置创建，已存在则校正超时和内存；云端安装依赖）：`
  ]
  for (const f of plan.functions) {
    lines.push(`   ${f.name}：运行时 ${f.runtime}，超时 ${f.timeout} 秒，内存 ${f.memorySize} MB，入口 index.main，代码 ${f.path}`)
    for (const t of f.triggers) lines.push(`   ${f.name} 定时触发器：名称 ${t.name}，类型 ${t.type}，Cron ${t.config}`)
  }
  lines.push(
    `3. 数据库：部署后由管理员调用 admin 函数的 admin.setup 建好所有集合，再按清单在控制台设置权限和索引`,
    `4. 上传小程序：项目 ${plan.weapp.projectPath}（miniprogramRoot ${plan.weapp.miniprogramRoot}），版本 ${plan.weapp.version}，备注 ${plan.weapp.desc}` +
      `${plan.weapp.robot ? `，机器人 ${plan.weapp.robot}` : ''}，es6 ${plan.weapp.setting.es6}，minify ${plan.weapp.setting.minify}`
  )
  return lines
}

/** How to finish the database, printed after the functions are up. */
export function databaseSteps(): string[] {
  return [
    '数据库（云函数无法调用建索引、设权限的接口，这一步需在控制台完成）：',
    '  a. 按 README “Deploying to WeChat” 第 6 步添加第一位管理员；',
    '  b. 以该管理员身份在开发者工具调试器 Console 中运行：',
    "     wx.cloud.callFunction({ name: 'admin', data: { action: 'admin.setup' } })",
    '     它会建好所有集合（可重复运行），并返回下面这份清单；',
    '  c. 在 云开发控制台 → 数据库 中逐项完成：',
    ...setupChecklist().map((i) => `     ${i.text}`)
  ]
}

// ---- the miniprogram-ci surface the deploy uses (a test passes fakes of these) ----

export interface CiProject {
  appid: string
  getExtAppid(): Promise<string | null | undefined>
}

export interface CiModule {
  Project: new (o: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath: string; ignores?: string[] }) => CiProject
  upload(o: { project: CiProject; version: string; desc: string; robot?: number; setting: { es6: boolean; minify: boolean }; onProgressUpdate?: (t: unknown) => void }): Promise<unknown>
  cloud: {
    uploadFunction(o: { project: CiProject; env: string; name: string; path: string; remoteNpmInstall: boolean }): Promise<{ filesCount: number; packSize: number }>
    /** resolves '创建定时触发器成功', or a failure sentence (it swallows the error, e.g. the trigger exists) */
    createTimeTrigger(o: { project: CiProject; envId: string; functionName: string; triggersConfig: Trigger[] }): Promise<string>
  }
}

/** Function settings that the public uploadFunction cannot send. */
export interface ScfAdmin {
  getFunction(name: string): Promise<{ runtime: string; timeout: number; memorySize: number } | null>
  createFunction(f: FunctionPlan): Promise<void>
  updateConfig(f: FunctionPlan): Promise<void>
}

/** miniprogram-ci 2.1.x internals (pinned in package.json): the cloud API uploadFunction calls. */
export interface CiInternals {
  cloudAPI: {
    TransactType: { IDE: unknown }
    tcbGetEnvironments(i: object, o: object): Promise<{ envList: Array<{ envId: string; functions: Array<{ region: string }>; logServices?: Array<{ logsetId?: string; topicId?: string }> }> }>
    scfGetFunctionInfo(i: object, o: object): Promise<{ runtime: string; timeout: number; memorySize: number; status: string }>
    scfCreateFunction(i: object, o: object): Promise<unknown>
    scfUpdateFunctionInfo(i: object, o: object): Promise<unknown>
  }
  cloudapi: {
    initCloudAPI(appid: string): void
    boundTransactRequest(project: CiProject): unknown
    get3rdCloudCodeSecret(project: CiProject): Promise<unknown>
  }
  utils: {
    zipFile(path: string, o: { ignore?: string[] }): unknown
    zipToBuffer(zip: unknown): Promise<Buffer>
  }
}

export const loadCiInternals = (): CiInternals => ({
  cloudAPI: require('miniprogram-ci/dist/common/cloud-api'),
  cloudapi: require('miniprogram-ci/dist/ci/cloud/cloudapi'),
  utils: require('miniprogram-ci/dist/ci/cloud/utils')
})

/** ScfAdmin over miniprogram-ci's cloud API, with the same arguments its uploadFunction sends. */
export function ciScfAdmin(project: CiProject, env: string, m: CiInternals): ScfAdmin {
  let ctx: Promise<{ topts: object; region: string; codeSecret: unknown; clsLogsetId?: string; clsTopicId?: string }> | null = null
  const context = () =>
    (ctx ??= (async () => {
      m.cloudapi.initCloudAPI((await project.getExtAppid()) || project.appid)
      const topts = { request: m.cloudapi.boundTransactRequest(project), transactType: m.cloudAPI.TransactType.IDE }
      const { envList } = await m.cloudAPI.tcbGetEnvironments({}, topts)
      const found = envList.find((e) => e.envId === env)
      if (!found) throw new Error(`云开发环境 ${env} 不存在，或不属于这个小程序`)
      const logs = found.logServices?.[0] ?? {}
      return { topts, region: found.functions[0].region, codeSecret: await m.cloudapi.get3rdCloudCodeSecret(project), clsLogsetId: logs.logsetId, clsTopicId: logs.topicId }
    })())
  return {
    async getFunction(name) {
      const c = await context()
      try {
        const info = await m.cloudAPI.scfGetFunctionInfo({ namespace: env, region: '', functionName: name, codeSecret: c.codeSecret }, c.topts)
        return { runtime: info.runtime, timeout: info.timeout, memorySize: info.memorySize }
      } catch (err) {
        if ((err as { code?: string }).code === 'ResourceNotFound.Function') return null
        throw err
      }
    },
    async createFunction(f) {
      const c = await context()
      const zip = await m.utils.zipToBuffer(m.utils.zipFile(f.path, { ignore: ['node_modules'] }))
      await m.cloudAPI.scfCreateFunction(
        {
          functionName: f.name,
          code: { zipFile: zip.toString('base64') },
          handler: 'index.main',
          description: '',
          memorySize: f.memorySize,
          timeout: f.timeout,
          environment: { variables: [] },
          role: 'TCB_QcsRole',
          runtime: f.runtime,
          namespace: env,
          region: c.region,
          stamp: 'MINI_QCBASE',
          installDependency: f.remoteNpmInstall,
          codeSecret: c.codeSecret,
          clsLogsetId: c.clsLogsetId,
          clsTopicId: c.clsTopicId
        },
        c.topts
      )
    },
    async updateConfig(f) {
      const c = await context()
      await m.cloudAPI.scfUpdateFunctionInfo(
        { namespace: env, region: c.region, functionName: f.name, timeout: f.timeout, memorySize: f.memorySize, clsLogsetId: c.clsLogsetId, clsTopicId: c.clsTopicId },
        c.topts
      )
    }
  }
}

export interface Deps {
  loadCi(): CiModule
  scfAdmin(project: CiProject, env: string): ScfAdmin
  exec(cmd: string, args: string[]): void
  log(line: string): void
}

export const realDeps: Deps = {
  loadCi: () => require('miniprogram-ci') as CiModule,
  scfAdmin: (project, env) => ciScfAdmin(project, env, loadCiInternals()),
  exec(cmd, args) {
    const r = spawnSync(cmd, args, { stdio: 'inherit' })
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} 失败`)
  },
  log: (line) => console.log(line)
}

export const TRIGGER_OK = '创建定时触发器成功'

export async function runDeploy(plan: Plan, deps: Deps): Promise<void> {
  const { appid, privateKeyPath, env } = plan.config
  const missing = [!appid || appid === 'touristappid' ? 'appid' : '', !privateKeyPath ? 'private-key' : '', !env ? 'env' : ''].filter(Boolean)
  if (missing.length) throw new Error(`缺少 ${missing.join('、')}：写在 deploy.config.json 里或用 --${missing[0]} 传入`)
  if (!existsSync(privateKeyPath!)) throw new Error(`找不到上传密钥 ${privateKeyPath}（在 mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传 下载）`)

  deps.log('1. 构建')
  deps.exec('npm', ['run', 'build:functions'])
  if (plan.build.weapp) deps.exec('npm', ['run', 'build:weapp'])

  const ci = deps.loadCi()
  const project = new ci.Project({ appid: appid!, type: 'miniProgram', projectPath: plan.weapp.projectPath, privateKeyPath: privateKeyPath!, ignores: WEAPP_IGNORES })
  const scf = deps.scfAdmin(project, env!)
  const manual: string[] = []

  deps.log(`2. 云函数 → 环境 ${env}`)
  for (const f of plan.functions) {
    const now = await scf.getFunction(f.name)
    if (!now) {
      await scf.createFunction(f)
      deps.log(`   ${f.name}：已创建（${f.runtime}，超时 ${f.timeout} 秒，内存 ${f.memorySize} MB）`)
    } else if (now.runtime !== f.runtime) {
      // SCF keeps a function's runtime for life; deleting it here would also drop its triggers and logs
      throw new Error(`云函数 ${f.name} 的运行时是 ${now.runtime}，不是 ${f.runtime}，无法原地修改：请在云开发控制台删除该函数后重新运行部署`)
    } else if (now.timeout !== f.timeout || now.memorySize !== f.memorySize) {
      await scf.updateConfig(f)
      deps.log(`   ${f.name}：超时 ${now.timeout}→${f.timeout} 秒，内存 ${now.memorySize}→${f.memorySize} MB`)
    }
    const up = await ci.cloud.uploadFunction({ project, env: env!, name: f.name, path: f.path, remoteNpmInstall: f.remoteNpmInstall })
    deps.log(`   ${f.name}：代码已上传（${up.filesCount} 个文件，${up.packSize} 字节）`)
    if (f.triggers.length) {
      const said = await ci.cloud.createTimeTrigger({ project, envId: env!, functionName: f.name, triggersConfig: f.triggers })
      if (said === TRIGGER_OK) deps.log(`   ${f.name}：定时触发器 ${f.triggers.map((t) => `${t.name}（${t.config}）`).join('、')} 已创建`)
      else
        // the call hides its error; on a redeploy it is usually "the trigger exists"
        for (const t of f.triggers)
          manual.push(
            `云函数 ${f.name} 的定时触发器 ${t.name} 未能自动创建（${said}；重复部署时多半是已存在）：请到 云开发控制台 → 云函数 → ${f.name} → 触发器 确认有 ${t.name}，Cron 为 ${t.config}；` +
              `没有就在开发者工具中右键 dist/cloudfunctions/${f.name}/config.json →“上传触发器”`
          )
    }
  }

  for (const line of databaseSteps()) deps.log(line)

  deps.log(`4. 小程序：版本 ${plan.weapp.version}`)
  await ci.upload({ project, version: plan.weapp.version, desc: plan.weapp.desc, robot: plan.weapp.robot, setting: plan.weapp.setting })
  deps.log(`   已上传；到 mp.weixin.qq.com → 版本管理 把它设为体验版或提交审核`)
  if (manual.length) {
    deps.log('还需手工完成：')
    for (const m of manual) deps.log(`  - ${m}`)
  }
}

export async function main(argv: string[], deps: Deps = realDeps, root = process.cwd()): Promise<void> {
  const args = parseArgs(argv)
  const plan = planDeploy(root, loadConfig(root, args), args)
  if (args.dryRun) {
    deps.log('演练（--dry-run）：不构建、不联网，只列出将要执行的步骤和设置')
    for (const line of describePlan(plan)) deps.log(line)
    for (const line of databaseSteps()) deps.log(line)
    return
  }
  await runDeploy(plan, deps)
}

if (require.main === module) {
  // exit explicitly: miniprogram-ci's compiler leaves a file watcher and a forked process running
  main(process.argv.slice(2)).then(() => process.exit(0), (err) => {
    console.error(`部署失败：${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  })
}
