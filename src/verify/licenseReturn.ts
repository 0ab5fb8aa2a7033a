/**
 * Where the official 电子营业执照 mini-program cannot be opened (H5): nothing to open, nothing
 * comes back. The weapp build uses licenseReturn.weapp.ts.
 */
export const canOpenLicenseApp = false
export async function openLicenseApp(_appId: string, _path: string | null): Promise<void> {
  throw new Error('unavailable')
}
export function onLicenseReturn(_cb: (authCode: string) => void): () => void {
  return () => undefined
}
