import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { COLLECTIONS } from '../../cloudfunctions/common/indexes'
import {
  ciScfAdmin,
  main,
  planDeploy,
  TRIGGER_OK,
  type CiInternals,
  type CiModule,
  type CiProject,
  type Deps,
  type FunctionPlan,
  type ScfAdmin
} from '../../scripts/deploy'
import { RUNTIME } from '../../scripts/runtime'

/**
 * `npm run deploy`: the dry run prints every setting offline; the real path, with fakes standing in
 * for miniprogram-ci (the real one needs WeChat's servers and a key), sends exactly these calls.
 */
const ROOT = resolve('.')
const FUNCTIONS = ['admin', 'assistant', 'complaint', 'course', 'loan', 'monitor', 'notice', 'policy', 'recognition', 'register', 'reminder', 'scheduler', 'survey', 'user', 'visit']
const TIMEOUTS: Record<string, number> = { admin: 20, assistant: 20, complaint: 10, course: 10, loan: 10, monitor: 20, notice: 10, policy: 20, recognition: 10, register: 60, reminder: 10, scheduler: 60, survey: 20, user: 10, visit: 10 }

function fakes(existing: Record<string, { runtime: string; timeout: number; memorySize: number }> = {}, triggerReply = TRIGGER_OK) {
  const calls: Array<[string, ...unknown[]]> = []
  const lines: string[] = []
  class Project implements CiProject {
    appid: string
    constructor(public readonly options: Record<string, unknown>) {
      calls.push(['new Project', options])
      this.appid = String(options.appid)
    }
    async getExtAppid() {
      return null
    }
  }
  const ci: CiModule = {
    Project: Project as unknown as CiModule['Project'],
    upload: async (o) => (calls.push(['upload', { ...o, project: '<project>' }]), {}),
    cloud: {
      uploadFunction: async (o) => (calls.push(['uploadFunction', { ...o, project: '<project>' }]), { filesCount: 3, packSize: 1000 }),
      createTimeTrigger: async (o) => (calls.push(['createTimeTrigger', { ...o, project: '<project>' }]), triggerReply)
    }
  }
  const scf: ScfAdmin = {
    getFunction: async (name) => existing[name] ?? null,
    createFunction: async (f) => void calls.push(['createFunction', f]),
    updateConfig: async (f) => void calls.push(['updateConfig', f.name, f.timeout, f.memorySize])
  }
  const deps: Deps = {
    loadCi: () => ci,
    scfAdmin: (_project, env) => (calls.push(['scfAdmin', env]), scf),
    exec: (cmd, args) => void calls.push(['exec', cmd, ...args]),
    log: (l) => void lines.push(l)
  }
  return { calls, lines, deps }
}

function keyFile() {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-'))
  writeFileSync(join(dir, 'private.key'), 'not a real key')
  return join(dir, 'private.key')
}

const flags = (key: string) => ['--appid', 'wx0123456789abcdef', '--env', 'prod-1a2b', '--private-key', key, '--version', '1.2.3', '--desc', '测试发布', '--config', 'no-such-file.json']

describe('npm run deploy -- --dry-run', () => {
  test('the command prints every function with runtime, timeout, memory, trigger and path, offline', () => {
    const r = spawnSync('npm', ['run', '--silent', 'deploy', '--', '--dry-run', ...flags('/keys/k.key')], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    const out = r.stdout
    for (const fn of FUNCTIONS) {
      expect(out).toContain(`${fn}：运行时 ${RUNTIME}，超时 ${TIMEOUTS[fn]} 秒，内存 256 MB，入口 index.main，代码 ${join(ROOT, 'dist/cloudfunctions', fn)}`)
    }
    expect(out).toContain('scheduler 定时触发器：名称 sweep，类型 timer，Cron 0 */5 * * * * *')
    expect(out).toContain('云开发环境：prod-1a2b')
    expect(out).toContain('上传密钥：/keys/k.key')
    expect(out).toContain('版本 1.2.3，备注 测试发布')
    expect(out).toContain('集合 stalls：数据权限设为“仅管理端可读写”；索引管理中添加 code 升序（唯一）')
  })

  test('a dry run never loads miniprogram-ci, builds or uploads', async () => {
    const { deps, lines, calls } = fakes()
    deps.loadCi = () => {
      throw new Error('a dry run must not load miniprogram-ci')
    }
    await main(['--dry-run', ...flags('/keys/k.key')], deps, ROOT)
    expect(calls).toEqual([])
    expect(lines.join('\n')).toContain('演练')
  })

  test('a function whose config.json has no timeout stops the plan (it would get 3 s)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'))
    spawnSync('cp', ['-r', 'package.json', 'project.config.json', dir])
    spawnSync('mkdir', ['-p', join(dir, 'cloudfunctions/x')])
    writeFileSync(join(dir, 'cloudfunctions/x/index.ts'), '')
    writeFileSync(join(dir, 'cloudfunctions/x/config.json'), '{"permissions":{"openapi":[]}}')
    expect(() => planDeploy(dir, { version: '1', desc: '' }, { weapp: false })).toThrow('cloudfunctions/x/config.json 缺少 timeout')
  })
})

