import { View } from '@tarojs/components'
import { privacyNotice, type PrivacyOperator } from '../core/user/privacy'
import { PrimaryButton, SecondaryButton, Section } from './ui'

/**
 * The 个人信息保护告知书 with 同意 and 不同意 (个人信息保护法 Art. 17): the operator and contact come
 * from the server's configuration, so a deployment names its own and the demo says 演示.
 */
export function PrivacyNotice({ operator, agreeing, onAgree, onDecline }: { operator: PrivacyOperator; agreeing?: boolean; onAgree: () => void; onDecline: () => void }) {
  const notice = privacyNotice(operator)
  return (
    <View id='privacy-notice'>
      <Section title={`${notice.title}（${notice.version}版）`}>
        <View className='notice-text'>
          {notice.sections.map((s) => (
            <View key={s.heading}>
              <View className='notice-text__heading'>{s.heading}</View>
              <View className='notice-text__body'>{s.body}</View>
            </View>
          ))}
        </View>
      </Section>
      <View className='actions'>
        <PrimaryButton loading={agreeing} onClick={onAgree}>我已阅读并同意</PrimaryButton>
        <SecondaryButton onClick={onDecline}>不同意</SecondaryButton>
      </View>
    </View>
  )
}

/** What an owner who said 不同意 can still do, and how to change their mind. */
export function DeclinedNotice({ hasProfile, onReread, onPolicies, onCourse }: { hasProfile: boolean; onReread: () => void; onPolicies: () => void; onCourse: () => void }) {
  return (
    <View id='privacy-declined'>
      <Section title='您没有同意告知书'>
        <View className='notice-text'>
          <View className='notice-text__body'>
            {hasProfile
              ? '您的经营档案保留着，但在同意新版告知书之前不能修改，政策也不再按档案推荐。要查看、导出或删除我们保存的信息，请到“我的 → 个人信息”。'
              : '没有同意就不建立经营档案。您仍然可以浏览全部政策、阅读开业第一课；想用提醒、诉求和码上贷时，再回来同意即可。'}
          </View>
        </View>
      </Section>
      <View className='actions'>
        <PrimaryButton onClick={onPolicies}>去看政策</PrimaryButton>
        <SecondaryButton onClick={onCourse}>读开业第一课</SecondaryButton>
        <SecondaryButton onClick={onReread}>重新阅读告知书</SecondaryButton>
      </View>
    </View>
  )
}
