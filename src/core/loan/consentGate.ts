/**
 * Whether an owner may consent to share their data with a bank, and if not, why (in the owner's
 * words); null = they may. Today: a saved profile is needed, since there is nothing to share and
 * no business to lend to without one. The verification slice (#16) extends this with "and the
 * business is verified" — add the condition here, so the server and the page stay one rule.
 */
export interface BankSharingOwner {
  profile: unknown | null
}

export function bankSharingBlocker(owner: BankSharingOwner | null | undefined): string | null {
  if (!owner?.profile) return '请先建立经营档案，再同意向银行提供信息：没有档案，就没有可以提供给银行的经营信息'
  return null
}
