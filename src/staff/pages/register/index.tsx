import { Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { usePaged } from '../../../components/usePaged'
import { Cell, Empty, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { HEADER_HELP, MAX_FILE_BYTES } from '../../../core/register/rows'
import { call, errorMessage } from '../../../services/api'
import { extOf } from '../../../core/register/fileKind'
import { pickRegisterFile, storeRegisterFile, type PickedFile } from '../../../services/registerFile'
import './index.css'

type Preview = Output<Contracts['register.import.preview']>
type Progress = Output<Contracts['register.import.run']>
type Entry = Output<Contracts['register.list']>['items'][number]
type RowError = Preview['errorsPage']['items'][number]

type Step =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'preview'; preview: Preview; errors: RowError[]; errorsNext: string | null }
  | { kind: 'running'; preview: Preview; progress: Progress | null }
  | { kind: 'done'; preview: Preview; progress: Progress }

const MB = MAX_FILE_BYTES / 1024 / 1024
const n = (x: number) => x.toLocaleString('en-US')
const STATUS_TONE = { active: 'green', cancelled: 'gray', revoked: 'orange', other: 'gray' } as const

/** Why a picked file cannot be read, before anything is uploaded; null when it can. */
function fileProblem(name: string, size: number): string | null {
  const ext = extOf(name)
  if (ext === 'xls') return '这是旧版 Excel（.xls）文件，请在 Excel 里“另存为” .xlsx 或 CSV 后再导入'
  if (!ext) return '文件类型不对，只能导入 Excel（.xlsx）或 CSV 文件'
  if (!size) return '文件是空的，请重新导出后再选'
  if (size > MAX_FILE_BYTES) return `文件太大，不能超过${MB}MB，请分成几个文件导入`
  return null
}

/**
 * 登记名录: the regulator imports the register of 个体工商户 (an Excel or CSV export of the
 * registration system) for their region — preview with every problem row, then the import in
 * steps with progress — and searches what is imported.
 */
export default function RegisterPage() {
  const [file, setFile] = useState<PickedFile | null>(null)
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [q, setQ] = useState('')
  const [marketId, setMarketId] = useState('all')
  const [markets, setMarkets] = useState<Array<{ id: string; name: string }>>([])
  const filters = useRef({ q: '', marketId: 'all' })
  const list = usePaged<Entry & { id: string }>(async (cursor, limit) => {
    const f = filters.current
    const r = await call('register.list', { ...(f.q ? { q: f.q } : {}), ...(f.marketId !== 'all' ? { marketId: f.marketId } : {}), ...(cursor ? { cursor } : {}), limit })
    return { items: r.items.map((i) => ({ ...i, id: i.creditCode })), total: r.total, nextCursor: r.nextCursor }
  })
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) return
    shown.current = true
    void list.reset()
    call('admin.market.list', {})
      .then((r) => setMarkets(r.markets.map((m) => ({ id: m.id, name: m.name }))))
      .catch(() => setMarkets([]))
  })

  /** Upload and preview the picked file; on failure the file stays picked, to try again. */
  async function read(f: PickedFile) {
    setProblem(null)
    setBusy(true)
    setStep({ kind: 'reading' })
    try {
      const { cloudPath } = await call('register.import.prepare', { ext: f.ext })
      let fileId: string
      try {
        fileId = await storeRegisterFile(cloudPath, f)
      } catch (err) {
        const m = err instanceof Error && /[\u4e00-\u9fa5]/.test(err.message) ? err.message : '文件没有传上去（云存储出错），请检查网络后再试'
        throw new Error(m)
      }
      const preview = await call('register.import.preview', { fileId })
      setStep({ kind: 'preview', preview, errors: preview.errorsPage.items, errorsNext: preview.errorsPage.nextCursor })
    } catch (err) {
      setProblem(err instanceof Error && !(err as { code?: string }).code && /[\u4e00-\u9fa5]/.test(err.message) ? err.message : errorMessage(err))
      setStep({ kind: 'idle' })
    } finally {
      setBusy(false)
    }
  }

  async function choose() {
    setProblem(null)
    let picked: Awaited<ReturnType<typeof pickRegisterFile>>
    try {
      picked = await pickRegisterFile()
    } catch (err) {
      setProblem(err instanceof Error ? err.message : '没能打开文件，请重试')
      return
    }
    if (!picked) return
    const why = fileProblem(picked.name, picked.size)
    if (why) {
      setProblem(why)
      return
    }
    const f: PickedFile = { ...picked, ext: extOf(picked.name) as 'xlsx' | 'csv' }
    setFile(f)
    await read(f)
  }

  async function moreErrors() {
    if (step.kind !== 'preview' || !step.errorsNext) return
    setBusy(true)
    try {
      const page = await call('register.import.errors', { jobId: step.preview.jobId, cursor: step.errorsNext })
      setStep({ ...step, errors: [...step.errors, ...page.items], errorsNext: page.nextCursor })
    } catch (err) {
      setProblem(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  /** Runs the import call after call until it is finished; a failed call can be resumed. */
  async function run(preview: Preview, from: Progress | null = null) {
    setProblem(null)
    setStep({ kind: 'running', preview, progress: from })
    let last = from
    try {
      for (;;) {
        const p = await call('register.import.run', { jobId: preview.jobId })
        const stalled = last && p.done === last.done && !p.finished
        last = p
        if (p.finished) {
          setStep({ kind: 'done', preview, progress: p })
          void list.reset()
          return
        }
        setStep({ kind: 'running', preview, progress: p })
        // another call is still writing (a second tap, or one that lost its answer): wait a moment
        if (stalled) await new Promise((r) => setTimeout(r, 2000))
      }
    } catch (err) {
      setProblem(`${errorMessage(err)}。已导入的不会丢失，点“继续导入”接着做`)
    }
  }

  const reset = () => {
    setFile(null)
    setProblem(null)
    setStep({ kind: 'idle' })
  }
  const search = () => {
    filters.current = { q: q.trim(), marketId }
    void list.reset()
  }

  const summary = (p: Preview) => (
    <Section title='文件检查结果'>
      <Cell label='数据行' value={`${n(p.rows)}行`} />
      <Cell label='可以导入' value={`${n(p.valid)}行`} />
      <Cell label='有问题' value={p.errors ? <Text className='register-bad'>{n(p.errors)}行（不导入）</Text> : '无'} />
      <Cell label='将新增' value={`${n(p.willAdd)}户`} />
      <Cell label='将更新' value={`${n(p.willUpdate)}户`} />
      <Cell label='与名录一致' value={`${n(p.unchanged)}户`} />
      <View className='notice-text'>
        <Text className='grid__hint'>读到的列：{p.columns.join('、')}{p.ignored.length ? `；没有使用的列：${p.ignored.join('、')}` : ''}</Text>
      </View>
    </Section>
  )

  const progressBar = (p: Progress | null, total: number) => {
    const done = p?.done ?? 0
    const pct = total ? Math.floor((done * 100) / total) : 0
    return (
      <View className='notice-text'>
        <View className='register-progress' id='register-progress'>
          <View className='register-progress__bar' style={{ width: `${pct}%` }} />
        </View>
        <Text className='grid__hint'>已处理 {n(done)} / {n(total)} 户（{pct}%）</Text>
      </View>
    )
  }

  return (
    <Page>
      <Section title='导入登记名录'>
        {file ? <Cell label='文件' value={<Text className='register-file'>{file.name}</Text>} /> : null}
        {problem ? <Notice tone='error'>{problem}</Notice> : null}

        {step.kind === 'idle' ? (
          <View className='register-actions'>
            {file && problem ? <PrimaryButton loading={busy} onClick={() => void read(file)}>再试一次</PrimaryButton> : null}
            {file && problem ? <SecondaryButton onClick={() => void choose()}>换一个文件</SecondaryButton> : <PrimaryButton loading={busy} onClick={() => void choose()}>选择文件（Excel 或 CSV）</PrimaryButton>}
          </View>
        ) : null}
        {step.kind === 'reading' ? <Notice>正在读取和检查文件，几万行的文件要几十秒…</Notice> : null}
      </Section>

      {step.kind === 'preview' ? (
        <View>
          {summary(step.preview)}
          {step.preview.sample.length ? (
            <Section title='前几行（核对一下列是否对得上）'>
              {step.preview.sample.map((e) => (
                <View key={e.creditCode} className='notice-text' style={{ borderBottom: '1px solid var(--c-line)' }}>
                  <View className='notice-text__heading' style={{ marginTop: 0 }}>{e.name} <Tag tone={STATUS_TONE[e.status]}>{e.statusText}</Tag></View>
                  <Text className='grid__hint'><Text className='code'>{e.creditCode}</Text> · {e.operatorName} · {e.registeredOn ?? '无成立日期'} · {e.regionName}{e.marketName ? ` · ${e.marketName}` : ''}</Text>
                </View>
              ))}
            </Section>
          ) : null}
          {step.errors.length ? (
            <Section title={`有问题的行（共${n(step.preview.errors)}行，改好后可以重新导入整个文件）`}>
              {step.errors.map((e) => (
                <View key={e.row} className='notice-text register-error' style={{ borderBottom: '1px solid var(--c-line)' }}>
                  <Text>第{e.row}行 · {e.column}：{e.reason}</Text>
                </View>
              ))}
              <LoadMore shown={step.errors.length} total={step.preview.errors} more={!!step.errorsNext} beyond={false} loading={busy} onMore={() => void moreErrors()} unit='行' />
            </Section>
          ) : null}
          <View className='register-actions'>
            {step.preview.valid ? (
              <PrimaryButton onClick={() => void run(step.preview)}>确认导入（{n(step.preview.valid)}行）</PrimaryButton>
            ) : (
              <Notice tone='warn'>没有可以导入的行，请按上面的提示改好文件再选</Notice>
            )}
            <SecondaryButton onClick={reset}>取消，换一个文件</SecondaryButton>
          </View>
        </View>
      ) : null}

      {step.kind === 'running' ? (
        <Section title='正在导入'>
          {progressBar(step.progress, step.preview.valid)}
          {problem ? <View className='register-actions'><PrimaryButton onClick={() => void run(step.preview, step.progress)}>继续导入</PrimaryButton></View> : <Notice>请不要离开本页，导入分几步完成</Notice>}
        </Section>
      ) : null}

      {step.kind === 'done' ? (
        <Section title='导入完成'>
          {progressBar(step.progress, step.preview.valid)}
          <Cell label='新增' value={`${n(step.progress.added)}户`} />
          <Cell label='更新' value={`${n(step.progress.updated)}户`} />
          <Cell label='没有变化' value={`${n(step.progress.unchanged)}户`} />
          {step.preview.errors ? <Cell label='有问题没导入' value={`${n(step.preview.errors)}行`} /> : null}
          <View className='register-actions'><SecondaryButton onClick={reset}>再导入一个文件</SecondaryButton></View>
        </Section>
      ) : null}

      <Section title='说明'>
        <View className='notice-text'>
          <View className='notice-text__body'>· 从登记系统导出本辖区的个体工商户名录，存成 Excel（.xlsx）或 CSV，不超过{MB}MB、20万行。在微信里：把文件发到自己的聊天（如“文件传输助手”），再在这里选择。</View>
          <View className='notice-text__body'>· 按统一社会信用代码更新：已有的户更新有变化的内容，没有的户新增；同一个文件导入两次不会重复。</View>
          <View className='notice-text__body'>· 文件里没有的户不会从名录中删除；已注销、吊销的户请在文件里写明登记状态。</View>
          <View className='notice-text__body'>· 只能导入您辖区内的户；行政区划一列可以不填，不填时按信用代码第3到8位判断。</View>
          <View className='notice-text__heading'>认得的列名</View>
          {HEADER_HELP.map((h) => (
            <View key={h} className='notice-text__body'>· {h}</View>
          ))}
        </View>
      </Section>

      <Section title={list.items ? `名录（共${n(list.total)}户）` : '名录'}>
        <Cell label='名称或代码'>
          <Input className='input' name='register-q' maxlength={30} placeholder='名称开头或信用代码开头' value={q} confirmType='search' onInput={(e) => setQ(e.detail.value)} onConfirm={search} />
        </Cell>
        <SelectCell id='registerMarket' label='市场' options={{ all: '全部市场', ...Object.fromEntries(markets.map((m) => [m.id, m.name])) } as Record<string, string>} value={marketId} onChange={(k) => { setMarketId(k); filters.current = { q: q.trim(), marketId: k }; void list.reset() }} />
        <View className='register-actions'><SecondaryButton onClick={search}>查找</SecondaryButton></View>
        {list.error ? <LoadFailed message={list.error} /> : !list.items ? <Loading /> : list.items.length ? (
          list.items.map((e) => (
            <View key={e.creditCode} className='notice-text' style={{ borderBottom: '1px solid var(--c-line)' }}>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>{e.name} <Tag tone={STATUS_TONE[e.status]}>{e.statusText}</Tag></View>
              <Text className='grid__hint'><Text className='code'>{e.creditCode}</Text> · {e.operatorName} · {e.marketName ?? '未绑定市场'}</Text>
            </View>
          ))
        ) : (
          <Empty title='没有找到'>导入名录后，这里可以按名称或信用代码查找。</Empty>
        )}
      </Section>
      {list.items ? <LoadMore shown={list.items.length} total={list.total} more={list.more} beyond={list.beyond} loading={list.loadingMore} onMore={list.loadMore} onRefresh={() => void list.reset()} unit='户' /> : null}
    </Page>
  )
}
