/**
 * Where a piece of content comes from. Every number and condition an owner reads carries either
 * an `evidence` quote (a seed document's exact words, or a law's article as we know it) or a
 * `platform` note (this platform's own reading or default, which configuration may change).
 * Plain types and pure helpers only: this file is bundled into functions and the client.
 */
export interface EvidenceSource {
  /** the document's title and issuer, as shown to owners (never a file name) */
  document: string
  /** 文号 or 令号, where the document has one */
  number: string | null
  /** article / clause / measure */
  clause: string
  /** which file in ../shared/seeds holds the text (checked verbatim by a test); null for laws */
  seed: string | null
}

export interface Evidence {
  source: EvidenceSource
  /** the exact words of the source */
  quote: string
}

export interface PlatformNote {
  /** starts with PLATFORM_PREFIX */
  note: string
}

export const PLATFORM_PREFIX = '本平台口径：'

/** "《文件》（文号）第X条；《文件》第Y条": one entry per document, its clauses joined. */
export function describeSources(evidence: readonly Evidence[]): string {
  const byDoc = new Map<string, string[]>()
  for (const e of evidence) {
    const doc = `${e.source.document}${e.source.number ? `（${e.source.number}）` : ''}`
    const clauses = byDoc.get(doc) ?? []
    if (!clauses.includes(e.source.clause)) clauses.push(e.source.clause)
    byDoc.set(doc, clauses)
  }
  return [...byDoc].map(([doc, clauses]) => `${doc}${clauses.join('、')}`).join('；')
}
