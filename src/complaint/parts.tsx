import { Image, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { showDateTime } from '../core/common/time'
import { useSession } from '../store/session'

interface Step {
  kind?: 'status' | 'supplement' | 'urge'
  label: string
  note: string | null
  at: string
  photos?: string[]
  held?: boolean
}

/**
 * The steps of a 诉求 as both the owner and the workbench show them: each change of status, and
 * in between the material the owner added (with its photos) and their urges. `staff` shows the
 * content-check warning on flagged material, which only a person handling it needs.
 */
export function Timeline({ steps, staff }: { steps: Step[]; staff?: boolean }) {
  return (
    <View className='timeline'>
      {steps.map((t, i) => (
        <View key={i} className={`timeline__step timeline__step--${t.kind ?? 'status'}`}>
          <Text className='timeline__label'>{t.label}</Text>
          {staff && t.held ? <Text className='timeline__held'>内容检测提示需要人工复核，请先阅读原文</Text> : null}
          {t.note ? <Text className='timeline__note'>{t.note}</Text> : null}
          {t.photos?.length ? <Photos urls={t.photos} inline /> : null}
          <Text className='timeline__at'>{showDateTime(t.at)}</Text>
        </View>
      ))}
    </View>
  )
}

/** Photo thumbnails; a tap opens the viewer at that photo. */
export function Photos({ urls, inline }: { urls: string[]; inline?: boolean }) {
  if (!urls.length) return null
  return (
    <View className={`photos${inline ? ' photos--inline' : ''}`}>
      {urls.map((u) => (
        <Image key={u} className='photos__img' src={u} mode='aspectFill' onClick={() => Taro.previewImage({ urls, current: u })} />
      ))}
    </View>
  )
}

/**
 * A box to write in: several lines high, the page's own font and size (a browser would give a
 * bare textarea a small monospace font), growing with 关怀模式, and a count of what is left.
 */
export function TextBox({
  name,
  value,
  onInput,
  placeholder,
  max,
  large
}: {
  name: string
  value: string
  onInput: (v: string) => void
  placeholder: string
  max: number
  /** several lines (the 经过 of a 诉求, material); otherwise about three */
  large?: boolean
}) {
  const { careMode } = useSession()
  return (
    <View className='textbox'>
      <Textarea
        className={`textarea textbox__area${large ? ' textbox__area--large' : ''}`}
        name={name}
        maxlength={max}
        placeholder={placeholder}
        // WeChat styles the placeholder only through its own class (no inheritance from the page)
        placeholderClass={careMode ? 'textbox__ph textbox__ph--care' : 'textbox__ph'}
        value={value}
        onInput={(e) => onInput(e.detail.value)}
      />
      <Text className={`textbox__count${value.length >= max ? ' textbox__count--full' : ''}`} id={`${name}-count`}>
        {value.length}/{max}字
      </Text>
    </View>
  )
}
