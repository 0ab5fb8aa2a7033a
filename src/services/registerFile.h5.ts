import { currentOpenid } from './identity'
import type { PickedFile } from './registerFile'

export type { PickedFile } from './registerFile'

/** A file input kept in the page (hidden), so the browser's own chooser opens. */
export function pickRegisterFile(): Promise<{ name: string; size: number; file: Blob } | null> {
  return new Promise((resolve) => {
    let input = document.getElementById('register-file-input') as HTMLInputElement | null
    if (!input) {
      input = document.createElement('input')
      input.type = 'file'
      input.id = 'register-file-input'
      input.accept = '.xlsx,.csv,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'
      input.style.display = 'none'
      document.body.appendChild(input)
    }
    input.value = ''
    input.onchange = () => {
      const f = input!.files?.[0]
      resolve(f ? { name: f.name, size: f.size, file: f } : null)
    }
    input.click()
  })
}

/** The local cloud's stand-in for wx.cloud.uploadFile. Its errors are already plain Chinese. */
export async function storeRegisterFile(cloudPath: string, f: PickedFile): Promise<string> {
  const res = await fetch(`/api/local/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': currentOpenid() },
    body: f.file as Blob
  })
  const body = (await res.json().catch(() => ({}))) as { fileID?: string; error?: { message?: string } }
  if (!res.ok || !body.fileID) throw new Error(body.error?.message ?? '文件没有传上去，请稍后再试')
  return body.fileID
}
