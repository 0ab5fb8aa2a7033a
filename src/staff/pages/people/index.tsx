import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AreaPicker } from '../../../components/AreaPicker'
import { InviteCard } from '../../../components/InviteCard'
import { LoadMore } from '../../../components/LoadMore'
import { Page } from '../../../components/Page'
import { SelectCell } from '../../../components/SelectCell'
import { useFormErrors } from '../../../components/useFormErrors'
import { usePaged } from '../../../components/usePaged'
import { Cell, Empty, LoadFailed, Loading, Notice, PrimaryButton, SecondaryButton, Section, Tag } from '../../../components/ui'
import { showDate } from '../../../core/common/time'
import type { Invite, StaffMember } from '../../../core/staff/contract'
import { INVITE_ROLE_LABELS, type InviteRole } from '../../../core/staff/roles'
import { call, errorMessage, newRequestId } from '../../../services/api'
import { useSession } from '../../../store/session'

const DAYS = { '3': '3天', '7': '7天', '15': '15天', '30': '30天' } as const
type Days = keyof typeof DAYS

const needsRegion = (r: InviteRole | '') => r === 'regulator' || r === 'supervisor'

/** One staff member's editor (admins): role, region or bank, suspend, remove. */
function Editor({ m, onSaved, onRemoved }: { m: StaffMember; onSaved: (m: StaffMember) => void; onRemoved: () => void }) {
  const [role, setRole] = useState<InviteRole>(m.role)
  const [region, setRegion] = useState(m.region ?? '')
  const [bank, setBank] = useState(m.bankName ?? '')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const send = async (patch: { role?: InviteRole; region?: string | null; bankName?: string; suspended?: boolean }, done: string) => {
    setBusy(true)
    setError(null)
    try {
      onSaved(await call('admin.staff.update', { id: m.id, ...patch }))
      Taro.showToast({ title: done, icon: 'none' })
    } catch (err) {
      // what was chosen stays on screen with the reason
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  const save = () =>
    send({ role, ...(needsRegion(role) ? { region: region || null } : {}), ...(role === 'bank' ? { bankName: bank.trim() } : {}) }, '已保存')
  const suspend = async () => {
    if (!m.suspended) {
      const ok = await Taro.showModal({ title: `暂停${m.name}？`, content: '暂停后他不能再使用工作台，直到您恢复。', confirmText: '暂停', cancelText: '不暂停' })
      if (!ok.confirm) return
    }
    await send({ suspended: !m.suspended }, m.suspended ? '已恢复' : '已暂停')
  }
  const remove = async () => {
    const ok = await Taro.showModal({ title: `移除${m.name}？`, content: '移除后他不再是工作人员；要再加入需要重新邀请。', confirmText: '移除', cancelText: '不移除' })
    if (!ok.confirm) return
    setBusy(true)
    try {
      await call('admin.staff.remove', { id: m.id })
      Taro.showToast({ title: '已移除', icon: 'none' })
      onRemoved()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View id='staff-editor'>
      <SelectCell id='edit-role' label='角色' options={INVITE_ROLE_LABELS} value={role} onChange={setRole} />
      {needsRegion(role) ? <AreaPicker id='edit-region' label='负责地区' whole value={region} onChange={setRegion} /> : null}
      {role === 'bank' ? (
        <Cell label='所在银行'>
          <Input className='input' name='editBank' placeholder='如：温州示范农商银行' maxlength={40} value={bank} onInput={(e) => setBank(e.detail.value)} />
        </Cell>
      ) : null}
      {error ? <Notice tone='error'><Text id='edit-error'>{error}</Text></Notice> : null}
      <View className='actions'>
        <PrimaryButton loading={busy} onClick={save}>保存修改</PrimaryButton>
        <SecondaryButton onClick={suspend}>{m.suspended ? '恢复' : '暂停'}</SecondaryButton>
        <SecondaryButton onClick={remove}>移除</SecondaryButton>
      </View>
    </View>
  )
}

/**
 * 人员管理: invite staff (a code and a QR, one use, with an expiry), see the invitations, and (an
 * admin) change a staff member's role or region, suspend or remove them. A regulator invites
 * regulators and supervisors of their region and sees who works there.
 */
export default function People() {
  const { data } = useSession()
  const admin = data?.staff?.role === 'admin'
  const roles: Partial<Record<InviteRole, string>> = admin ? INVITE_ROLE_LABELS : { regulator: INVITE_ROLE_LABELS.regulator, supervisor: INVITE_ROLE_LABELS.supervisor }
  const [draft, setDraft] = useState<{ name: string; role: InviteRole | ''; region: string; bankName: string; days: Days }>({ name: '', role: '', region: '', bankName: '', days: '7' })
  const [requestId, setRequestId] = useState(newRequestId)
  const [created, setCreated] = useState<Invite | null>(null)
  const [shownInvite, setShownInvite] = useState<string | null>(null)
  const [editing, setEditing] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const form = useFormErrors()

  const staff = usePaged<StaffMember>(async (cursor, limit) => call('admin.staff.list', { ...(cursor ? { cursor } : {}), limit }))
  const invites = usePaged<Invite>(async (cursor, limit) => call('admin.invite.list', { ...(cursor ? { cursor } : {}), limit }), 10)
  const shown = useRef(false)
  useDidShow(() => {
    void (shown.current ? staff.reload() : staff.reset())
    void (shown.current ? invites.reload() : invites.reset())
    shown.current = true
  })

  const set = (patch: Partial<typeof draft>, field?: string) => {
    setDraft({ ...draft, ...patch })
    if (field) form.setError(field, '')
  }

  const create = async () => {
    const missing: Record<string, string> = {}
    if (!draft.name.trim()) missing.name = '请填写被邀请人的姓名'
    if (!draft.role) missing.role = '请选择角色'
    if (needsRegion(draft.role) && !(draft.region || data?.staff?.region)) missing.region = '请选择他负责的地区'
    if (draft.role === 'bank' && !draft.bankName.trim()) missing.bankName = '请填写他所在的银行'
    if (!form.check(missing) || !draft.role) return
    setBusy(true)
    try {
      const region = needsRegion(draft.role) ? draft.region || data?.staff?.region || null : null
      const inv = await call(
        'admin.invite.create',
        { name: draft.name.trim(), role: draft.role, region, ...(draft.role === 'bank' ? { bankName: draft.bankName.trim() } : {}), days: Number(draft.days) },
        { requestId }
      )
      setCreated(inv)
      setRequestId(newRequestId())
      setDraft({ name: '', role: '', region: '', bankName: '', days: '7' })
      void invites.reset()
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    } catch (err) {
      form.fail(err)
    } finally {
      setBusy(false)
    }
  }

  const revoke = async (inv: Invite) => {
    const ok = await Taro.showModal({ title: '撤销这个邀请？', content: `撤销后${inv.name}不能再用这个邀请码加入。`, confirmText: '撤销', cancelText: '不撤销' })
    if (!ok.confirm) return
    try {
      const next = await call('admin.invite.revoke', { id: inv.id })
      invites.replace(next)
      if (created?.id === inv.id) setCreated(null)
      Taro.showToast({ title: '已撤销', icon: 'none' })
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  if (!data) return <Page><Loading /></Page>
  if (staff.error) return <Page><LoadFailed message={staff.error} /></Page>

  return (
    <Page>
      {created ? <InviteCard invite={created} /> : null}

      <Section title='邀请工作人员' footer={admin ? '管理员可以邀请各类工作人员；银行客户经理只能由管理员邀请。' : `您可以邀请${data.staff?.regionName ?? '本地区'}范围内的监管人员。`}>
        <Cell label='姓名'>
          <Input className='input' name='inviteName' placeholder='被邀请人的姓名' maxlength={20} value={draft.name} onInput={(e) => set({ name: e.detail.value }, 'name')} />
        </Cell>
        {form.fieldError('name')}
        <SelectCell id='invite-role' label='角色' options={roles as Record<InviteRole, string>} value={draft.role} onChange={(role) => set({ role }, 'role')} />
        {form.fieldError('role')}
        {needsRegion(draft.role) ? (
          <AreaPicker id='invite-region' label='负责地区' whole value={draft.region || data.staff?.region || ''} onChange={(region) => set({ region }, 'region')} />
        ) : null}
        {form.fieldError('region')}
        {draft.role === 'bank' ? (
          <Cell label='所在银行'>
            <Input className='input' name='inviteBank' placeholder='如：温州示范农商银行' maxlength={40} value={draft.bankName} onInput={(e) => set({ bankName: e.detail.value }, 'bankName')} />
          </Cell>
        ) : null}
        {form.fieldError('bankName')}
        <SelectCell id='invite-days' label='有效期' options={DAYS} value={draft.days} onChange={(days) => set({ days })} />
      </Section>
      {form.formNotice}
      <View className='actions'>
        <PrimaryButton loading={busy} onClick={create}>生成邀请码</PrimaryButton>
      </View>

      <Section title={`工作人员（${staff.total}人）`}>
        {!staff.items ? <Loading /> : null}
        {staff.items?.length === 0 ? <Empty title='还没有工作人员' /> : null}
        {staff.items?.map((m) => (
          <View key={m.id}>
            <Cell
              wide
              arrow={admin}
              onClick={admin ? () => setEditing(editing === m.id ? null : m.id) : undefined}
              label={
                <View id={`staff-${m.id}`}>
                  <View>
                    {m.name}
                    {m.me ? '（我）' : ''}
                  </View>
                  <View className='cell__hint'>{[m.regionName, m.bankName, m.joinedAt ? `${showDate(m.joinedAt)}加入` : ''].filter(Boolean).join(' · ')}</View>
                </View>
              }
              value={
                <View>
                  <Tag tone={m.role === 'admin' ? 'blue' : 'green'}>{m.roleLabel}</Tag>
                  {m.suspended ? <Tag tone='gray'>已暂停</Tag> : null}
                </View>
              }
            />
            {editing === m.id ? (
              <Editor
                m={m}
                onSaved={(next) => staff.replace(next)}
                onRemoved={() => {
                  setEditing(null)
                  void staff.reload()
                }}
              />
            ) : null}
          </View>
        ))}
      </Section>
      {staff.items ? <LoadMore shown={staff.items.length} total={staff.total} more={staff.more} beyond={staff.beyond} loading={staff.loadingMore} onMore={staff.loadMore} unit='人' /> : null}

      <Section title='邀请记录'>
        {invites.error ? <Notice tone='error'>{invites.error}</Notice> : null}
        {invites.items?.length === 0 ? <Empty title='还没有发出邀请' /> : null}
        {invites.items?.map((inv) => (
          <View key={inv.id}>
            <Cell
              wide
              arrow={inv.status === 'open'}
              onClick={inv.status === 'open' ? () => setShownInvite(shownInvite === inv.id ? null : inv.id) : undefined}
              label={
                <View>
                  <View>
                    {inv.name} · {inv.roleLabel}
                  </View>
                  <View className='cell__hint'>
                    {inv.status === 'open' ? `${showDate(inv.expiresAt)}前有效` : inv.usedAt ? `${showDate(inv.usedAt)}接受` : `${showDate(inv.createdAt)}发出`}
                  </View>
                </View>
              }
              value={<Tag tone={inv.status === 'open' ? 'orange' : inv.status === 'used' ? 'green' : 'gray'}>{inv.statusLabel}</Tag>}
            />
            {shownInvite === inv.id ? (
              <View>
                <InviteCard invite={inv} />
                <View className='actions'>
                  <SecondaryButton onClick={() => revoke(inv)}>撤销邀请</SecondaryButton>
                </View>
              </View>
            ) : null}
          </View>
        ))}
      </Section>
      {invites.items ? <LoadMore shown={invites.items.length} total={invites.total} more={invites.more} beyond={invites.beyond} loading={invites.loadingMore} onMore={invites.loadMore} /> : null}

      {admin ? (
        <Section>
          <Cell label='操作记录' value='谁在什么时候改了什么' arrow onClick={() => Taro.navigateTo({ url: '/staff/pages/audit/index' })} />
        </Section>
      ) : null}
    </Page>
  )
}
