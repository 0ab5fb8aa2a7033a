import { Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import { useFormErrors } from '../../../components/useFormErrors'
import type { Output } from '../../../core/common/action'
import { chinaDate } from '../../../core/common/time'
import type { Contracts } from '../../../core/contracts'
import type { Condition } from '../../../core/policy/rules'
import { PUBLISHED_EDITABLE, QUESTION_KINDS, SURVEY_STATUS, surveyProblems, type QuestionKind, type SurveyStatus } from '../../../core/survey/rules'
import { ApiError, call, errorMessage, newRequestId } from '../../../services/api'
import { Chart } from '../../components/Chart'
import { RuleBuilder, ruleErrors } from '../../components/Rules'
import { openExport } from '../../../services/openFile'
import './index.css'

type Survey = Output<Contracts['survey.admin.get']>
type Results = Output<Contracts['survey.admin.results']>
type Preview = Output<Contracts['survey.admin.preview']>

/** A question as edited: the options as lines of text, so typing never loses a blank line. */
interface QForm {
  kind: QuestionKind
  title: string
  required: boolean
  lines: string
}
interface Form {
  title: string
  intro: string
  organizer: string
  anonymous: boolean
  startOn: string
  endOn: string
  questions: QForm[]
  conditions: Condition[]
}

const choice = (k: QuestionKind) => k === 'single' || k === 'multi'
const optionsOf = (q: QForm) => (choice(q.kind) ? q.lines.split('\n').map((l) => l.trim()).filter(Boolean) : [])
const toInput = (f: Form) => ({ ...f, questions: f.questions.map((q) => ({ kind: q.kind, title: q.title, required: q.required, options: optionsOf(q) })) })
const fromSurvey = (s: Survey): Form => ({
  title: s.title, intro: s.intro, organizer: s.organizer, anonymous: s.anonymous, startOn: s.startOn, endOn: s.endOn, conditions: s.conditions,
  questions: s.questions.map((q) => ({ kind: q.kind, title: q.title, required: q.required, lines: q.options.join('\n') }))
})
const KIND_KEYS = Object.keys(QUESTION_KINDS) as QuestionKind[]

/** 问卷: write (a draft), publish to an audience, change the intro or end date, close, read the results. */
export default function StaffSurvey() {
  const { id } = useRouter().params
  const today = chinaDate(new Date())
  const [form, setForm] = useState<Form>({ title: '', intro: '', organizer: '', anonymous: true, startOn: today, endOn: today, questions: [], conditions: [] })
  const [survey, setSurvey] = useState<Survey | null>(null)
  const [status, setStatus] = useState<SurveyStatus | null>(id ? null : 'draft')
  const [surveyId, setSurveyId] = useState<string | undefined>(id)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [requestId] = useState(newRequestId)
  const { setError, check, fail, setFormError, fieldError, formNotice } = useFormErrors()

  const loaded = (s: Survey) => {
    setSurvey(s)
    setSurveyId(s.id)
    setStatus(s.status)
    setForm(fromSurvey(s))
  }
  useEffect(() => {
    if (!id) return
    call('survey.admin.get', { id }).then(loaded).catch((err) => setLoadError(errorMessage(err)))
  }, [id])

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }))
    setError(k, '')
  }
  const setQuestion = (i: number, q: QForm | null) => {
    setForm((f) => ({ ...f, questions: q ? f.questions.map((x, j) => (j === i ? q : x)) : f.questions.filter((_, j) => j !== i) }))
    setError(`questions.${i}.title`, '')
    setError(`questions.${i}.options`, '')
    setError('questions', '')
  }
  const localErrors = () => {
    const out: Record<string, string> = { ...ruleErrors(form.conditions) }
    for (const p of surveyProblems(toInput(form))) if (!out[p.path]) out[p.path] = p.message
    return out
  }
  const run = async (fn: () => Promise<void>) => {
    setBusy(true)
    setFormError(null)
    try {
      await fn()
    } catch (err) {
      // the server's field messages land under their fields, as the form's own checks do
      if (err instanceof ApiError && err.details.length) check(err.fieldErrors())
      else fail(err)
    } finally {
      setBusy(false)
    }
  }
  const saveNow = async () => {
    const s = await call('survey.admin.save', { ...(surveyId ? { id: surveyId } : {}), ...toInput(form) }, surveyId ? {} : { requestId })
    loaded(s)
    return s
  }
  const save = () => {
    if (!check(localErrors())) return
    return run(async () => {
      await saveNow()
      Taro.showToast({ title: '已保存', icon: 'success' })
    })
  }
  const doPreview = () => {
    if (!check(ruleErrors(form.conditions))) return
    return run(async () => setPreview(await call('survey.admin.preview', { conditions: form.conditions })))
  }
  // Publishing reaches many owners and cannot be taken back: save, count, ask with the number.
  const publish = () => {
    if (!check(localErrors())) return
    return run(async () => {
      const s = await saveNow()
      const reach = await call('survey.admin.preview', { conditions: form.conditions })
      setPreview(reach)
      const n = `${reach.approximate ? '约' : ''}${reach.count}户`
      const ok = await Taro.showModal({
        title: `发布给${n}？`,
        content: reach.count
          ? `发布后${form.startOn <= today ? '马上' : `在${form.startOn}`}送到这${n}个体户的“消息”里（关闭了个性化推荐或问卷消息的不会收到）。发布后题目不能再改。`
          : '目前没有个体户符合这些条件，发布后没有人会收到。',
        confirmText: '发布',
        cancelText: '先不发'
      })
      if (!ok.confirm) {
        Taro.showToast({ title: '已保存为草稿，没有发布', icon: 'none' })
        return
      }
      loaded(await call('survey.admin.publish', { id: s.id }))
      Taro.showToast({ title: `已发布，正在送给${n}`, icon: 'none' })
    })
  }
  const close = () =>
    run(async () => {
      const ok = await Taro.showModal({ title: '现在结束这份问卷？', content: '结束后个体户不能再作答，还没送到的也不再送。已收到的回答和统计都保留。', confirmText: '结束' })
      if (!ok.confirm || !surveyId) return
      loaded(await call('survey.admin.close', { id: surveyId }))
    })

  if (loadError) return <Page><LoadFailed message={loadError} /></Page>
  if (!status) return <Page><Loading /></Page>
  const draft = status === 'draft'
  const closed = status === 'closed'
  const field = (k: 'title' | 'organizer', label: string, max: number, placeholder: string) => (
    <View>
      <Cell label={label}>
        {draft ? <Input className='input' name={`survey-${k}`} maxlength={max} placeholder={placeholder} value={form[k]} onInput={(e) => set(k, e.detail.value)} /> : <Text>{form[k]}</Text>}
      </Cell>
      {fieldError(k)}
    </View>
  )
  return (
    <Page>
      {survey ? (
        <Notice tone={closed ? 'warn' : 'info'}>
          <Tag tone={draft ? 'gray' : closed ? 'orange' : 'green'}>{SURVEY_STATUS[status]}</Tag>
          <Text> {survey.regionName} · {survey.createdBy || '工作人员'}建</Text>
          {closed ? <View>{survey.closedReason === 'staff' ? '已由工作人员提前结束。' : `已于${survey.endOn}截止。`}</View> : null}
          {status === 'published' ? <View>{PUBLISHED_EDITABLE}</View> : null}
        </Notice>
      ) : null}
      {/* once published, what staff come back for is the results: first, the questionnaire below */}
      {survey && !draft ? <SurveyResults id={survey.id} /> : null}
      <Section title='问卷'>
        {field('title', '标题', 40, '如：个体户经营状况调查')}
        {field('organizer', '发起单位', 40, '如：鹿城区市场监督管理局')}
        <View className='notice-text'>
          <View className='notice-text__heading' style={{ marginTop: 0 }}>说明（个体户打开时先看到）</View>
          {closed ? <Text>{form.intro || '（无）'}</Text> : <Textarea className='textarea' name='survey-intro' maxlength={300} placeholder='为什么调查、大约几分钟、结果怎么用' autoHeight value={form.intro} onInput={(e) => set('intro', e.detail.value)} />}
        </View>
        {fieldError('intro')}
        <Cell wide label={form.anonymous ? '匿名：不记录是哪一户答的' : '实名：工作人员能看到是哪一户'}>
          <Switch checked={form.anonymous} disabled={!draft} color='#07c160' onChange={(e) => set('anonymous', e.detail.value)} />
        </Cell>
        {draft ? (
          <Picker mode='date' value={form.startOn} onChange={(e) => set('startOn', String(e.detail.value))}>
            <Cell label='开始日期' arrow value={form.startOn} />
          </Picker>
        ) : (
          <Cell label='开始日期' value={form.startOn} />
        )}
        {fieldError('startOn')}
        {!closed ? (
          <Picker mode='date' value={form.endOn} onChange={(e) => set('endOn', String(e.detail.value))}>
            <Cell label='截止日期' arrow value={form.endOn} />
          </Picker>
        ) : (
          <Cell label='截止日期' value={form.endOn} />
        )}
        {fieldError('endOn')}
      </Section>

      <Section title={`题目（${form.questions.length}/20）`} footer='单选、多选各2–10个选项；打分题为1–5分；简答题最多200字。'>
        {form.questions.map((q, i) => (
          <View key={i} className={`notice-text${fieldError(`questions.${i}.title`) || fieldError(`questions.${i}.options`) ? ' cell--error' : ''}`} style={{ borderBottom: '1px solid var(--c-line)' }} id={`question-${i}`}>
            <View className='notice-text__heading staff-row-head' style={{ marginTop: 0 }}>
              <Text>第{i + 1}题 · {QUESTION_KINDS[q.kind]}</Text>
              {draft ? <Text className='staff-remove' onClick={() => setQuestion(i, null)}>删除</Text> : null}
            </View>
            {draft ? (
              <View>
                <Input className='input survey-input' name={`question-title-${i}`} maxlength={60} placeholder={`第${i + 1}题的题目`} value={q.title} onInput={(e) => setQuestion(i, { ...q, title: e.detail.value })} />
                {choice(q.kind) ? <Textarea className='textarea' name={`question-options-${i}`} maxlength={400} placeholder={`第${i + 1}题的选项，每行一个`} autoHeight value={q.lines} onInput={(e) => setQuestion(i, { ...q, lines: e.detail.value })} /> : null}
                <View className='survey-required'>
                  <Text>必答</Text>
                  <Switch checked={q.required} color='#07c160' onChange={(e) => setQuestion(i, { ...q, required: e.detail.value })} />
                </View>
              </View>
            ) : (
              <View>
                <View>{q.title}{q.required ? '（必答）' : ''}</View>
                {choice(q.kind) ? <View className='grid__hint'>{optionsOf(q).join(' / ')}</View> : null}
              </View>
            )}
            {fieldError(`questions.${i}.title`)}
            {fieldError(`questions.${i}.options`)}
          </View>
        ))}
        {fieldError('questions')}
        {draft && form.questions.length < 20 ? (
          <Picker mode='selector' range={KIND_KEYS.map((k) => QUESTION_KINDS[k])} onChange={(e) => set('questions', [...form.questions, { kind: KIND_KEYS[Number(e.detail.value)], title: '', required: true, lines: '' }])}>
            <Cell label='＋ 添加题目' arrow />
          </Picker>
        ) : null}
      </Section>

      <Section title='调查对象（全部满足才送到）' footer='不加条件：发给本辖区所有开启个性化推荐的个体户。'>
        {draft ? (
          <RuleBuilder
            conditions={form.conditions}
            fieldError={fieldError}
            onChange={(i, c) => {
              set('conditions', c ? form.conditions.map((x, j) => (j === i ? c : x)) : form.conditions.filter((_, j) => j !== i))
              setError(`conditions.${i}`, '')
            }}
            onAdd={(c) => set('conditions', [...form.conditions, c])}
          />
        ) : (
          <Cell wide label={survey ? `发布时按条件${survey.audience}户，已送到${survey.delivered}户` : ''} />
        )}
      </Section>
      {preview && draft ? <Notice><View id='survey-preview'>预计送到 {preview.approximate ? '约' : ''}{preview.count} 户（已关闭个性化推荐的不计）。</View></Notice> : null}
      {formNotice}
      {!closed ? (
        <View className='actions'>
          {draft ? <SecondaryButton onClick={doPreview}>预览覆盖人数</SecondaryButton> : null}
          <SecondaryButton onClick={save}>{draft ? '保存草稿' : '保存修改'}</SecondaryButton>
          {draft ? <PrimaryButton loading={busy} onClick={publish}>发布</PrimaryButton> : <SecondaryButton onClick={close}>结束问卷</SecondaryButton>}
        </View>
      ) : null}
    </Page>
  )
}

