/**
 * The privacy dialog exists only in WeChat (PrivacyDialog.weapp.tsx): H5 has no privacy gate.
 * This file is what H5 and the type checker see.
 */
export function PrivacyDialog() {
  return null
}
