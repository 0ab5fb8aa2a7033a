import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { useFormErrors } from '../../../components/useFormErrors'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, Section, SecondaryButton, Tag } from '../../../components/ui'
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../../../core/complaint/labels'
import { chinaDate } from '../../../core/common/time'
import type { VisitContext } from '../../../core/visit/contract'
import { NEED_KEYS, NEED_KINDS, type NeedKind } from '../../../core/visit/needs'
import { addDays } from '../../../core/visit/rules'
import { call, errorMessage, newRequestId } from '../../../services/api'

type FollowupForm = { kind: NeedKind; title: string; dueOn: string }
const CATEGORY_KEYS = Object.keys(COMPLAINT_CATEGORIES) as ComplaintCategory[]

/** WeChat may pass the scene URL-encoded (as onboarding reads it). */
const param = (v: string | undefined) => {
  if (!v) return undefined
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

/**
 * 走访记录: the stall and its household (masked as a regulator needs it), verification, why it is on
 * the list and its past visits; then what was heard (needs from the fixed list plus text), the help
 * given, follow-ups with a due date and, for a household that joined, a 诉求 filed on its behalf.
 */
export default function VisitForm() {
  const router = useRouter()
  const scene = param(router.params.scene)
  const code = param(router.params.code)
  const target = scene ? { scene } : code ? { code } : {}
  const [ctx, setCtx] = useState<VisitContext | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [needs, setNeeds] = useState<NeedKind[]>([])
  const [needText, setNeedText] = useState('')
  const [help, setHelp] = useState('')
  const [followups, setFollowups] = useState<FollowupForm[]>([])
  const [filing, setFiling] = useState(false)
  const [category, setCategory] = useState<ComplaintCategory>('other')
  const [what, setWhat] = useState('')
  const [requestId, setRequestId] = useState(newRequestId)
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<{ followups: number; complaintId: string | null } | null>(null)
  const { check, fail, fieldError, formNotice, setError } = useFormErrors()
  const today = chinaDate(new Date())

  const load = () =>
    call('visit.context', target)
      .then((r) => {
        setCtx(r)
        setLoadError(null)
      })
      .catch((err) => setLoadError(errorMessage(err)))
  useEffect(() => {
    void load()
  }, [scene, code])

  const toggle = (k: NeedKind) => {
    setError('needs', '')
    setNeeds((n) => (n.includes(k) ? n.filter((x) => x !== k) : [...n, k]))
  }
  const setFollowup = (i: number, patch: Partial<FollowupForm>) => setFollowups((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)))

  const save = async () => {
    const missing: Record<string, string> = {}
    if (!needs.length && !needText.trim() && !help.trim() && !followups.length && !filing) missing.needs = '请至少选一项需求，或写下走访情况'
    if (filing && what.trim().length < 5) missing['complaint.what'] = '请写清诉求内容（至少5个字）'
    if (!check(missing)) return
    setSaving(true)
    try {
      const r = await call(
        'visit.record',
        {
          ...target,
          needs,
          needText: needText.trim(),
          help: help.trim(),
          followups: followups.map((f) => ({ kind: f.kind, dueOn: f.dueOn, ...(f.title.trim() ? { title: f.title.trim() } : {}) })),
          ...(filing ? { complaint: { category, what: what.trim() } } : {})
        },
        { requestId }
      )
      setSaved({ followups: r.followups.length, complaintId: r.complaintId })
      setRequestId(newRequestId())
      void load()
    } catch (err) {
      // everything typed stays; the message says what to fix
      fail(err)
    } finally {
      setSaving(false)
    }
  }

  if (loadError) return <Page><LoadFailed message={loadError} /></Page>
  if (!ctx) return <Page><Loading /></Page>
  const h = ctx.household
  return (
    <Page>
      {ctx.stall ? (
        <View className='stall-card'>
          <View className='stall-card__market'>{ctx.stall.marketName}</View>
          <View className='stall-card__stall'>摊位 {ctx.stall.number}</View>
        </View>
      ) : null}
      <Section title='经营户'>
        {h ? (
          <View>
            <Cell label='字号名称' value={h.businessName} />
            {h.operator ? <Cell label='经营者' value={h.operator} /> : null}
            <Cell label='信用代码' stack value={<Text className='code'>{h.code}</Text>} />
            <Cell label='核验状态' value={h.verification} />
            {/* a problem seen on the visit: a 违规提示 with the rule, what to correct and by when (notice/) */}
            {h.joined ? <Cell label='发现问题' value='发违规提示' arrow onClick={() => void Taro.navigateTo({ url: `/staff/pages/hints/index?from=visit&creditCode=${h.code}` })} /> : null}
          </View>
        ) : (
          <Cell wide label='这个摊位还没有经营户绑定' value={ctx.regionName} />
        )}
      </Section>
      <Section title='为什么列入走访名单'>
        {ctx.reasons.length ? (
          <View className='visit-row'>
            <View className='visit-row__tags'>{ctx.reasons.map((r) => <Tag key={r.kind} tone={r.kind === 'survival' || r.kind === 'neverJoined' ? 'gray' : 'orange'}>{r.label}</Tag>)}</View>
            {ctx.reasons.filter((r) => r.detail).map((r) => <View key={r.kind} className='visit-row__meta'>{r.label}：{r.detail}</View>)}
          </View>
        ) : (
          <View className='visit-row'><View className='visit-row__meta'>不在走访名单上，可照常记录走访。</View></View>
        )}
      </Section>

      {saved ? (
        <View id='visit-saved'>
          <Notice>
            走访已记录。{saved.followups ? `建了${saved.followups}个跟进事项，到期前一天会提醒您。` : ''}
            {saved.complaintId ? `诉求已登记，编号${saved.complaintId}，经营者会收到通知，可在诉求工作台办理。` : ''}
          </Notice>
          <View className='actions'>
            {saved.followups ? <PrimaryButton onClick={() => void Taro.navigateTo({ url: '/staff/pages/followups/index' })}>查看跟进事项</PrimaryButton> : null}
            <SecondaryButton
              onClick={() => {
                setSaved(null)
                setNeeds([])
                setNeedText('')
                setHelp('')
                setFollowups([])
                setFiling(false)
                setWhat('')
              }}
            >
              再记一次
            </SecondaryButton>
          </View>
        </View>
      ) : (
        <View>
          <Section title='听到的需求（可多选）'>
            <View className='groups'>
              {NEED_KEYS.map((k) => (
                <Text key={k} className={`chip${needs.includes(k) ? ' chip--on' : ''}`} onClick={() => toggle(k)}>
                  {NEED_KINDS[k]}
                </Text>
              ))}
            </View>
            {fieldError('needs')}
            <View className='form-box'>
              <Textarea className='textarea' name='needText' maxlength={500} placeholder='需求的具体情况（选填）' value={needText} onInput={(e) => {
                  setError('needs', '')
                  setNeedText(e.detail.value)
                }} />
            </View>
            {fieldError('needText')}
          </Section>
          <Section title='给予的帮助'>
            <View className='form-box'>
              <Textarea className='textarea' name='help' maxlength={500} placeholder='当场讲解的政策、帮办的事（选填）' value={help} onInput={(e) => setHelp(e.detail.value)} />
            </View>
            {fieldError('help')}
          </Section>
          <Section title='跟进事项' footer='跟进事项记在您名下，到期前一天和超期时会在“消息”里提醒您。'>
            {followups.map((f, i) => (
              <View key={i} className='followup-form'>
                <Picker mode='selector' range={NEED_KEYS.map((k) => NEED_KINDS[k])} value={NEED_KEYS.indexOf(f.kind)} onChange={(e) => setFollowup(i, { kind: NEED_KEYS[Number(e.detail.value)] })}>
                  <Cell label={`事项${i + 1}类别`} arrow>
                    <Text className='picker-value'>{NEED_KINDS[f.kind]}</Text>
                  </Cell>
                </Picker>
                <Cell label='要做什么'>
                  <Input className='input' name={`followupTitle${i}`} maxlength={60} placeholder='如：帮办证照延续（选填）' value={f.title} onInput={(e) => setFollowup(i, { title: e.detail.value })} />
                </Cell>
                <Picker mode='date' value={f.dueOn} start={today} end='2099-12-31' onChange={(e) => setFollowup(i, { dueOn: String(e.detail.value) })}>
                  <Cell label='完成期限' arrow>
                    <Text className='picker-value' id={`followup-due-${i}`}>{f.dueOn}</Text>
                  </Cell>
                </Picker>
                {fieldError(`followups.${i}.dueOn`)}
                <Cell label='' value={<Text className='link' onClick={() => setFollowups((fs) => fs.filter((_, j) => j !== i))}>删除这个事项</Text>} />
              </View>
            ))}
            {followups.length < 5 ? (
              <Cell wide label='+ 添加跟进事项' arrow onClick={() => setFollowups((fs) => [...fs, { kind: needs[0] ?? 'other', title: '', dueOn: addDays(today, 7) }])} />
            ) : null}
          </Section>
          {ctx.canFileComplaint ? (
            <Section title='转为诉求' footer='代经营者登记一件诉求：有诉求编号和办理期限，进入诉求工作台，经营者在“我的诉求”里能看到进度。'>
              <Cell wide label={filing ? '✓ 转为诉求案件' : '转为诉求案件'} arrow onClick={() => setFiling((x) => !x)} />
              {filing ? (
                <View>
                  <Picker mode='selector' range={CATEGORY_KEYS.map((k) => COMPLAINT_CATEGORIES[k])} value={CATEGORY_KEYS.indexOf(category)} onChange={(e) => setCategory(CATEGORY_KEYS[Number(e.detail.value)])}>
                    <Cell label='诉求类别' arrow>
                      <Text className='picker-value' id='category-value'>{COMPLAINT_CATEGORIES[category]}</Text>
                    </Cell>
                  </Picker>
                  <View className='form-box'>
                    <Textarea className='textarea' name='complaintWhat' maxlength={500} placeholder='诉求内容：经营者反映的问题' value={what} onInput={(e) => {
                        setError('complaint.what', '')
                        setWhat(e.detail.value)
                      }} />
                  </View>
                  {fieldError('complaint.what')}
                </View>
              ) : null}
            </Section>
          ) : null}
          {formNotice}
          <View className='actions'>
            <PrimaryButton loading={saving} onClick={() => void save()}>保存走访记录</PrimaryButton>
          </View>
        </View>
      )}

      <Section title='以往走访'>
        {ctx.past.length ? (
          ctx.past.map((v) => (
            <View key={v.id} className='visit-row'>
              <View className='visit-row__head'>
                <Text className='visit-row__name'>{v.visitedOn}</Text>
                <Text className='visit-row__meta'>{v.byName}</Text>
              </View>
              {v.needs.length ? <View className='visit-row__tags'>{v.needs.map((n) => <Tag key={n} tone='blue'>{n}</Tag>)}</View> : null}
              {v.needText ? <View className='visit-row__meta'>需求：{v.needText}</View> : null}
              {v.help ? <View className='visit-row__meta'>帮助：{v.help}</View> : null}
            </View>
          ))
        ) : (
          <Cell label='还没有走访记录' />
        )}
      </Section>
    </Page>
  )
}