/**
 * The results: how many answered of how many reached, a chart per choice or rating question and
 * the text answers page by page.
 */
function SurveyResults({ id }: { id: string }) {
  const [r, setR] = useState<Results | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    call('survey.admin.results', { id }).then(setR).catch((err) => setError(errorMessage(err)))
  }, [id])
  const [exported, setExported] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)
  const doExport = async () => {
    setExporting(true)
    setExported(null)
    try {
      setExported(await openExport(await call('survey.admin.export', { id })))
    } catch (err) {
      setExported(errorMessage(err))
    } finally {
      setExporting(false)
    }
  }
  if (error) return <Notice tone='error'>结果没有读到：{error}</Notice>
  if (!r) return <Loading />
  return (
    <View id='survey-results'>
      <Section title='结果' footer={r.anonymous ? '匿名问卷：只有汇总和内容，没有答卷人。' : '实名问卷：简答列表里显示字号（部分隐去）。'}>
        <Cell label='已回答' value={`${r.responses}份`} />
        <Cell label='已送到' value={`${r.delivered}户`} />
        <Cell label='回答率' value={r.delivered ? `${Math.round((r.responses / r.delivered) * 100)}%` : '—'} />
      </Section>
      <View className='actions' style={{ paddingTop: 0, paddingBottom: 0 }}>
        <SecondaryButton onClick={exporting ? undefined : doExport}>{exporting ? '正在生成表格…' : '导出Excel（统计、简答、全部回答）'}</SecondaryButton>
        {exported ? <View className='grid__hint' id='survey-export-status' style={{ textAlign: 'center' }}>{exported}</View> : null}
      </View>
      {r.questions.map((q) => (
        <Section key={q.index} title={`第${q.index + 1}题 ${q.title}`} footer={`${q.answered}人回答${q.average !== null ? ` · 平均${q.average}分` : ''}`}>
          {q.kind === 'text' ? <TextAnswers id={id} q={q.index} /> : <Chart kind={q.kind === 'single' ? 'pie' : 'bar'} title={q.kind === 'rating' ? '各分数的人数' : '各选项的人数'} data={q.counts} unit='人' showTotal={q.kind === 'single'} />}
        </Section>
      ))}
    </View>
  )
}