describe('npm run deploy (miniprogram-ci replaced by a recording fake)', () => {
  test('first deploy: builds, creates each function with its runtime and timeout, uploads it, adds the trigger, then the mini-program', async () => {
    const key = keyFile()
    const { deps, calls, lines } = fakes()
    await main(flags(key), deps, ROOT)

    expect(calls[0]).toEqual(['exec', 'npm', 'run', 'build:functions'])
    expect(calls.find((c) => c[0] === 'new Project')).toEqual([
      'new Project',
      { appid: 'wx0123456789abcdef', type: 'miniProgram', projectPath: ROOT, privateKeyPath: key, ignores: expect.arrayContaining(['dist/h5/**/*']) }
    ])
    expect(calls).toContainEqual(['scfAdmin', 'prod-1a2b'])
    const created = calls.filter((c) => c[0] === 'createFunction').map((c) => c[1] as FunctionPlan)
    expect(created.map((f) => [f.name, f.runtime, f.timeout, f.memorySize, f.remoteNpmInstall])).toEqual(
      FUNCTIONS.map((n) => [n, 'Nodejs18.15', TIMEOUTS[n], 256, true])
    )
    expect(calls.filter((c) => c[0] === 'uploadFunction').map((c) => c[1])).toEqual(
      FUNCTIONS.map((name) => ({ project: '<project>', env: 'prod-1a2b', name, path: join(ROOT, 'dist/cloudfunctions', name), remoteNpmInstall: true }))
    )
    // each function is created before its code goes up (else miniprogram-ci creates it as Nodejs8.9, 3 s)
    for (const name of FUNCTIONS) {
      const c = calls.findIndex((x) => x[0] === 'createFunction' && (x[1] as FunctionPlan).name === name)
      const u = calls.findIndex((x) => x[0] === 'uploadFunction' && (x[1] as { name: string }).name === name)
      expect(c).toBeLessThan(u)
    }
    expect(calls.filter((c) => c[0] === 'createTimeTrigger').map((c) => c[1])).toEqual([
      { project: '<project>', envId: 'prod-1a2b', functionName: 'scheduler', triggersConfig: [{ name: 'sweep', type: 'timer', config: '0 */5 * * * * *' }] }
    ])
    expect(calls[calls.length - 1]).toEqual(['upload', { project: '<project>', version: '1.2.3', desc: '测试发布', robot: undefined, setting: { es6: false, minify: false } }])
    // the database checklist is printed after the functions, before the mini-program
    const text = lines.join('\n')
    expect(text).toContain("wx.cloud.callFunction({ name: 'admin', data: { action: 'admin.setup' } })")
    for (const name of COLLECTIONS) expect(text).toContain(`集合 ${name}：`)
    expect(text).not.toContain('还需手工完成')
  })

  test('redeploy: a wrong timeout is corrected, a matching function is left alone, an existing trigger becomes a manual check', async () => {
    const ok = { runtime: RUNTIME, timeout: 10, memorySize: 256 }
    const existing = Object.fromEntries(FUNCTIONS.map((n) => [n, { ...ok, timeout: TIMEOUTS[n] }]))
    existing.scheduler = { runtime: RUNTIME, timeout: 3, memorySize: 256 }
    const { deps, calls, lines } = fakes(existing, '请检查传入的 triggersConfig 是否符合格式')
    await main(flags(keyFile()), deps, ROOT)
    expect(calls.filter((c) => c[0] === 'createFunction')).toEqual([])
    expect(calls.filter((c) => c[0] === 'updateConfig')).toEqual([['updateConfig', 'scheduler', 60, 256]])
    expect(calls.filter((c) => c[0] === 'uploadFunction')).toHaveLength(FUNCTIONS.length)
    const text = lines.join('\n')
    expect(text).toContain('还需手工完成')
    expect(text).toContain('云开发控制台 → 云函数 → scheduler → 触发器 确认有 sweep，Cron 为 0 */5 * * * * *')
  })

  test('a function left on another runtime stops the deploy with the way out; missing settings are named', async () => {
    const { deps, calls } = fakes({ admin: { runtime: 'Nodejs8.9', timeout: 3, memorySize: 256 } })
    await expect(main(flags(keyFile()), deps, ROOT)).rejects.toThrow('云函数 admin 的运行时是 Nodejs8.9，不是 Nodejs18.15，无法原地修改')
    expect(calls.filter((c) => c[0] === 'uploadFunction')).toEqual([])

    const bare = fakes()
    await expect(main(['--config', 'no-such-file.json'], bare.deps, ROOT)).rejects.toThrow('缺少 appid、private-key、env')
    expect(bare.calls).toEqual([])
  })
})

