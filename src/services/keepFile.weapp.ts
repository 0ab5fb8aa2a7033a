import Taro from '@tarojs/taro'
import type { ExportFiles, KeepAction } from './keepFile'

export type { ExportFiles, KeepAction } from './keepFile'

/**
 * In WeChat the export becomes two files in the mini-program's own user folder
 * (wx.env.USER_DATA_PATH, which needs no permission); wx.shareFileMessage (base library
 * 2.16.1+, only from a tap) sends one to a chat — 文件传输助手 keeps it. wx.openDocument cannot
 * show them (it opens only doc/xls/ppt/pdf), so it is not used. Where any of these is missing
 * (an old base library), the readable text is copied instead (剪切板, declared in the 用户隐私保护指引).
 */
type Wx = {
  env?: { USER_DATA_PATH?: string }
  getFileSystemManager?: () => { writeFileSync(path: string, data: string, encoding: string): void }
  shareFileMessage?: (o: { filePath: string; fileName: string; success?: () => void; fail?: (e: { errMsg?: string }) => void }) => void
}
// Taro copies every wx API (and wx.env) onto Taro in the weapp build; older base libraries lack some
declare const wx: Wx | undefined
const wxApi = (): Wx => {
  const t = Taro as unknown as Wx
  return t.env ? t : { ...t, env: typeof wx !== 'undefined' ? wx?.env : undefined }
}

let written: { json: string; txt: string } | null = null

export async function prepareFiles(files: ExportFiles): Promise<void> {
  written = null
  const w = wxApi()
  const dir = w.env?.USER_DATA_PATH
  if (!dir || typeof w.getFileSystemManager !== 'function' || typeof w.shareFileMessage !== 'function') return
  try {
    const fs = w.getFileSystemManager()
    const json = `${dir}/${files.fileBase}.json`
    const txt = `${dir}/${files.fileBase}.txt`
    fs.writeFileSync(json, files.json, 'utf8')
    fs.writeFileSync(txt, files.text, 'utf8')
    written = { json, txt }
  } catch {
    // the user folder is full or unavailable: copying still works
    written = null
  }
}

function share(path: string, fileName: string): Promise<string> {
  return new Promise((resolve) => {
    wxApi().shareFileMessage!({
      filePath: path,
      fileName,
      success: () => resolve('已发送'),
      fail: (e) => resolve(/cancel/.test(e?.errMsg ?? '') ? '' : '没有发送成功，可以改用“复制文字版”')
    })
  })
}

const copy: KeepAction = {
  id: 'copy',
  label: '复制文字版',
  run: async (files) => {
    await Taro.setClipboardData({ data: files.text })
    return '已复制，可以粘贴到备忘录或发给自己'
  }
}

export function keepActions(): KeepAction[] {
  const w = written
  if (!w) return [copy]
  return [
    { id: 'share-text', label: '发到微信聊天（文字版）', run: (f) => share(w.txt, `${f.fileBase}.txt`) },
    { id: 'share-json', label: '发到微信聊天（JSON数据版）', run: (f) => share(w.json, `${f.fileBase}.json`) },
    copy
  ]
}

export const KEEP_HINT = '发给“文件传输助手”就能一直保存在微信里，也可以发到电脑上打开。'
