import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Page } from '../../../components/Page'
import { useFormErrors } from '../../../components/useFormErrors'
import { Cell, Empty, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import type { Contracts } from '../../../core/contracts'
import { CATEGORIES, CATEGORY_HINTS, MAX_LINKS, MAX_PHOTOS, RECOGNITION_BASIS, type Category } from '../../../core/recognition/config'
import { showDate } from '../../../core/common/time'
import { call, errorMessage, formErrorMessage, newRequestId } from '../../../services/api'
import { Photos, TextBox, Timeline } from '../../../complaint/parts'
import { PhotoPicker, usePhotos } from '../../../complaint/photos'

type Mine = Output<Contracts['recognition.mine']>
type App = Mine['applications'][number]

interface Draft {
  category: Category | ''
  what: string
  links: string[]
}
/** Unsent text survives leaving the page or a failed network: nothing the owner typed is lost. */
const DRAFT_KEY = 'recognition-draft'
const emptyDraft = (): Draft => ({ category: '', what: '', links: Array.from({ length: MAX_LINKS }, () => '') })

const tone = (s: App['status']) => (s === 'recognised' ? 'green' : s === 'returned' ? 'orange' : s === 'publicizing' || s === 'decision' || s === 'submitted' ? 'blue' : 'gray')

/**
 * 名特优新: the owner applies in one category with what makes the business so (text, photos through
 * the 诉求 upload path, links), follows every step, and after 退回补充 edits and sends it again.
 */
export default function Recognition() {
  const [mine, setMine] = useState<Mine | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  // null: a new 申报; an id: editing an application sent back for more
  const [editing, setEditing] = useState<string | null>(null)
  const [form, setForm] = useState<Draft>(() => ({ ...emptyDraft(), ...((Taro.getStorageSync(DRAFT_KEY) || {}) as Partial<Draft>) }))
  const { setError, check, fail, setFormError, fieldError: err, formNotice } = useFormErrors()
  const [saving, setSaving] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const photoState = usePhotos(() => setError('photos', ''))
  const [requestId, setRequestId] = useState(newRequestId)

  const load = async () => {
    try {
      const m = await call('recognition.mine', {})
      setMine(m)
      setLoadError(null)
      // the category ticked in the profile before ticks stopped counting: offered, never believed
      if (m.wish) setForm((f) => (f.category ? f : { ...f, category: m.wish! }))
    } catch (e) {
      setLoadError(errorMessage(e))
    }
  }
  useDidShow(() => void load())

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setForm((f) => {
      const next = { ...f, [k]: v }
      Taro.setStorageSync(DRAFT_KEY, next)
      return next
    })
    setError(k, '')
    setDone(null)
  }
  const setLink = (i: number, v: string) => {
    set('links', form.links.map((l, j) => (j === i ? v : l)))
    setError(`links.${i}`, '')
  }

  const edit = (a: App) => {
    const next = { category: a.category, what: a.what, links: [...a.links, ...emptyDraft().links].slice(0, MAX_LINKS) }
    setForm(next)
    Taro.setStorageSync(DRAFT_KEY, next)
    setEditing(a.id)
    setRequestId(newRequestId())
    setDone(null)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }

  const submit = async () => {
    const missing: Record<string, string> = {}
    if (!form.category) missing.category = '请选择申报类别'
    if (form.what.trim().length < 20) missing.what = '请写清楚您的店为什么是这一类，至少20个字'
    form.links.forEach((l, i) => {
      if (l.trim() && !/^https?:\/\//i.test(l.trim())) missing[`links.${i}`] = '链接请以 http:// 或 https:// 开头'
    })
    if (!check(missing)) return
    setSaving(true)
    const links = form.links.map((l) => l.trim()).filter(Boolean)
    const photos = photoState.photos.map((p) => p.uploadId)
    try {
      const a = editing
        ? await call('recognition.resubmit', { id: editing, what: form.what, photos, links }, { requestId })
        : await call('recognition.apply', { category: form.category as Category, what: form.what, photos, links }, { requestId })
      Taro.removeStorageSync(DRAFT_KEY)
      setForm(emptyDraft())
      photoState.clear()
      setEditing(null)
      setRequestId(newRequestId())
      setDone(`${editing ? '已重新提交' : '已提交'}“${a.categoryLabel}”类申报，审核结果会发到“消息”里。`)
      await load()
    } catch (e) {
      fail(e)
      setFormError(formErrorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  const withdraw = async (a: App) => {
    const ok = await Taro.showModal({ title: '撤回申报', content: `撤回“${a.categoryLabel}”类申报？以后还可以重新申报。`, confirmText: '撤回' })
    if (!ok.confirm) return
    try {
      await call('recognition.withdraw', { id: a.id })
      await load()
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' })
    }
  }

  if (loadError) return <Page><LoadFailed message={loadError} /></Page>
  if (!mine) return <Page><Loading /></Page>
  const editingApp = editing ? mine.applications.find((a) => a.id === editing) : null
  const r = mine.recognition
  return (
    <Page>
      <Section title='我的名特优新'>
        {r && r.inForce ? (
          <Cell stack label='已认定' value={<Text id='recognised'>“{r.label}”类，有效至{showDate(`${r.until}T12:00:00+08:00`)}</Text>} />
        ) : (
          <Cell stack label='认定情况' value={<Text id='recognised'>{r ? `“${r.label}”类已于${r.until}到期` : '还没有认定'}</Text>} />
        )}
        <Cell label='名特优新公示' value='正在公示的个体户，可提异议' arrow onClick={() => void Taro.navigateTo({ url: '/recog/pages/public/index' })} />
      </Section>

      {!mine.verified ? (
        <Notice tone='warn'>申报前请先核验营业执照（我的 → 营业执照核验），确认这个店是您的。</Notice>
      ) : (
        <Section title={editingApp ? `补充“${editingApp.categoryLabel}”类申报` : '自愿申报'}>
          {editingApp ? <Notice tone='warn'>需要补充：{editingApp.reason}</Notice> : null}
          {!editingApp ? (
            <View className='groups' id='category'>
              {(Object.keys(CATEGORIES) as Category[]).map((k) => (
                <View key={k} className={`chip ${form.category === k ? 'chip--on' : ''}`} onClick={() => set('category', k)}>
                  {CATEGORIES[k]}
                </View>
              ))}
            </View>
          ) : null}
          {form.category ? <View className='notice-text'>{CATEGORY_HINTS[form.category]}</View> : null}
          {mine.wish && !editingApp ? <View className='notice-text'>您以前在档案里选过“{CATEGORIES[mine.wish]}”。现在要经过申报、审核、公示和认定才算数。</View> : null}
          {err('category')}
          <View className='notice-text'>
            <View className='notice-text__heading' style={{ marginTop: 0 }}>为什么是这一类</View>
            <TextBox large name='what' max={1000} placeholder='如：经营了多少年、用什么传统手艺、得过什么荣誉、顾客怎么评价' value={form.what} onInput={(v) => set('what', v)} />
          </View>
          {err('what')}
          {editingApp?.photos.length ? <Photos urls={editingApp.photos} /> : null}
          <View className='notice-text'>
            <View className='notice-text__heading' style={{ marginTop: 0 }}>照片（选填，一共最多{MAX_PHOTOS}张）</View>
            <PhotoPicker state={photoState} addId='add-photo' />
            {err('photos')}
          </View>
          {form.links.map((l, i) => (
            <View key={i}>
              <Cell label={`链接${i + 1}`}>
                <Input className='input' name={`link${i}`} maxlength={300} placeholder='选填，网店或报道的网址' value={l} onInput={(e) => setLink(i, e.detail.value)} />
              </Cell>
              {err(`links.${i}`)}
            </View>
          ))}
          {formNotice}
          {done ? <Notice><Text id='done'>{done}</Text></Notice> : null}
          <View className='actions'>
            <PrimaryButton loading={saving} disabled={photoState.uploading} onClick={submit}>{editingApp ? '重新提交' : '提交申报'}</PrimaryButton>
            {editingApp ? <SecondaryButton onClick={() => { setEditing(null); setForm(emptyDraft()) }}>不改了</SecondaryButton> : null}
          </View>
        </Section>
      )}

      <Section title='申报记录'>
        {mine.applications.length ? (
          mine.applications.map((a) => (
            <View key={a.id} className='notice-text recog-app' style={{ borderBottom: '1px solid var(--c-line)' }}>
              <View className='notice-text__heading' style={{ marginTop: 0 }}>
                “{a.categoryLabel}”类 <Tag tone={tone(a.status)}>{a.statusLabel}</Tag>
              </View>
              {a.publicFrom ? <View>公示期：{a.publicFrom} 至 {a.publicUntil}</View> : null}
              {a.validUntil && a.status === 'recognised' ? <View>认定有效至：{a.validUntil}</View> : null}
              {a.objections.count ? <View>公示期间收到{a.objections.count}条异议{a.objections.answers.length ? '，工作人员答复：' : '，工作人员正在核实'}</View> : null}
              {a.objections.answers.map((x, i) => <View key={i} className='grid__hint'>· {x}</View>)}
              <Timeline steps={a.timeline} />
              <View className='actions'>
                {a.canResubmit ? <PrimaryButton onClick={() => edit(a)}>修改后重新提交</PrimaryButton> : null}
                {a.canWithdraw ? <SecondaryButton onClick={() => void withdraw(a)}>撤回申报</SecondaryButton> : null}
              </View>
            </View>
          ))
        ) : (
          <Empty title='还没有申报' />
        )}
      </Section>

      <Section title='依据和期限'>
        {RECOGNITION_BASIS.map((b) => (
          <View key={b.quote} className='notice-text'>“{b.quote}”（{b.source}）</View>
        ))}
        <View className='notice-text'>
          公示{mine.terms.publicDays}天，认定有效{mine.terms.validYears}年，到期前{mine.terms.remindDaysBefore}天提醒。
        </View>
        <View className='notice-text'>
          {mine.terms.notes.map((n) => (
            <View key={n} className='grid__hint'>{n}</View>
          ))}
        </View>
      </Section>
    </Page>
  )
}
