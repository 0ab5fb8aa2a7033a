/**
 * A register export the regulator picks (an Excel or CSV file) and its storage upload. Taro
 * picks registerFile.weapp.ts (a file from a WeChat chat, wx.chooseMessageFile: that is how an
 * export from the registration system reaches a phone or PC WeChat) or registerFile.h5.ts (a file
 * input); this file is what other targets and the type checker see.
 */
export interface PickedFile {
  name: string
  size: number
  ext: 'xlsx' | 'csv'
  /** a temp file path in WeChat, the bytes in H5 */
  file: string | Blob
}

/** null: the regulator closed the picker without choosing. */
export async function pickRegisterFile(): Promise<{ name: string; size: number; file: string | Blob } | null> {
  throw new Error(`no file picker for platform ${process.env.TARO_ENV}`)
}

export async function storeRegisterFile(_cloudPath: string, _file: PickedFile): Promise<string> {
  throw new Error(`no storage for platform ${process.env.TARO_ENV}`)
}
