// Course content: the lessons and question banks live in content/course/*.json (one file per
// module), each point and question carrying its evidence. This file only types and indexes them.
// No zod here (tests validate the files against src/core/content/schema.ts). Only the course
// function and tests import this file: the question banks (answers) must never reach the client.
import type { Industry } from '../user/options'
import { describeSources, type Evidence, type PlatformNote } from '../content/evidence'
import basics from '../../../content/course/basics.json'
import safety from '../../../content/course/safety.json'
import law from '../../../content/course/law.json'
import management from '../../../content/course/management.json'
import tax from '../../../content/course/tax.json'
import financeHelp from '../../../content/course/finance-help.json'
import food from '../../../content/course/food.json'

/**
 * 开业第一课 (温市监联〔2024〕13号 measure 6: 主体经营须知、安全生产规范、法律合规指引、内部管理体系,
 * pushed to every new owner, with online training and assessment). Written for a stall owner on a
 * phone: short points, one idea each, each resting on a quote of its source or on a labelled
 * platform note (content/course/REVIEW.md says what was checked).
 *
 * A question's options are written with the correct one first (`answer: 0` unless stated); the
 * exam shuffles them, and only the server ever sees which is right.
 */
export interface Question {
  id: string
  stem: string
  options: string[]
  answer: number
  /** shown after grading: why the answer is right */
  explain: string
  evidence: Evidence[]
  platform?: PlatformNote
}
export interface LessonPoint {
  text: string
  evidence: Evidence[]
  platform?: PlatformNote
}
export interface Lesson {
  id: string
  title: string
  minutes: number
  /** the points' texts, as the lesson page shows them */
  points: string[]
  /** the documents the points rest on, as shown under the lesson (titles and issuers, never file names) */
  source: string
  questions: Question[]
  /** each point with its evidence */
  cited: LessonPoint[]
}
export interface Module {
  id: string
  title: string
  /** 'core' for everyone, or the industries whose owners also take it */
  track: 'core' | readonly Industry[]
  lessons: Lesson[]
}

/** The shape of a content/course/*.json file (as TypeScript infers it from the JSON). */
interface ModuleFile {
  id: string
  title: string
  track: string | string[]
  lessons: Array<{ id: string; title: string; minutes: number; points: LessonPoint[]; questions: Question[] }>
}

const OURS = '标“本平台”的内容是本平台的建议或说明'

function fromFile(file: ModuleFile): Module {
  return {
    id: file.id,
    title: file.title,
    track: file.track === 'core' ? 'core' : (file.track as Industry[]),
    lessons: file.lessons.map((l) => {
      const evidence = l.points.flatMap((p) => p.evidence)
      const ours = l.points.some((p) => p.platform)
      return {
        id: l.id,
        title: l.title,
        minutes: l.minutes,
        points: l.points.map((p) => p.text),
        source: [describeSources(evidence), ours ? OURS : ''].filter(Boolean).join('；'),
        questions: l.questions,
        cited: l.points
      }
    })
  }
}

export const MODULES: Module[] = [basics, safety, law, management, tax, financeHelp, food].map((f) => fromFile(f as ModuleFile))

/** The modules an owner takes: every core module, plus their industry's track. */
export function modulesFor(industry: Industry | null | undefined): Module[] {
  return MODULES.filter((m) => m.track === 'core' || (industry != null && m.track.includes(industry)))
}

export function findLesson(id: string): { module: Module; lesson: Lesson } | null {
  for (const module of MODULES) {
    const lesson = module.lessons.find((l) => l.id === id)
    if (lesson) return { module, lesson }
  }
  return null
}
