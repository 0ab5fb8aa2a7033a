import { POLICY_LIBRARY } from '../policy/library'

/**
 * Ids others link to (问一问's question set, messages, bookmarks) must never break: a policy,
 * lesson or guide id that has to change keeps its old id here, mapped to the new one. Policies may
 * also carry their own `aliases` in their content file; both are read. Empty today: nothing has
 * been renamed since ids were pinned (test/unit/assistantIds.test.ts lists them).
 */
export const ID_ALIASES: Readonly<Record<string, string>> = {}

const POLICY_ALIASES: Record<string, string> = Object.fromEntries(POLICY_LIBRARY.flatMap((p) => (p.aliases ?? []).map((a) => [a, p.id])))

/** The current id for an id that may be an old one (unknown ids come back unchanged). */
export function resolveId(id: string): string {
  let cur = id
  // an alias may point at an id that was itself renamed later: follow the chain, never loop
  for (let i = 0; i < 10; i++) {
    const next = ID_ALIASES[cur] ?? POLICY_ALIASES[cur]
    if (!next || next === cur) return cur
    cur = next
  }
  return cur
}
