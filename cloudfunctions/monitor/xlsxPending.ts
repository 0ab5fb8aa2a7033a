import type { Context } from '../common/context'
import { precondition } from '../common/errors'
import type { Ports } from '../common/ports'

/**
 * PLACEHOLDER until the lead's shared Excel export (cloudfunctions/common/xlsx.ts, issue #17) is on
 * main: the same signature, so switching is one import. It writes nothing and says so in words.
 */
export interface XlsxSheet {
  name: string
  columns: Array<{ header: string; key: string; width?: number }>
  rows: Array<Record<string, string | number | null>>
}
export async function exportXlsx(_ports: Ports, _ctx: Context, _book: { fileBase: string; sheets: XlsxSheet[] }): Promise<{ url: string; fileName: string }> {
  throw precondition('导出Excel暂不可用，请稍后再试')
}
