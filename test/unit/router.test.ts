import { AppError } from '../../cloudfunctions/common/errors'
import { defineFunction, dispatch } from '../../cloudfunctions/common/router'
import { failureSchema } from '../../src/core/common/envelope'
import { fieldMessages } from '../../src/core/common/fields'
import { localPorts } from '../helpers/ports'

const market = { id: 'm1', name: '东门农贸市场', region: '330302', regionName: '浙江省温州市鹿城区', address: '东门街88号' }
const payload = { name: '东门农贸市场', region: '330302', address: '东门街88号' }

describe('router: action → role → payload → handler → result', () => {
  let env: ReturnType<typeof localPorts>
  let calls: number
  beforeEach(async () => {
    env = localPorts()
    calls = 0
    await env.ports.db.collection('staff').set('reg', { role: 'regulator', name: '王', region: null, bankName: null, createdAt: '' })
  })
  afterEach(() => env.cleanup())

  const fn = (impl?: () => Promise<unknown>) =>
    defineFunction('admin', {
      async 'admin.market.create'() {
        calls++
        return (impl ? impl() : Promise.resolve(market)) as never
      }
    })
  const run = (event: unknown, openid: string | null = 'reg', f = fn()) => dispatch(f, event, { openid }, env.ports)

  test('a good call returns the handler result', async () => {
    expect(await run({ action: 'admin.market.create', payload })).toEqual({ ok: true, data: market })
  })

  test.each([
    ['not an object', 'hello', 'INVALID_INPUT'],
    ['an array', [1, 2], 'INVALID_INPUT'],
    ['null', null, 'INVALID_INPUT'],
    ['no action', { payload }, 'INVALID_INPUT'],
    ['unknown body keys', { action: 'admin.market.create', payload, extra: 1 }, 'INVALID_INPUT'],
    ['a malformed action name', { action: 'DROP TABLE', payload }, 'INVALID_INPUT'],
    ['an unknown action', { action: 'admin.market.explode', payload }, 'NOT_FOUND'],
    ['another function’s action', { action: 'user.login', payload: {} }, 'NOT_FOUND'],
    ['a prototype key as action', { action: 'admin.constructor', payload }, 'NOT_FOUND'],
    ['a bad requestId', { action: 'admin.market.create', payload, requestId: 'x' }, 'INVALID_INPUT']
  ])('%s → %s', async (_name, event, code) => {
    const r = await run(event)
    expect(failureSchema.parse(r).error.code).toBe(code)
    expect(calls).toBe(0)
  })

  test('no identity → UNAUTHENTICATED; an owner on a staff action → FORBIDDEN', async () => {
    expect(failureSchema.parse(await run({ action: 'admin.market.create', payload }, null)).error.code).toBe('UNAUTHENTICATED')
    expect(failureSchema.parse(await run({ action: 'admin.market.create', payload }, 'bad openid!')).error.code).toBe('UNAUTHENTICATED')
    expect(failureSchema.parse(await run({ action: 'admin.market.create', payload }, 'owner1')).error.code).toBe('FORBIDDEN')
    expect(calls).toBe(0)
  })

  test('role is checked before the payload: an owner learns nothing about the schema', async () => {
    const r = failureSchema.parse(await run({ action: 'admin.market.create', payload: { junk: 1 } }, 'owner1'))
    expect(r.error.code).toBe('FORBIDDEN')
    expect(r.error.details).toBeUndefined()
  })

  test('payload errors carry each field with a Chinese message', async () => {
    const r = failureSchema.parse(await run({ action: 'admin.market.create', payload: { name: '', region: 'x'.repeat(41), extra: 1 } }))
    expect(r.error.code).toBe('INVALID_INPUT')
    const paths = r.error.details!.map((d) => d.path)
    expect(paths).toEqual(expect.arrayContaining(['name', 'region', 'address']))
    // free text is not a region: only a GB/T 2260 code from the picker is
    expect(r.error.details!.find((d) => d.path === 'region')!.message).toBe('请选择地区')
    expect(r.error.details!.find((d) => d.path === 'address')!.message).toBe('此项必填')
    expect(r.error.details!.some((d) => d.message.includes('extra'))).toBe(true)
  })

  test('a crash becomes INTERNAL with no stack trace; it is logged on the server', async () => {
    const r = await run({ action: 'admin.market.create', payload }, 'reg', fn(async () => {
      throw new Error('secret detail at db.ts:42')
    }))
    const text = JSON.stringify(r)
    expect(failureSchema.parse(r).error.code).toBe('INTERNAL')
    expect(text).not.toContain('secret')
    expect(text).not.toContain('.ts')
    expect(env.errors.join()).toContain('secret detail')
  })

  test('an AppError reaches the caller with its code and message', async () => {
    const r = await run({ action: 'admin.market.create', payload }, 'reg', fn(async () => {
      throw new AppError('CONFLICT', '已经有同名市场')
    }))
    expect(r).toEqual({ ok: false, error: { code: 'CONFLICT', message: '已经有同名市场' } })
  })

  test('a result with a field the contract does not name never leaves the function', async () => {
    const r = await run({ action: 'admin.market.create', payload }, 'reg', fn(async () => ({ ...market, secretPhone: '13800000000' })))
    expect(failureSchema.parse(r).error.code).toBe('INTERNAL')
    expect(JSON.stringify(r)).not.toContain('138')
  })

  test('the same requestId returns the first result and runs the handler once', async () => {
    let n = 0
    const f = fn(async () => ({ ...market, id: `m${++n}` }))
    const a = await run({ action: 'admin.market.create', payload, requestId: 'req-00000001' }, 'reg', f)
    const b = await run({ action: 'admin.market.create', payload, requestId: 'req-00000001' }, 'reg', f)
    const c = await run({ action: 'admin.market.create', payload, requestId: 'req-00000002' }, 'reg', f)
    expect(a).toEqual({ ok: true, data: { ...market, id: 'm1' } })
    expect(b).toEqual(a)
    expect(c).toEqual({ ok: true, data: { ...market, id: 'm2' } })
    expect(calls).toBe(2)
  })

  test('concurrent duplicates: one runs, the other is told it is in progress', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const f = fn(async () => {
      await gate
      return market
    })
    const first = run({ action: 'admin.market.create', payload, requestId: 'req-00000003' }, 'reg', f)
    await new Promise((r) => setTimeout(r, 20))
    const second = await run({ action: 'admin.market.create', payload, requestId: 'req-00000003' }, 'reg', f)
    release()
    expect((await first).ok).toBe(true)
    expect(failureSchema.parse(second).error.code).toBe('CONFLICT')
    expect(calls).toBe(1)
  })

  test('a failed creating call can be retried with the same requestId', async () => {
    let fail = true
    const f = fn(async () => {
      if (fail) throw new AppError('CONFLICT', '稍后再试')
      return market
    })
    expect((await run({ action: 'admin.market.create', payload, requestId: 'req-00000004' }, 'reg', f)).ok).toBe(false)
    fail = false
    expect((await run({ action: 'admin.market.create', payload, requestId: 'req-00000004' }, 'reg', f)).ok).toBe(true)
  })

  test('the same requestId from another user is another request', async () => {
    await env.ports.db.collection('staff').set('reg2', { role: 'regulator', name: '李', region: null, bankName: null, createdAt: '' })
    await run({ action: 'admin.market.create', payload, requestId: 'req-00000005' }, 'reg')
    await run({ action: 'admin.market.create', payload, requestId: 'req-00000005' }, 'reg2')
    expect(calls).toBe(2)
  })
})

describe('validation messages are Chinese for every kind of problem', () => {
  test('a bad record key (e.g. an operator-looking key) gets a Chinese message', async () => {
    const { contracts } = await import('../../src/core/contracts')
    const r = contracts['reminder.subscription.report'].input.safeParse({ results: { $where: 'sleep(1000)' } })
    expect(r.success).toBe(false)
    for (const issue of r.error!.issues) expect(issue.message).toMatch(/[\u4e00-\u9fa5]/)
  })
})

describe('field messages for forms', () => {
  test('the first message per field wins, and an item’s message also stands for its list', () => {
    expect(
      fieldMessages([
        { path: 'photos.1', message: '第2张照片上传已超过一天，请删掉后重新选择' },
        { path: 'photos.3', message: '第4张照片不可用' },
        { path: 'phone', message: '请填写11位手机号' },
        { path: 'phone', message: '另一条' }
      ])
    ).toEqual({
      'photos.1': '第2张照片上传已超过一天，请删掉后重新选择',
      'photos.3': '第4张照片不可用',
      photos: '第2张照片上传已超过一天，请删掉后重新选择',
      phone: '请填写11位手机号'
    })
  })
})
