import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { CATEGORIES } from '../../../core/policy/categories'
import { call, errorMessage } from '../../../services/api'
import { askForReminders, policyTemplateIds } from '../../../services/subscribe'

type Detail = Output<Contracts['policy.get']>

export default function PolicyDetail() {
  const { id } = useRouter().params
  const [p, setP] = useState<Detail | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!id) return setError('缺少政策编号')
    call('policy.get', { id })
      .then((d) => {
        setP(d)
        // opening counts as read (once per owner, on the server)
        if (!d.read) void call('policy.read', { id }).catch(() => undefined)
      })
      .catch((err) => setError(errorMessage(err)))
  }, [id])

  const toggle = async () => {
    if (!p) return
    // favouriting is a natural moment to ask for new-policy messages (the dialog needs a tap)
    if (!p.favorite) void askForReminders(policyTemplateIds()).catch(() => null)
    try {
      const r = await call('policy.favorite', { id: p.id, favorite: !p.favorite })
      setP({ ...p, favorite: r.favorite })
      Taro.showToast({ title: r.favorite ? '已收藏' : '已取消收藏', icon: 'none' })
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!p) return <Page><Loading /></Page>
  const cite = `${p.source.document}${p.source.number ? `（${p.source.number}）` : ''} ${p.source.clause}`
  return (
    <Page>
      <View className='hero' id='policy-detail'>
        <View className='hero__name' style={{ fontSize: 'var(--fs-lg)' }}>{p.title}</View>
        <View style={{ marginTop: '8px', display: 'flex', gap: '6px', flexWrap: 'wrap' }}>
          {/* never a verdict: the profile is self-declared and some conditions need the office's check */}
          {p.status === 'match' ? <Tag>可能符合</Tag> : p.status === 'almost' ? <Tag tone='orange'>差一项</Tag> : p.status === 'no' ? <Tag tone='gray'>可能不符合</Tag> : null}
          {p.source.draft ? <Tag tone='orange'>征求意见稿</Tag> : null}
          <Tag tone='gray'>{CATEGORIES[p.category]}</Tag>
          {p.expired ? <Tag tone='gray'>已过期</Tag> : p.age === 'unconfirmed' ? <Tag tone='orange'>请先确认仍在执行</Tag> : null}
        </View>
        {p.ageNote ? <View className='notice notice--warn' id='policy-age' style={{ margin: '12px 0 0' }}>{p.ageNote}</View> : null}
        {p.reasons.length ? (
          <View className='reasons' id='policy-reasons'>
            {p.reasons.map((r) => (
              <View className='reason' key={r.text}>
                <Text className={`reason__mark reason__mark--${r.met ? 'met' : 'unmet'}`}>{r.met ? '✓' : '✗'}</Text>
                <Text>{r.text}</Text>
              </View>
            ))}
            <View className='reason' id='policy-verdict-note'>
              <Text>按您填写的档案对照文件条件，只是初步判断，是否符合以主管部门审核为准。</Text>
            </View>
          </View>
        ) : p.conditions.length ? (
          <View className='reasons'>
            {p.conditions.map((c) => (
              <View className='reason' key={c}><Text>· {c}</Text></View>
            ))}
          </View>
        ) : null}
      </View>
      <Section title='能得到什么'><View className='notice-text'>{p.summary.what}</View></Section>
      <Section title='谁可以申请'><View className='notice-text'>{p.summary.who}</View></Section>
      <Section title='怎么办理'><View className='notice-text'>{p.summary.how}</View></Section>
      <Section title='去哪里办'><View className='notice-text'>{p.summary.where}</View></Section>
      <Section title='政策出处' footer={`${p.period?.text ? `文件写明的时间：${p.period.text}。` : ''}生效：${p.effectiveFrom}${p.effectiveTo ? `，截止：${p.effectiveTo}` : '（文件未写明截止日期）'}`}>
        <View className='notice-text' id='policy-source'>{cite}</View>
        {p.source.issuer ? <View className='notice-text'>发文：{p.source.issuer}</View> : null}
      </Section>
      {p.source.draft ? <Notice tone='warn'>这是征求意见稿，不是正式印发的文件，内容可能有变化，以主管部门答复为准。</Notice> : null}
      {p.evidence.length ? (
        <Section title='原文怎么说' footer='以上是文件原文，本平台没有改动。'>
          <View id='policy-evidence'>
            {p.evidence.map((e, i) => (
              <View className='notice-text' key={i}>
                <Text>{e.claim}：</Text>
                <Text>“{e.quote}”</Text>
              </View>
            ))}
          </View>
        </Section>
      ) : null}
      {p.platform.length ? (
        <Section title='本平台的估算（不是文件原文）' footer='这些是本平台为了推荐而做的估计，是否符合请以主管部门核实为准。'>
          <View id='policy-platform'>
            {p.platform.map((n, i) => (
              <View className='notice-text' key={i}>
                <Text>{n.claim}：</Text>
                <Text>{n.note}</Text>
              </View>
            ))}
          </View>
        </Section>
      ) : null}
      <View className='actions'>
        {p.favorite ? <SecondaryButton onClick={toggle}>取消收藏</SecondaryButton> : <PrimaryButton onClick={toggle}>收藏</PrimaryButton>}
      </View>
    </Page>
  )
}
