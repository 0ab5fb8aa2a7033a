import { Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { Page } from '../../components/Page'
import { RegionPicker } from '../../components/RegionPicker'
import { SelectCell } from '../../components/SelectCell'
import { useFormErrors } from '../../components/useFormErrors'
import { Cell, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../components/ui'
import { chinaDate, showDateTime } from '../../core/common/time'
import type { StallScan } from '../../core/user/contract'
import type { MyClaim, VerifyStatus } from '../../core/verify/contract'
import { checkCreditCode } from '../../core/user/creditCode'
import { INDUSTRIES, OWNER_GROUPS, REVENUE_BANDS, type Industry, type OwnerGroup, type RevenueBand } from '../../core/user/options'
import { DeclinedNotice, PrivacyNotice } from '../../components/PrivacyNotice'
import { ApiError, call, errorMessage, newRequestId } from '../../services/api'
import { useSession } from '../../store/session'

const groupKeys = Object.keys(OWNER_GROUPS) as OwnerGroup[]

interface Form {
  businessName: string
  creditCode: string
  industry: Industry | ''
  region: string
  openedOn: string
  employees: string
  revenueBand: RevenueBand | ''
  taxPaid: boolean
  socialInsurance: boolean
  groups: OwnerGroup[]
  graduationYear: string
  abnormal: boolean
}


const EMPTY: Form = {
  businessName: '',
  creditCode: '',
  industry: '',
  region: '',
  openedOn: '',
  employees: '0',
  revenueBand: '',
  taxPaid: false,
  socialInsurance: false,
  groups: [],
  graduationYear: '',
  abnormal: false
}

/** WeChat passes the stall QR's scene URL-encoded; H5 passes it in the hash query. */
function sceneFrom(params: Record<string, string | undefined>): string | null {
  const raw = params.scene
  if (!raw) return null
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** What to do about a stall another owner holds. */
type HeldChoice = 'request' | 'share' | 'none'

export default function Onboard() {
  const router = useRouter()
  const { data, patch, refresh } = useSession()
  const scene = sceneFrom(router.params)
  const [stall, setStall] = useState<StallScan | null>(null)
  const [stallError, setStallError] = useState<string | null>(null)
  const [choice, setChoice] = useState<HeldChoice | null>(null)
  const [note, setNote] = useState('')
  const [requestId, setRequestId] = useState(newRequestId)
  const [acting, setActing] = useState(false)
  const [accepting, setAccepting] = useState(false)
  const [form, setForm] = useState<Form>(EMPTY)
  /** the chosen region's name, as the server or the picker said it (the client has no division names) */
  const [regionLabel, setRegionLabel] = useState('')
  const { setError, check, fail, setFormError, fieldError, formNotice } = useFormErrors()
  const [saving, setSaving] = useState(false)
  /** the credit code is bound to another WeChat account: offer 申请转移 (the form stays as typed) */
  const [codeTaken, setCodeTaken] = useState(false)
  const [claimNote, setClaimNote] = useState('')
  const [claimId, setClaimId] = useState(newRequestId)
  const [claim, setClaim] = useState<MyClaim | null>(null)
  const [claiming, setClaiming] = useState(false)
  /** after saving: 已核验 or 待核验 and why, shown here before going on */
  const [outcome, setOutcome] = useState<VerifyStatus | null>(null)
  const [prefilled, setPrefilled] = useState(false)

  const accepted = data?.privacy.acceptedVersion === data?.privacy.currentVersion
  /** after 不同意: the owner asked to read the notice again */
  const [rereading, setRereading] = useState(false)

  // A regulator (or admin) scanning a stall code is at the stall to visit it: never onboarding,
  // the visit form for that stall instead (issue #17)
  const visiting = !!scene && (data?.staff?.role === 'regulator' || data?.staff?.role === 'admin')
  useEffect(() => {
    if (visiting) void Taro.redirectTo({ url: `/staff/pages/visit/index?scene=${encodeURIComponent(scene!)}` })
  }, [visiting])

  const resolve = async () => {
    if (!scene || visiting) return
    try {
      setStall(await call('user.stall.resolve', { scene }))
      setStallError(null)
    } catch (err) {
      setStallError(errorMessage(err))
    }
  }
  useEffect(() => {
    void resolve()
  }, [scene, visiting])

  // Editing: start from the saved profile; a new owner from the scanned market's region.
  useEffect(() => {
    if (prefilled || !data) return
    if (data.profile) {
      const p = data.profile
      setRegionLabel(p.regionName)
      setForm({
        ...p,
        employees: String(p.employees),
        groups: [...p.groups],
        graduationYear: p.graduationYear ? String(p.graduationYear) : '',
        abnormal: !!p.abnormal
      })
      setPrefilled(true)
    } else if (stall) {
      // a market registered at county level gives the owner's county; a city-level one does not
      if (!form.region && /^\d{4}(?!00)\d{2}$/.test(stall.market.region)) {
        setForm((f) => ({ ...f, region: stall.market.region }))
        setRegionLabel(stall.market.regionName)
      }
      setPrefilled(true)
    }
  }, [data, stall, prefilled])

  const today = useMemo(() => chinaDate(new Date()), [])
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setError(key, '')
  }

  const answerNotice = async (granted: boolean) => {
    if (!data) return
    if (granted) setAccepting(true)
    try {
      // 不同意 is recorded too (what, which version, when), so the app remembers and says what is still open
      await call('user.consent.record', { kind: 'privacy', version: data.privacy.currentVersion, granted })
      setRereading(false)
      await refresh()
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setAccepting(false)
    }
  }

  const checkCode = () => {
    if (!form.creditCode) return
    const r = checkCreditCode(form.creditCode)
    setError('creditCode', r.ok ? '' : r.message)
  }

  /** The form as the profile contract takes it (also what a transfer request carries). */
  const profileInput = () => ({
    businessName: form.businessName,
    creditCode: form.creditCode,
    industry: form.industry as Industry,
    region: form.region,
    openedOn: form.openedOn,
    employees: Number(form.employees),
    revenueBand: form.revenueBand as RevenueBand,
    taxPaid: form.taxPaid,
    socialInsurance: form.socialInsurance,
    groups: form.groups,
    graduationYear: form.groups.includes('graduate') && form.graduationYear ? Number(form.graduationYear) : null,
  })

  const requestTransfer = async () => {
    setClaiming(true)
    try {
      const r = await call('user.claim.request', { profile: profileInput(), ...(claimNote.trim() ? { note: claimNote.trim() } : {}) }, { requestId: claimId })
      setClaim(r)
      setClaimId(newRequestId())
      Taro.showToast({ title: '申请已提交', icon: 'success' })
    } catch (err) {
      setFormError(errorMessage(err))
    } finally {
      setClaiming(false)
    }
  }

  const save = async () => {
    const missing: Record<string, string> = {}
    if (!form.businessName.trim()) missing.businessName = '请填写字号名称'
    if (!form.creditCode.trim()) missing.creditCode = '请填写统一社会信用代码'
    if (!form.industry) missing.industry = '请选择行业'
    if (!form.region) missing.region = '请选择所在地区'
    if (!form.openedOn) missing.openedOn = '请选择开业日期'
    if (!form.revenueBand) missing.revenueBand = '请选择年营业额'
    if (!/^\d{1,5}$/.test(form.employees)) missing.employees = '请填写雇员人数（数字）'
    if (form.groups.includes('graduate') && form.graduationYear && !/^(19|20)\d{2}$/.test(form.graduationYear)) missing.graduationYear = '请填写4位年份，如2025'
    if (!check(missing)) return
    setSaving(true)
    let saved = false
    try {
      const view = await call('user.profile.save', { ...profileInput(), ...stallPart() })
      patch(view)
      saved = true
      setCodeTaken(false)
      // asked to have a held stall moved: the request needs the profile, so it goes second
      if (stall?.holding === 'held' && !stall.request && choice === 'request') await sendRequest()
      // the outcome of the check against the register: 已核验 goes on, 待核验 stays to say why and what to do
      const v = await call('user.verify.status', {}).catch(() => null)
      if (v && v.state === 'pending') {
        setOutcome(v)
        return
      }
      Taro.showToast({ title: choice === 'request' && stall?.holding === 'held' ? '档案已保存，申请已提交' : v ? '已保存，已核验' : '档案已保存', icon: 'success' })
      Taro.switchTab({ url: '/pages/index/index' })
    } catch (err) {
      if (saved) {
        // the profile is kept; only the request is left, and the stall card now offers it on its own
        setFormError(`档案已保存，但摊位申请没有提交成功：${errorMessage(err)}请在上面再点一次“提交申请”。`)
      } else {
        fail(err)
        // the business is another account's: the form stays, and 申请转移 is offered under it
        const taken = err instanceof ApiError && err.code === 'CONFLICT' && err.details.some((d) => d.path === 'creditCode')
        setCodeTaken(taken)
        // taken by someone else while the form was filled in: show the stall as it now is
        if (err instanceof ApiError && err.code === 'CONFLICT' && !taken) void resolve()
      }
    } finally {
      setSaving(false)
    }
  }

  /** What the profile save sends about the scanned stall. */
  const stallPart = (): { stallCode?: string; stallShare?: boolean } => {
    if (!stall) return {}
    const code = stall.stall.code
    if (stall.holding === 'free' || stall.holding === 'mine') return { stallCode: code }
    if (stall.holding === 'mineShared') return { stallCode: code, stallShare: true }
    // held by someone else: bound only beside them, and only when the owner chose that
    return choice === 'share' && stall.shareAllowed ? { stallCode: code, stallShare: true } : {}
  }

  const sendRequest = async () => {
    if (!stall) return
    const r = await call('user.stall.request', { stallCode: stall.stall.code, ...(note.trim() ? { note: note.trim() } : {}) }, { requestId })
    setRequestId(newRequestId())
    setStall({ ...stall, request: r })
  }

  /** An owner who already has a profile acts on a held stall at once, from its card. */
  const actOnHeld = async () => {
    if (!stall || !choice || choice === 'none') return
    setActing(true)
    setError('stallCode', '')
    try {
      if (choice === 'request') {
        await sendRequest()
        Taro.showToast({ title: '申请已提交', icon: 'success' })
      } else {
        patch(await call('user.stall.bind', { stallCode: stall.stall.code, share: true }))
        Taro.showToast({ title: '已绑定这个摊位', icon: 'success' })
        await resolve()
      }
    } catch (err) {
      setError('stallCode', errorMessage(err))
      if (err instanceof ApiError && err.code !== 'INTERNAL') void resolve()
    } finally {
      setActing(false)
    }
  }

  const cancelRequest = async () => {
    if (!stall?.request) return
    const ok = await Taro.showModal({ title: '撤回这条申请？', content: '撤回后市场监管部门不再处理它，之后可以重新申请。' })
    if (!ok.confirm) return
    setActing(true)
    try {
      const r = await call('user.stall.cancel', { id: stall.request.id })
      setStall({ ...stall, request: null })
      setChoice(null)
      Taro.showToast({ title: r.status === 'cancelled' ? '已撤回' : r.statusLabel, icon: 'none' })
    } catch (err) {
      setError('stallCode', errorMessage(err))
      void resolve()
    } finally {
      setActing(false)
    }
  }

  /** A stall another owner holds: say so (never who), and offer what the owner can do. */
  function renderHeld(scan: StallScan) {
    const office = `${scan.market.regionName}市场监管部门`
    if (scan.request) {
      return (
        <View id='stall-held'>
          <Notice tone='warn'>这个摊位已由另一户经营者绑定。为保护对方隐私，这里不显示对方的信息。</Notice>
          <Section title='您的申请'>
            <Cell label='申请转到我名下' value={<Text id='stall-request-status'>{scan.request.statusLabel}</Text>} wide />
            <View className='notice-text'>
              <View>{showDateTime(scan.request.createdAt)}提交。{office}核实后决定，结果会发到“消息”。</View>
              {scan.request.note ? <View className='notice-text__body'>您的说明：{scan.request.note}</View> : null}
            </View>
          </Section>
          <View className='actions' style={{ paddingTop: '16px' }}>
            <SecondaryButton onClick={cancelRequest}>撤回申请</SecondaryButton>
          </View>
        </View>
      )
    }
    const options: Array<{ key: HeldChoice; label: string; hint: string }> = [
      { key: 'request', label: '申请转到我名下', hint: `由${office}核实后决定；同意后摊位改绑到您的档案，原经营者会收到通知。` },
      ...(scan.shareAllowed
        ? [{ key: 'share' as const, label: '作为另一户绑定', hint: '这个市场允许一个摊位有多户经营者：您和原经营者都绑定这个摊位，互不影响。' }]
        : []),
      { key: 'none', label: '先不绑定', hint: '档案照常保存，只是不绑定这个摊位；以后可以再扫码。' }
    ]
    const picked = options.find((o) => o.key === choice)
    const hasProfile = !!data?.profile
    return (
      <View id='stall-held'>
        <Notice tone='warn'>这个摊位已由另一户经营者绑定。为保护对方隐私，这里不显示对方的信息。</Notice>
        <Section title='您可以'>
          <View className='groups'>
            {options.map((o) => (
              <View key={o.key} className={`chip${o.key === choice ? ' chip--on' : ''}`} onClick={() => setChoice(o.key)}>
                {o.key === choice ? '✓ ' : ''}
                {o.label}
              </View>
            ))}
          </View>
          {picked ? <View className='notice-text'>{picked.hint}</View> : null}
          {choice === 'request' ? (
            <View className='notice-text'>
              <Text>申请说明（可不填）</Text>
              <Textarea className='textarea' name='stallNote' placeholder='如：我已向市场租下这个摊位，原经营者已退租' maxlength={200} value={note} onInput={(e) => setNote(e.detail.value)} />
            </View>
          ) : null}
        </Section>
        {hasProfile && (choice === 'request' || choice === 'share') ? (
          <View className='actions' style={{ paddingTop: '16px' }}>
            <PrimaryButton loading={acting} onClick={actOnHeld}>{choice === 'request' ? '提交申请' : '绑定这个摊位'}</PrimaryButton>
          </View>
        ) : null}
        {!hasProfile && (choice === 'request' || choice === 'share') ? (
          <Notice>{choice === 'request' ? '填好下面的档案并保存，申请会一并提交。' : '填好下面的档案并保存，就会绑定这个摊位。'}</Notice>
        ) : null}
      </View>
    )
  }

  if (!data || visiting) return <Page><Loading /></Page>

  if (outcome) {
    return (
      <Page>
        <View id='save-outcome'>
          <Notice>档案已保存。</Notice>
          <Section title='营业执照核验'>
            <Cell label='核验状态' value={<Tag tone='orange'><Text id='outcome-state'>{outcome.label}</Text></Tag>} />
            <View className='notice-text'>
              <View className='notice-text__body'>原因：{outcome.why}</View>
              {outcome.steps.map((step, i) => (
                <View key={i} className='notice-text__body'>{i + 1}. {step}</View>
              ))}
              <View className='notice-text__body'>核验前，档案、政策、提醒照常使用；申请码上贷需要先核验。</View>
            </View>
          </Section>
          <View className='actions'>
            <PrimaryButton onClick={() => Taro.redirectTo({ url: '/verify/pages/index/index' })}>去核验</PrimaryButton>
            <SecondaryButton onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>以后再说，回首页</SecondaryButton>
          </View>
        </View>
      </Page>
    )
  }

  return (
    <Page>
      {stall ? (
        <View className='stall-card' id='stall-card'>
          <View className='stall-card__market'>{stall.market.name}</View>
          <View className='stall-card__stall'>
            摊位 {stall.stall.number} · {stall.market.address}
          </View>
          {stall.holding === 'mine' ? <View className='stall-card__stall'>这是您绑定的摊位</View> : null}
          {stall.holding === 'mineShared' ? <View className='stall-card__stall'>您已作为这个摊位的另一户经营者绑定</View> : null}
        </View>
      ) : null}
      {stall?.holding === 'held' ? renderHeld(stall) : null}
      {fieldError('stallCode')}
      {stallError ? <Notice tone='warn'>{stallError}。您仍可以先建档，之后再扫码绑定摊位。</Notice> : null}

      {!accepted && data.privacy.declined && !rereading ? (
        <DeclinedNotice
          hasProfile={!!data.profile}
          onReread={() => setRereading(true)}
          onPolicies={() => void Taro.switchTab({ url: '/pages/policy/index' })}
          onCourse={() => void Taro.navigateTo({ url: '/course/pages/index/index' })}
        />
      ) : !accepted ? (
        <PrivacyNotice operator={data.privacy.operator} agreeing={accepting} onAgree={() => void answerNotice(true)} onDecline={() => void answerNotice(false)} />
      ) : (
        <View id='profile-form'>
          <Section title='基本信息'>
            <Cell label='字号名称'>
              <Input className='input' name='businessName' placeholder='营业执照上的名称' maxlength={50} value={form.businessName} onInput={(e) => set('businessName', e.detail.value)} />
            </Cell>
            {fieldError('businessName')}
            <Cell label='统一社会信用代码'>
              <Input className='input' name='creditCode' placeholder='18位，执照左上方' maxlength={22} value={form.creditCode} onInput={(e) => set('creditCode', e.detail.value)} onBlur={checkCode} />
            </Cell>
            {fieldError('creditCode')}
            <SelectCell id='industry' label='行业' options={INDUSTRIES} value={form.industry} onChange={(k) => set('industry', k)} />
            {fieldError('industry')}
            <RegionPicker id='region' label='所在地区' value={form.region} name={regionLabel} onChange={(code, name) => {
              set('region', code)
              setRegionLabel(name)
            }} />
            {fieldError('region')}
            <Picker mode='date' value={form.openedOn || today} end={today} start='1980-01-01' onChange={(e) => set('openedOn', String(e.detail.value))}>
              <Cell label='开业日期' arrow>
                <Text className={form.openedOn ? 'picker-value' : 'picker-placeholder'} id='openedOn-value'>
                  {form.openedOn || '请选择'}
                </Text>
              </Cell>
            </Picker>
            {fieldError('openedOn')}
          </Section>

          <Section title='经营情况（用于判断适合您的政策）'>
            <Cell label='雇员人数'>
              <Input className='input' name='employees' type='number' maxlength={5} value={form.employees} onInput={(e) => set('employees', e.detail.value)} />
            </Cell>
            {fieldError('employees')}
            <SelectCell id='revenueBand' label='年营业额' options={REVENUE_BANDS} value={form.revenueBand} onChange={(k) => set('revenueBand', k)} />
            {fieldError('revenueBand')}
            <Cell label='已依法纳税'>
              <Switch checked={form.taxPaid} color='#07c160' onChange={(e) => set('taxPaid', e.detail.value)} />
            </Cell>
            <Cell label='已参加社保'>
              <Switch checked={form.socialInsurance} color='#07c160' onChange={(e) => set('socialInsurance', e.detail.value)} />
            </Cell>
          </Section>

          <Section title='信用与荣誉（可不填）'>
            {/* 名特优新 is recognised by the regulator after 申报 and 公示 (#18), not ticked here */}
            <Cell label='名特优新' arrow onClick={() => void Taro.navigateTo({ url: '/recog/pages/index/index' })}>
              <Text id='featured'>{data?.recognition ? `已认定“${data.recognition.label}”类，有效至${data.recognition.until}` : '未认定，去申报'}</Text>
            </Cell>
            <Cell label='经营异常名录' value={form.abnormal ? '已列入（以登记机关记录为准）' : '以登记机关记录为准'} onClick={form.abnormal ? () => void Taro.navigateTo({ url: '/notice/pages/repair/index' }) : undefined} />
          </Section>

          <Section title='以下情况符合的请勾选（可不选）' footer='部分扶持政策只面向这些人员，勾选后才能为您匹配。'>
            <View className='groups'>
              {groupKeys.map((g) => {
                const on = form.groups.includes(g)
                return (
                  <View key={g} className={`chip${on ? ' chip--on' : ''}`} onClick={() => set('groups', on ? form.groups.filter((x) => x !== g) : [...form.groups, g])}>
                    {on ? '✓ ' : ''}
                    {OWNER_GROUPS[g]}
                  </View>
                )
              })}
            </View>
            {form.groups.includes('graduate') ? (
              <Cell label='毕业年份'>
                <Input className='input' name='graduationYear' type='number' maxlength={4} placeholder='如：2025' value={form.graduationYear} onInput={(e) => set('graduationYear', e.detail.value)} />
              </Cell>
            ) : null}
            {fieldError('graduationYear')}
          </Section>

          {formNotice}
          {codeTaken ? (
            <View id='claim-offer'>
              {claim ? (
                <Notice>转移申请已提交（{claim.statusLabel}）：市场监管部门核实营业执照后决定，结果会发到“消息”。同意后，这份档案会保存到您的微信号。</Notice>
              ) : (
                <Section title='这是您的店？申请转移' footer='市场监管部门会核实营业执照原件；同意后营业执照转到您的微信号，原来的微信号会收到通知。您填的档案会随申请一起保存。'>
                  <View className='notice-text'>
                    <Text>申请说明（可不填）</Text>
                    <Textarea className='textarea' name='claimNote' placeholder='如：店是我的，原来的微信号是帮我开店的亲戚的' maxlength={200} value={claimNote} onInput={(e) => setClaimNote(e.detail.value)} />
                  </View>
                  <View className='actions' style={{ paddingTop: '8px' }}>
                    <SecondaryButton onClick={claiming ? undefined : requestTransfer}>申请转移</SecondaryButton>
                  </View>
                </Section>
              )}
            </View>
          ) : null}
          <View className='actions'>
            <PrimaryButton loading={saving} onClick={save}>
              {data.profile ? '保存修改' : stall?.holding === 'held' && !stall.request && choice === 'request' ? '保存档案并提交申请' : '保存档案'}
            </PrimaryButton>
          </View>
        </View>
      )}
    </Page>
  )
}
