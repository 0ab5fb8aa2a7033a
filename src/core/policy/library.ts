import type { Condition } from './rules'
import type { PolicyAct } from './act'
import { CATEGORIES, type Category } from './categories'
// One file per source document, reviewed by policy staff as data (content/policies/REVIEW.md).
// Imported statically so esbuild bundles them into the functions; validated against the zod
// schema in src/core/policy/content.ts by test/unit/policyContent.test.ts, not here: this module
// is also reached from shared code and must not pull in zod.
import serviceMonth from '../../../content/policies/000-service-month.json'
import ganzhou from '../../../content/policies/001-ganzhou.json'
import wenzhou from '../../../content/policies/003-wenzhou.json'
import wuhan from '../../../content/policies/004-wuhan.json'

export { CATEGORIES, type Category }

/** Where a policy comes from. Staff-written policies give only document, number and clause. */
export interface Source {
  /** the citation shown to owners: 《title》, plus （征求意见稿） for a draft */
  document: string
  number: string | null
  clause: string
  /** which file in ../shared/seeds (staff-written policies have none) */
  seed?: string
  /** the document's title exactly as it stands in the seed */
  title?: string
  /** who issued it, as the seed says (a masked province says so) */
  issuer?: string
  /** a 征求意见稿: not a final text */
  draft?: boolean
  /** the region the document applies to, or null when the document does not say (masked) */
  region?: string | null
  /** the year the document gives itself ("2024年", "2024年度"), shown beside the issuer */
  year?: string | null
}

/** A sentence of the source that supports a claim; checked verbatim against the seed. */
export interface Evidence {
  claim: string
  quote: string
}

/** Something resting on no quotable source: this platform's default or reading (本平台口径). */
export interface PlatformNote {
  claim: string
  note: string
}

/** What the document says about time, in its own words, with the dates we read from it. */
export interface Period {
  text: string | null
  from: string | null
  to: string | null
  quote: string | null
}

export interface PolicyDocument {
  title: string
  number: string | null
  issuer: string
  seed: string
  draft: boolean
  region: string | null
  year: string | null
  date: string | null
  evidence: Evidence[]
  platform: PlatformNote[]
}

/** One policy as written in a content file: a library policy whose source is its document, plus the clause. */
export type PolicyEntry = Omit<PolicySeed, 'source'> & { clause: string }

export interface PolicyFile {
  document: PolicyDocument
  policies: PolicyEntry[]
}

/** The fields every policy has, the library's and staff-written ones alike. */
export interface PolicyBase {
  title: string
  summary: { what: string; who: string; how: string; where: string }
  department: string
  category: Category
  effectiveFrom: string
  effectiveTo: string | null
  source: Source
  conditions: Condition[]
  /** how to act on it (core/policy/act); policies staff wrote before it existed have none */
  act?: PolicyAct | null
}

/** A library policy: the base plus its evidence. */
export interface PolicySeed extends PolicyBase {
  id: string
  act: PolicyAct
  aliases?: string[]
  period: Period
  reviewedAt: string | null
  evidence: Evidence[]
  platform: PlatformNote[]
}

/** The content files by name; JSON's widened types are checked by the schema in the test. */
export const POLICY_FILES: Record<string, PolicyFile> = {
  '000-service-month.json': serviceMonth as unknown as PolicyFile,
  '001-ganzhou.json': ganzhou as unknown as PolicyFile,
  '003-wenzhou.json': wenzhou as unknown as PolicyFile,
  '004-wuhan.json': wuhan as unknown as PolicyFile
}

export function toSeed(doc: PolicyDocument, p: PolicyEntry): PolicySeed {
  const { clause, ...rest } = p
  return {
    ...rest,
    source: {
      document: `《${doc.title}》${doc.draft ? '（征求意见稿）' : ''}`,
      number: doc.number,
      clause,
      seed: doc.seed,
      title: doc.title,
      issuer: doc.issuer,
      draft: doc.draft,
      region: doc.region,
      year: doc.year
    }
  }
}

export const POLICY_LIBRARY: PolicySeed[] = Object.values(POLICY_FILES).flatMap((f) => f.policies.map((p) => toSeed(f.document, p)))
