import type { Certificate } from './certificateArt'

/**
 * Saves the certificate as a picture. Taro picks saveCertificate.weapp.ts (the phone's album) or
 * saveCertificate.h5.ts (a PNG download) by platform; this file is what other targets and the
 * type checker see. Resolves with what happened in the owner's words; rejects with an Error whose
 * message is plain Chinese; resolves null when the owner changed their mind.
 */
export async function saveCertificateImage(_c: Certificate): Promise<string | null> {
  throw new Error(`no image saving for platform ${process.env.TARO_ENV}`)
}
