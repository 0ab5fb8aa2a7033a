// Labels and limits only, no zod: client pages import this without pulling in the validation library.

export const QUESTION_MAX = 200
export const REPLY_MAX = 1000

export const QUESTION_STATES = { asked: '已回答', waiting: '待人工回复', replied: '已人工回复' } as const
export type QuestionState = keyof typeof QUESTION_STATES

/** the staff page's tabs: the questions handed to a person first */
export const QUESTION_VIEWS = { waiting: '待回复', unanswered: '没找到答案', all: '全部' } as const
export type QuestionView = keyof typeof QUESTION_VIEWS
