/**
 * Hands the owner their 个人信息 export as files they can keep. Taro picks keepFile.weapp.ts
 * (a file in the mini-program's user folder, sent to a WeChat chat with wx.shareFileMessage,
 * else the text copied) or keepFile.h5.ts (a browser download); this file is what other
 * targets and the type checker see.
 */
export interface ExportFiles {
  fileBase: string
  json: string
  text: string
}

/** One way to keep the export, as a button: its label and what a tap does (synchronously first: WeChat wants the tap). */
export interface KeepAction {
  id: string
  label: string
  run(files: ExportFiles): Promise<string>
}

/** Called once the export has arrived, before the buttons show (weapp: writes the files). */
export async function prepareFiles(_files: ExportFiles): Promise<void> {}

export function keepActions(): KeepAction[] {
  return []
}

/** A line under the buttons: where the files go on this platform. */
export const KEEP_HINT = ''
