import Taro from '@tarojs/taro'
import type { ExportFile } from './openFile'

export type { ExportFile } from './openFile'

/**
 * In WeChat: fetch the file (a cloud file through wx.cloud.downloadFile, which needs no
 * download-domain setting), then wx.openDocument shows it; its menu (showMenu) forwards it to a
 * chat or saves it, which is how a file leaves the phone for a PC.
 */
export async function openExport(file: ExportFile): Promise<string> {
  try {
    let tempFilePath: string
    if (file.url.startsWith('cloud://')) tempFilePath = (await Taro.cloud.downloadFile({ fileID: file.url })).tempFilePath
    else {
      const r = await Taro.downloadFile({ url: file.url })
      // a 404 or 500 still "succeeds" with its error page as the file
      if (r.statusCode !== 200) throw new Error(String(r.statusCode))
      tempFilePath = r.tempFilePath
    }
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
    return `已打开：${file.fileName}。点右上角“···”可以发给同事或电脑`
  } catch {
    return '表格没有打开，请稍后再试'
  }
}
