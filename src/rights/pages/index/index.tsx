import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import { showDateTime } from '../../../core/common/time'
import type { Contracts } from '../../../core/contracts'
import type { Withdrawable } from '../../../core/rights/contract'
import { call, errorMessage } from '../../../services/api'
import { KEEP_HINT, keepActions, prepareFiles, type ExportFiles } from '../../../services/keepFile'
import { useSession } from '../../../store/session'

type View_ = Output<Contracts['user.rights.view']>

/** One consent: its state, when and which version, what withdrawing does, and 撤回. */
function ConsentRow({ c, onWithdraw }: { c: Withdrawable; onWithdraw: (c: Withdrawable) => void }) {
  return (
    <View className='notice-text' id={`consent-${c.id.replace(':', '-')}`}>
      <View className='notice-text__heading' style={{ marginTop: 0 }}>
        {c.title} <Tag tone={c.granted ? 'green' : 'gray'}>{c.granted ? '已同意' : '未同意或已撤回'}</Tag>
      </View>
      {c.at ? <View className='grid__hint'>{`${showDateTime(c.at)} · ${c.version}版`}</View> : null}
      <View className='notice-text__body'>{c.effect}</View>
      {c.granted ? (
        <View className='actions'>
          <SecondaryButton onClick={() => onWithdraw(c)}>{`撤回“${c.title}”`}</SecondaryButton>
        </View>
      ) : null}
    </View>
  )
}

/** 我的 → 个人信息: everything held about me, grouped; export; withdraw each consent; delete the account. */
export default function RightsPage() {
  const { refresh } = useSession()
  const [v, setV] = useState<View_ | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [files, setFiles] = useState<ExportFiles | null>(null)
  const [exporting, setExporting] = useState(false)
  const [said, setSaid] = useState<string | null>(null)
  const load = () =>
    call('user.rights.view', {})
      .then((x) => {
        setV(x)
        setError(null)
      })
      .catch((err) => setError(errorMessage(err)))
  useDidShow(() => void load())

  const doExport = async () => {
    setExporting(true)
    setSaid(null)
    try {
      const f = await call('user.rights.export', {})
      await prepareFiles(f)
      setFiles(f)
    } catch (err) {
      setSaid(`没有导出成功：${errorMessage(err)}`)
    } finally {
      setExporting(false)
    }
  }

  const withdraw = async (c: Withdrawable) => {
    const ok = await Taro.showModal({ title: `撤回“${c.title}”？`, content: c.effect, confirmText: '撤回', cancelText: '先不撤回' })
    if (!ok.confirm) return
    try {
      const r = await call('user.rights.withdraw', { id: c.id })
      setV((x) => (x ? { ...x, consents: r.consents } : x))
      Taro.showToast({ title: '已撤回', icon: 'success' })
      // the notice and 个性化推荐 show on other pages: the session learns of it
      void refresh()
      void load()
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!v) return <Page><Loading /></Page>
  return (
    <Page>
      <Notice>这里是本小程序保存的关于您的全部信息（{showDateTime(v.generatedAt)}）。您可以导出留存、逐项撤回同意，或注销账号。</Notice>
      {v.groups.map((g) => (
        <Section key={g.key} title={`${g.title}${g.total ? `（${g.total}）` : ''}`} footer={g.note ?? undefined}>
          <View id={`held-${g.key}`}>
            {g.items.length ? (
              g.items.map((it, i) => (
                <View key={i} className='notice-text'>
                  <View className='notice-text__heading' style={{ marginTop: 0 }}>{it.title}</View>
                  {it.lines.map((l, j) => (
                    <View key={j} className='notice-text__body'>{l}</View>
                  ))}
                </View>
              ))
            ) : (
              <Cell wide label={g.empty} />
            )}
          </View>
        </Section>
      ))}

      <Section title='导出留存' footer={files ? KEEP_HINT : '生成两个文件：文字版（方便阅读）和JSON数据版（全部原始记录）。'}>
        <View className='actions' id='export'>
          {!files ? (
            <PrimaryButton loading={exporting} onClick={doExport}>导出我的信息</PrimaryButton>
          ) : (
            keepActions().map((a) => (
              <SecondaryButton
                key={a.id}
                onClick={() => {
                  void a.run(files).then((m) => m && setSaid(m)).catch((err) => setSaid(errorMessage(err)))
                }}
              >
                {a.label}
              </SecondaryButton>
            ))
          )}
          {said ? <Text className='grid__hint' id='export-said'>{said}</Text> : null}
        </View>
      </Section>

      <Section title='撤回同意'>
        <View id='consents'>
          {v.consents.map((c) => (
            <ConsentRow key={c.id} c={c} onWithdraw={withdraw} />
          ))}
        </View>
      </Section>

      <Section title='注销账号' footer='注销后不能恢复。'>
        <Cell label='注销账号并删除我的信息' arrow onClick={() => Taro.navigateTo({ url: '/rights/pages/delete/index' })} />
      </Section>
    </Page>
  )
}
