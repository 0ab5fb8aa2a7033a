/**
 * Opens a staff export (an Excel file the function made) on this device. Taro picks
 * openFile.weapp.ts (download, then WeChat's document viewer with its 转发/保存 menu) or
 * openFile.h5.ts (a browser download); this file is what other targets and the type checker see.
 */
export interface ExportFile {
  /** a cloud fileID (`cloud://…`) or a URL */
  url: string
  fileName: string
}

/** Resolves to a line to show the person: what happened, in Chinese. */
export async function openExport(_file: ExportFile): Promise<string> {
  return '这个环境不能打开表格'
}
