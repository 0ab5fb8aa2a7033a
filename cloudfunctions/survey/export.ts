import { maskName } from '../../src/core/course/certificateCode'
import { questionFigures, qKey, ratingLabel, SURVEY_STATUS, type Answer, type Question } from '../../src/core/survey/rules'
import type { XlsxSheet } from '../common/xlsx'
import type { AnswerDoc, SurveyDoc } from './store'

/** An answer in words, as a cell: the chosen options, the rating, the text; blank left blank. */
export function answerCell(q: Question, a: Answer | null): string {
  if (!a) return ''
  if (a.text !== undefined) return a.text
  if (a.rating !== undefined) return ratingLabel(a.rating)
  return (a.choice ?? []).map((j) => q.options[j] ?? '').join('、')
}

/**
 * The three sheets of a survey's export: the counts (from the tallies), the short-text answers,
 * and every response in a row. A named survey's responses carry the business name masked; an
 * anonymous survey's carry nothing about who answered (its stored answers have nothing to give).
 */
export function surveySheets(s: SurveyDoc, answers: AnswerDoc[]): XlsxSheet[] {
  const notes = [
    `问卷：${s.title}（${s.anonymous ? '匿名' : '实名'}，${SURVEY_STATUS[s.status]}）`,
    `发起单位：${s.organizer}；${s.startOn} 至 ${s.endOn}`,
    `已送到${s.delivered}户，回答${s.responses}份`
  ]
  const counts = s.questions.flatMap((q, i) => {
    if (q.kind === 'text') return []
    const f = questionFigures(q, s.tally[qKey(i)])
    return [
      ...f.counts.map((c) => ({ q: `第${i + 1}题 ${q.title}`, option: c.label, n: c.value, pct: f.answered ? `${Math.round((c.value / f.answered) * 100)}%` : '' })),
      ...(f.average !== null ? [{ q: `第${i + 1}题 ${q.title}`, option: '平均分', n: f.average, pct: '' }] : [])
    ]
  })
  const named = !s.anonymous
  const who = (a: AnswerDoc) => (a.name ? maskName(a.name) : '（未填字号）')
  const texts = answers.flatMap((a) =>
    s.questions.flatMap((q, i) => (q.kind === 'text' && a.answers[i]?.text ? [{ q: `第${i + 1}题 ${q.title}`, text: a.answers[i]!.text!, ...(named ? { who: who(a) } : {}) }] : []))
  )
  const qColumns = s.questions.map((q, i) => ({ header: `${i + 1}. ${q.title}`, key: `a${i}`, width: 24 }))
  const rows = answers.map((a, n) => ({
    n: n + 1,
    ...(named ? { who: who(a) } : {}),
    ...Object.fromEntries(s.questions.map((q, i) => [`a${i}`, answerCell(q, a.answers[i] ?? null)]))
  }))
  return [
    { name: '统计', notes, columns: [{ header: '题目', key: 'q', width: 40 }, { header: '选项', key: 'option', width: 24 }, { header: '人数', key: 'n' }, { header: '占答题人数', key: 'pct' }], rows: counts },
    { name: '简答', notes, columns: [{ header: '题目', key: 'q', width: 40 }, { header: '回答', key: 'text', width: 60 }, ...(named ? [{ header: '字号（部分隐去）', key: 'who', width: 20 }] : [])], rows: texts },
    { name: '全部回答', notes: [...notes, s.anonymous ? '匿名问卷：回答不带答卷人，行的顺序与作答先后无关。' : '实名问卷：字号部分隐去。'], columns: [{ header: '序号', key: 'n' }, ...(named ? [{ header: '字号（部分隐去）', key: 'who', width: 20 }] : []), ...qColumns], rows }
  ]
}
