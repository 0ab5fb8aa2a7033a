/** Chinese names for what the audit log records (the action names are ours, never shown). */
export const AUDIT_ACTIONS: Record<string, string> = {
  'setup.admin': '使用安装码成为首位管理员',
  'invite.create': '发出邀请',
  'invite.revoke': '撤销邀请',
  'invite.accept': '接受邀请加入',
  'staff.update': '修改工作人员',
  'staff.suspend': '暂停工作人员',
  'staff.resume': '恢复工作人员',
  'staff.remove': '移除工作人员',
  'helper.invite': '店主邀请帮手',
  'helper.accept': '帮手接受邀请',
  'helper.remove': '店主移除帮手',
  'helper.leave': '帮手退出',
  'owner.verify.inPerson': '现场核验经营户',
  'owner.claim.approve': '同意营业执照转移',
  'owner.claim.decline': '不同意营业执照转移',
  'classification.change': '分型异议复核：改判',
  'classification.keep': '分型异议复核：维持原判'
}

export const auditActionLabel = (action: string) => AUDIT_ACTIONS[action] ?? '其他操作'

export const ROLE_LABELS: Record<string, string> = {
  owner: '经营者',
  regulator: '监管人员',
  bank: '银行客户经理',
  admin: '管理员'
}