type TextPage = Output<Contracts['survey.admin.texts']>

/** One short-text question's answers, 20 at a time. */
function TextAnswers({ id, q }: { id: string; q: number }) {
  const [items, setItems] = useState<TextPage['items']>([])
  const [total, setTotal] = useState(0)
  const [next, setNext] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = (cursor?: string) =>
    call('survey.admin.texts', { id, q, ...(cursor ? { cursor } : {}), limit: 20 })
      .then((p) => {
        setItems((have) => (cursor ? [...have, ...p.items] : p.items))
        setTotal(p.total)
        setNext(p.nextCursor)
      })
      .catch((err) => setError(errorMessage(err)))
  useEffect(() => {
    void load()
  }, [id, q])
  if (error) return <Cell wide label={error} />
  if (!items.length) return <Cell wide label='还没有人填写' />
  return (
    <View>
      {items.map((a) => (
        <View key={a.id} className='notice-text survey-text'>
          <Text>{a.text}</Text>
          {a.who ? <Text className='grid__hint' style={{ display: 'block' }}>—— {a.who}</Text> : null}
        </View>
      ))}
      {next ? <Cell wide label={`已显示${items.length}条，共${total}条 · 加载更多`} arrow onClick={() => void load(next)} /> : null}
    </View>
  )
}
