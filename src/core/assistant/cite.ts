/**
 * The optional language model (问一问, #19) answers only from the retrieved passages and cites them
 * as [1]..[3]. Its answer is shown only if every sentence cites a passage and every cited number is
 * one of the passages it was given; otherwise the extractive answer (the cards alone) is shown.
 * Pure: the prompt and the check, so both are tested without ever calling a model.
 */
export interface CitedPassage {
  n: number
  title: string
  text: string
  source: string
}

export const MODEL_SYSTEM =
  '你是个体工商户服务小程序的问答助手。只能根据下面编号的资料回答，不能用资料以外的知识，不能编造数字、条件或期限。' +
  '用简单的中文回答，不超过4句话；每句话末尾用[编号]标明依据的资料，例如[1]。资料里没有答案时，只回答：没有找到可靠的答案。' +
  '是否符合条件以主管部门审核为准，不要下结论。'

export function modelPrompt(question: string, passages: readonly CitedPassage[]): { system: string; user: string } {
  const material = passages.map((p) => `[${p.n}]《${p.title}》（出处：${p.source}）\n${p.text}`).join('\n\n')
  return { system: MODEL_SYSTEM, user: `资料：\n${material}\n\n问题：${question}` }
}

/** Sentences end at 。！？ (or a line break); a trailing citation belongs to the sentence before it. */
export function sentences(answer: string): string[] {
  return answer
    .replace(/([。！？!?])\s*((?:\[\d+\])+)/g, '$2$1')
    .split(/(?<=[。！？!?])|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/**
 * The model's answer if it may be shown, else null: non-empty, at most 600 characters, every
 * sentence citing at least one passage, every citation one of `given` (1..n), and no link.
 */
export function acceptModelAnswer(answer: string | null | undefined, given: readonly number[]): string | null {
  const a = (answer ?? '').trim()
  if (!a || a.length > 600 || /https?:\/\/|www\./i.test(a)) return null
  if (a.includes('没有找到可靠的答案')) return null
  const ok = new Set(given)
  const parts = sentences(a)
  if (!parts.length) return null
  for (const s of parts) {
    const cited = [...s.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]))
    if (!cited.length || cited.some((n) => !ok.has(n))) return null
  }
  return a
}
