import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ExternalLink } from '../../../components/ExternalLink'
import { Page } from '../../../components/Page'
import { LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import { showDate } from '../../../core/common/time'
import type { Contracts } from '../../../core/contracts'
import { APP_ACTIONS, DRAFT_LABEL, shortIssuer, sourceTitle } from '../../../core/policy/act'
import { CATEGORIES } from '../../../core/policy/categories'
import { FIT_LABELS } from '../../../core/policy/fit'
import { call, errorMessage } from '../../../services/api'
import { askForReminders, policyTemplateIds } from '../../../services/subscribe'
import './index.css'

type Detail = Output<Contracts['policy.get']>
type Ask = Detail['act']['ask'][number]

const FIT_TONE = { match: 'green', almost: 'orange', no: 'gray', elsewhere: 'gray', regionUnknown: 'gray', expired: 'gray' } as const

const copy = (data: string) => void Taro.setClipboardData({ data }).catch(() => undefined)
/** An in-app step: its page, or a word if it cannot open (never a silent tap). */
const go = (url: string) => void Taro.navigateTo({ url }).catch(() => Taro.showToast({ title: '暂时打不开，请稍后再试', icon: 'none' }))
const dial = (phone: string) => void Taro.makePhoneCall({ phoneNumber: phone.replace(/[\s-]/g, '') }).catch(() => undefined)

/** One office to ask: the contact staff keep for the owner's place, or whom to ask and how. */
function Office({ a, place }: { a: Ask; place: string | null }) {
  const c = a.contact
  return (
    <View className='notice-text act-office' id={`office-${a.department}`}>
      <View className='notice-text__heading' style={{ marginTop: 0 }}>{a.name}{place ? <Text className='grid__hint'>（{place}）</Text> : null}</View>
      {c ? (
        <View>
          <View className='act-row'>{c.office}</View>
          {c.phone ? (
            <View className='act-row act-row--tools'>
              <Text>电话：</Text>
              <Text className='act-phone' userSelect>{c.phone}</Text>
              <Text className='chip act-tool' onClick={() => dial(c.phone!)}>拨打</Text>
              <Text className='chip act-tool' onClick={() => copy(c.phone!)}>复制电话</Text>
            </View>
          ) : null}
          {c.address ? <View className='act-row'>地址：{c.address}</View> : null}
          {c.hours ? <View className='act-row'>办公时间：{c.hours}</View> : null}
          {c.online ? (
            <View className='act-row'>
              <Text>{c.online.name}：</Text>
              <ExternalLink url={c.online.url} />
            </View>
          ) : null}
          {c.note ? <View className='act-row act-note'>{c.note}</View> : null}
          <View className='grid__hint'>由{c.regionName}的工作人员填写，{showDate(c.updatedAt)}更新；文件本身没有写电话和地址。</View>
        </View>
      ) : (
        <View className='act-row act-fallback'>{a.fallback}</View>
      )}
    </View>
  )
}

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
  const { act } = p
  return (
    <Page>
      <View className='hero' id='policy-detail'>
        <View className='hero__name' style={{ fontSize: 'var(--fs-lg)' }}>{p.title}</View>
        <View style={{ marginTop: '8px', display: 'flex', gap: '6px', flexWrap: 'wrap' }}>
          {/* never a verdict: the profile is self-declared and some conditions need the office's check */}
          {p.fit && p.fit !== 'expired' ? <Tag tone={FIT_TONE[p.fit]}>{FIT_LABELS[p.fit]}</Tag> : null}
          {p.source.draft ? <Tag tone='orange'>{DRAFT_LABEL}</Tag> : null}
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
      <Section title='怎么办理'>
        <View className='notice-text' id='policy-how'>{p.summary.how}</View>
        {act.online.map((o, i) => (
          <View className='notice-text act-online' key={o.name} id={`policy-online-${i}`}>
            <View className='notice-text__heading' style={{ marginTop: 0 }}>网上办理：{o.name}</View>
            {o.url ? <ExternalLink url={o.url} id={`policy-online-url-${i}`} /> : <View className='grid__hint'>文件没有写网址，可以向下面的部门问清楚入口。</View>}
            {o.quote ? <View className='act-row act-quote'>原文：“{o.quote}”</View> : null}
            {o.note ? <View className='act-row act-note'>本平台补充：{o.note}</View> : null}
          </View>
        ))}
        <View className='notice-text' id='policy-materials'>
          <View className='notice-text__heading' style={{ marginTop: 0 }}>要带的材料</View>
          {act.materials.map((m) => (
            <View className='act-row' key={m.text}>
              · {m.text}
              {m.quote ? <Text className='grid__hint'>（原文：“{m.quote}”）</Text> : m.note ? <Text className='grid__hint'>（本平台补充：{m.note}）</Text> : null}
            </View>
          ))}
          {act.materialsNote ? <View className='act-row act-note'>{act.materialsNote}</View> : null}
        </View>
      </Section>
      {act.actions.length ? (
        <View className='actions act-actions' id='policy-actions'>
          {/* an ended measure cannot be applied for; the app's own services still can be used */}
          <View className='act-actions__title'>{p.expired ? '这项政策已过期；在本小程序里仍可以：' : '在本小程序里就能办'}</View>
          {act.actions.map((k, i) =>
            i === 0 ? (
              <PrimaryButton key={k} onClick={() => go(APP_ACTIONS[k].url)}>{APP_ACTIONS[k].label}</PrimaryButton>
            ) : (
              <SecondaryButton key={k} onClick={() => go(APP_ACTIONS[k].url)}>{APP_ACTIONS[k].label}</SecondaryButton>
            )
          )}
        </View>
      ) : null}
      <Section title='去哪里办、找谁问' footer='电话和地址由当地工作人员维护；办理以部门答复为准。'>
        <View className='notice-text' id='policy-where'>
          <Text className='grid__hint'>文件写明的负责部门：</Text>
          <Text>{p.summary.where}</Text>
        </View>
        {act.ask.map((a) => (
          <Office key={a.department} a={a} place={act.place} />
        ))}
      </Section>
      <Section
        title='政策出处'
        footer={
          <Text>
            {p.period?.text ? `文件写明的时间：${p.period.text}。` : ''}生效：<Text className='nowrap'>{p.effectiveFrom}</Text>
            {p.effectiveTo ? <Text>，截止：<Text className='nowrap'>{p.effectiveTo}</Text></Text> : '（文件未写明截止日期）'}
          </Text>
        }
      >
        <View className='notice-text' id='policy-source'>
          <View className='act-source-title'>{sourceTitle(p.source)}</View>
          {p.source.draft ? <View className='act-row' style={{ color: '#8a4b00' }}>{DRAFT_LABEL}</View> : null}
          {p.source.issuer ? (
            <View className='act-row'>
              发文：{shortIssuer(p.source.issuer)}
              {p.source.year ? <Text>，<Text className='nowrap'>{p.source.year}</Text></Text> : null}
            </View>
          ) : null}
          {p.source.number ? <View className='act-row'>文号：{p.source.number}</View> : null}
          <View className='act-row'>条款：{p.source.clause}</View>
        </View>
        {p.source.issuer && shortIssuer(p.source.issuer) !== p.source.issuer ? <View className='notice-text grid__hint'>联合发文：{p.source.issuer}</View> : null}
      </Section>
      {p.source.draft ? <Notice tone='warn'>这是征求意见稿，不是正式印发的文件，尚未正式施行，内容可能有变化，以主管部门答复为准。</Notice> : null}
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
