import { Image, Text, View } from '@tarojs/components'
import type { Invite } from '../core/staff/contract'
import { showDate } from '../core/common/time'

/**
 * An open invitation as the inviter hands it over: the code to read out, the QR to scan (long
 * press to forward it in WeChat), whom it is for and until when it works.
 */
export function InviteCard({ invite }: { invite: Invite }) {
  return (
    <View className='invite-card' id={`invite-${invite.id}`}>
      <View className='invite-card__who'>
        邀请 {invite.name} 成为{invite.roleLabel}
        {invite.regionName ? `（${invite.regionName}）` : invite.bankName ? `（${invite.bankName}）` : ''}
      </View>
      <View className='invite-card__code'>
        <Text className='invite-code'>{invite.code}</Text>
      </View>
      {invite.imageUrl ? <Image className='invite-card__qr' src={invite.imageUrl} mode='scaleToFill' showMenuByLongpress /> : null}
      <View className='invite-card__hint'>
        请对方用微信扫二维码，或在小程序“我的 → 我有邀请码”里输入邀请码。{showDate(invite.expiresAt)}前有效，只能用一次。
      </View>
    </View>
  )
}
