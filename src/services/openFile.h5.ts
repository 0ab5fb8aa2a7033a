import type { ExportFile } from './openFile'

export type { ExportFile } from './openFile'

/** In the browser the file is downloaded under its Chinese name. */
export async function openExport(file: ExportFile): Promise<string> {
  const a = document.createElement('a')
  a.href = file.url
  a.download = file.fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  return `已下载：${file.fileName}`
}
