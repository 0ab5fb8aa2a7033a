/** A picked file's kind by its name; null: not one we read (the page says which are). */
export function extOf(name: string): 'xlsx' | 'csv' | 'xls' | null {
  const m = /\.([A-Za-z]+)$/.exec(name)
  const ext = m ? m[1].toLowerCase() : ''
  return ext === 'xlsx' || ext === 'csv' || ext === 'xls' ? ext : null
}
