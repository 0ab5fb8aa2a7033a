import type { ExportFiles, KeepAction } from './keepFile'

export type { ExportFiles, KeepAction } from './keepFile'

/** In the browser the export is downloaded: a text file to read and a JSON file with every record. */
function download(name: string, content: string, type: string): Promise<string> {
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return Promise.resolve('已下载')
}

export async function prepareFiles(_files: ExportFiles): Promise<void> {}

export function keepActions(): KeepAction[] {
  return [
    { id: 'download-text', label: '下载文字版', run: (f) => download(`${f.fileBase}.txt`, f.text, 'text/plain') },
    { id: 'download-json', label: '下载JSON数据版', run: (f) => download(`${f.fileBase}.json`, f.json, 'application/json') }
  ]
}

export const KEEP_HINT = '文字版可以直接阅读；JSON数据版是全部原始记录，便于带到别处。'
