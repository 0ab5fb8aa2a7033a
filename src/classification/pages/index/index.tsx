import { Text, Textarea, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { Page } from '../../../components/Page'
import { Cell, LoadFailed, Loading, Notice, PrimaryButton, Section, Tag } from '../../../components/ui'
import type { Output } from '../../../core/common/action'
import { showDate, showDateTime } from '../../../core/common/time'
import type { Contracts } from '../../../core/contracts'
import { call, firstErrorMessage, formErrorMessage, newRequestId } from '../../../services/api'
import { useSession } from '../../../store/session'

type Mine = Output<Contracts['user.classification.get']>
const MAX = 500
const tone = (t: string) => (t === 'survival' ? 'orange' : t === 'growth' ? 'green' : 'blue') as 'orange' | 'green' | 'blue'

/**
 * 我的分型: the year's decision (with its date, reasons, history and what the type brings in the
 * source's words), the estimate from today's profile apart and labelled 估算, and the 异议 form
 * while the review window is open. Where no yearly decision runs, only the estimate, said so.
 */
export default function MyClassification() {
  const { careMode } = useSession()
  const [data, setData] = useState<Mine | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // one id per filing: a retry after a lost answer files nothing twice
  const requestId = useRef(newRequestId())

  const load = async () => {
    try {
      setData(await call('user.classification.get', {}))
      setError(null)
    } catch (err) {
      setError(firstErrorMessage(err))
    }
  }
  useDidShow(() => void load())

  const submit = async () => {
    const r = reason.trim()
    if (r.length < 5) return setFormError('请写明您认为分型不对的理由（至少5个字），例如雇员人数、营业额有变化')
    setBusy(true)
    setFormError(null)
    try {
      const objection = await call('user.classification.object', { reason: r }, { requestId: requestId.current })
      setData((d) => (d ? { ...d, objection, window: null } : d))
      setReason('')
      requestId.current = newRequestId()
    } catch (err) {
      // what was typed stays in the box
      setFormError(formErrorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  if (error) return <Page><LoadFailed message={error} /></Page>
  if (!data) return <Page><Loading /></Page>
  const { schedule, decision, estimate, objection, window } = data

  return (
    <Page>
      {decision ? (
        <Section title={`${decision.year}年分型结果`}>
          <View className='notice-text' id='decision'>
            <View className='hero__type'>
              <Tag tone={tone(decision.type)}>{decision.label}</Tag>
              <Text className='hero__meta'>{showDate(decision.decidedAt)} {decision.roundLabel}</Text>
            </View>
            <View className='notice-text__body'>
              {decision.source === 'register' ? '开业日期和地区按登记信息（已核验），其余按您的经营档案' : '按您的经营档案判定'}
            </View>
            <View className='notice-text__heading'>这一类型的帮扶重点</View>
            <View className='notice-text__body'>“{decision.focus.quote}”</View>
            <View className='notice-text__body'>——{decision.focus.document}</View>
            <View className='notice-text__heading'>判定依据</View>
            {decision.reasons.map((r) => (
              <View className='reason' key={r.text}>
                <Text className={`reason__mark reason__mark--${r.met ? 'met' : 'unmet'}`}>{r.met ? '✓' : '…'}</Text>
                <Text>{r.text}</Text>
              </View>
            ))}
            <View className='notice-text__body'>判定门槛是本平台的估算口径（未见官方公布的标准），以市场监管部门在个体工商户名录中的标注为准。</View>
            {decision.history.length > 1 ? (
              <View id='history'>
                <View className='notice-text__heading'>变更记录</View>
                {decision.history.map((h) => (
                  <View className='notice-text__body' key={`${h.at}${h.roundLabel}`}>
                    {showDateTime(h.at)} {h.roundLabel}：{h.label}
                    {h.byName ? `（${h.byName}）` : ''}
                    {h.why ? ` ${h.why}` : ''}
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        </Section>
      ) : null}

      {estimate ? (
        <Section title='估算：按您现在的档案'>
          <View className='notice-text' id='estimate'>
            <View className='hero__type'>
              <Tag tone='gray'>估算 · {estimate.label}</Tag>
            </View>
            <View className='notice-text__body'>
              {decision
                ? `这是按您现在填写的档案算出的估算，不是判定结果；${decision.year}年的分型以上面的判定为准。`
                : schedule
                  ? '您还没有判定结果，这是按您填写的档案算出的估算。'
                  : '您所在地区没有每年集中判定分型的安排（我们没有见到当地的文件），这是按您填写的档案算出的估算，以当地市场监管部门的分型结果为准。'}
            </View>
            {estimate.reasons.map((r) => (
              <View className='reason' key={r.text}>
                <Text className={`reason__mark reason__mark--${r.met ? 'met' : 'unmet'}`}>{r.met ? '✓' : '…'}</Text>
                <Text>{r.text}</Text>
              </View>
            ))}
          </View>
        </Section>
      ) : (
        <Notice>请先建立经营档案。</Notice>
      )}

      {objection ? (
        <Section title={`${objection.year}年分型异议`}>
          <Cell label='处理情况' value={<Tag tone={objection.status === 'open' ? 'orange' : 'green'}>{objection.statusLabel}</Tag>} />
          <Cell label='异议的结果' value={objection.typeLabel} />
          <Cell label='提出时间' value={showDateTime(objection.createdAt)} />
          <View className='notice-text' id='objection'>
            <View className='notice-text__body'>您的理由：{objection.reason}</View>
            {objection.outcomeLabel ? <View className='notice-text__body'>处理后：{objection.outcomeLabel}</View> : null}
            {objection.note ? <View className='notice-text__body'>市场监管部门的理由：{objection.note}</View> : null}
            {objection.status === 'open' && schedule ? (
              <View className='notice-text__body'>市场监管部门会在{schedule.redecision.day}重新判定前复核；到时没有复核的，重新判定时会按您的反馈和最新档案再判一次。</View>
            ) : null}
          </View>
        </Section>
      ) : null}

      {window?.open ? (
        <Section title='对分型结果有异议'>
          <View className='notice-text' id='objection-form'>
            <View className='notice-text__body'>
              {showDateTime(window.closesAt!)}前可以提出，每年一次。请写明理由，例如雇员人数、营业额、纳税、社保的变化。
            </View>
            <View className='textbox'>
              <Textarea
                className='textarea textbox__area'
                name='reason'
                maxlength={MAX}
                placeholder='写明您认为分型不对的理由'
                placeholderClass={careMode ? 'textbox__ph textbox__ph--care' : 'textbox__ph'}
                value={reason}
                onInput={(e) => {
                  setReason(e.detail.value)
                  if (formError) setFormError(null)
                }}
              />
              <Text className={`textbox__count${reason.length >= MAX ? ' textbox__count--full' : ''}`}>{reason.length}/{MAX}字</Text>
            </View>
            {formError ? <Notice tone='error'>{formError}</Notice> : null}
            <View className='actions'>
              <PrimaryButton loading={busy} onClick={() => void submit()}>提出异议</PrimaryButton>
            </View>
          </View>
        </Section>
      ) : window?.message ? (
        <Notice>{window.message}</Notice>
      ) : null}

      {schedule ? (
        <Section title={`${schedule.regionLabel}每年的分型安排`}>
          <View className='notice-text' id='schedule'>
            <View className='notice-text__heading'>{schedule.decision.day}集中判定</View>
            <View className='notice-text__body'>“{schedule.decision.quote}”</View>
            <View className='notice-text__heading'>第三季度复核</View>
            <View className='notice-text__body'>“{schedule.review.quote}”</View>
            <View className='notice-text__heading'>{schedule.redecision.day}重新判定</View>
            <View className='notice-text__body'>“{schedule.redecision.quote}”</View>
            <View className='notice-text__body'>——{schedule.document}</View>
            <View className='notice-text__body'>{schedule.decision.timeNote}；{schedule.redecision.timeNote}。重新判定的范围（本平台配置）：{schedule.redecides}。</View>
          </View>
        </Section>
      ) : null}
    </Page>
  )
}
