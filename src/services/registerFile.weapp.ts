import Taro from '@tarojs/taro'
import type { PickedFile } from './registerFile'

export type { PickedFile } from './registerFile'

/** A file from a WeChat chat (the regulator sends the export to themselves or 文件传输助手). */
export async function pickRegisterFile(): Promise<{ name: string; size: number; file: string } | null> {
  try {
    const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv', 'xls'] })
    const f = r.tempFiles[0]
    return f ? { name: f.name, size: f.size, file: f.path } : null
  } catch (err) {
    if (/cancel/.test((err as { errMsg?: string })?.errMsg ?? '')) return null
    throw new Error('没能打开聊天里的文件，请重试')
  }
}

/** The phone stores the file in cloud storage itself; the function reads it from there. */
export async function storeRegisterFile(cloudPath: string, f: PickedFile): Promise<string> {
  const r = await Taro.cloud.uploadFile({ cloudPath, filePath: f.file as string })
  return r.fileID
}