describe("ScfAdmin over miniprogram-ci's cloud API", () => {
  test('sends CreateFunction with our runtime, timeout and memory, in the region and with the secrets uploadFunction uses', async () => {
    const sent: Array<[string, Record<string, unknown>, unknown]> = []
    const topts = { request: 'bound-request', transactType: 'IDE' }
    const m: CiInternals = {
      cloudAPI: {
        TransactType: { IDE: 'IDE' },
        tcbGetEnvironments: async () => ({ envList: [{ envId: 'other', functions: [{ region: 'ap-beijing' }] }, { envId: 'prod-1a2b', functions: [{ region: 'ap-shanghai' }], logServices: [{ logsetId: 'ls', topicId: 'tp' }] }] }),
        scfGetFunctionInfo: async (i) => {
          sent.push(['GetFunction', i as Record<string, unknown>, null])
          throw Object.assign(new Error('not found'), { code: 'ResourceNotFound.Function' })
        },
        scfCreateFunction: async (i, o) => void sent.push(['CreateFunction', i as Record<string, unknown>, o]),
        scfUpdateFunctionInfo: async (i, o) => void sent.push(['UpdateFunctionConfiguration', i as Record<string, unknown>, o])
      },
      cloudapi: { initCloudAPI: (appid) => void sent.push(['init', { appid }, null]), boundTransactRequest: () => 'bound-request', get3rdCloudCodeSecret: async () => 'secret' },
      utils: { zipFile: (path) => ({ path }), zipToBuffer: async (zip) => Buffer.from(JSON.stringify(zip)) }
    }
    const project = { appid: 'wx0123456789abcdef', getExtAppid: async () => null }
    const scf = ciScfAdmin(project, 'prod-1a2b', m)
    expect(await scf.getFunction('scheduler')).toBeNull()
    const [scheduler] = planDeploy(ROOT, { version: '1', desc: '' }, { weapp: false }).functions.filter((f) => f.name === 'scheduler')
    await scf.createFunction(scheduler)
    await scf.updateConfig(scheduler)
    expect(sent[0]).toEqual(['init', { appid: 'wx0123456789abcdef' }, null])
    const create = sent.find((s) => s[0] === 'CreateFunction')!
    expect(create[1]).toMatchObject({
      functionName: 'scheduler', runtime: 'Nodejs18.15', timeout: 60, memorySize: 256, handler: 'index.main', installDependency: true,
      namespace: 'prod-1a2b', region: 'ap-shanghai', codeSecret: 'secret', clsLogsetId: 'ls', clsTopicId: 'tp', role: 'TCB_QcsRole', stamp: 'MINI_QCBASE'
    })
    expect(Buffer.from((create[1].code as { zipFile: string }).zipFile, 'base64').toString()).toBe(JSON.stringify({ path: join(ROOT, 'dist/cloudfunctions/scheduler') }))
    expect(create[2]).toEqual(topts)
    expect(sent.find((s) => s[0] === 'UpdateFunctionConfiguration')![1]).toEqual({ namespace: 'prod-1a2b', region: 'ap-shanghai', functionName: 'scheduler', timeout: 60, memorySize: 256, clsLogsetId: 'ls', clsTopicId: 'tp' })
  })

  test('the internals it relies on exist in the installed miniprogram-ci', () => {
    const m = require('../../scripts/deploy').loadCiInternals() as CiInternals
    for (const f of ['tcbGetEnvironments', 'scfGetFunctionInfo', 'scfCreateFunction', 'scfUpdateFunctionInfo'] as const) expect(typeof m.cloudAPI[f]).toBe('function')
    for (const f of ['initCloudAPI', 'boundTransactRequest', 'get3rdCloudCodeSecret'] as const) expect(typeof m.cloudapi[f]).toBe('function')
    expect(typeof m.utils.zipFile).toBe('function')
    const ci = require('miniprogram-ci')
    expect(typeof ci.cloud.uploadFunction).toBe('function')
    expect(typeof ci.cloud.createTimeTrigger).toBe('function')
    expect(typeof ci.upload).toBe('function')
  })
})
