/**
 * PLACEHOLDER until the lead's `openExport` (src/services/openFile.ts, issue #17) is on main:
 * weapp downloadFile + openDocument, H5 a download link. Until then it only says the file is made.
 */
export async function openMonitorExport(file: { url: string; fileName: string }): Promise<string> {
  return file.url ? "Excel文件已生成" : "Excel文件没有生成，请稍后再试"
}
